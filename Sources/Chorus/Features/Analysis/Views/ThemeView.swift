import Foundation
import Plot
import ChorusCore

/// One theme: label, key phrases, representative quotes (redacted text), sentiment, interpretation note, members
/// with paging, and for analysts the forms to rename, pin, note, merge, split, move an insight and map to the taxonomy.
enum ThemeView {
    static func render(_ m: AnalysisPages.ThemePage, _ ctx: PageContext) -> Page {
        let theme = m.theme, members = m.members, others = m.others, canEdit = m.canEdit, errors = m.errors
        let f = ValidationFailure(errors)
        let id = theme.id, runID = m.runID
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Analysis.run(runID), "class": "back-link"], [.text("Back to \(m.runTitle)")]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(theme.displayLabel)]),
        ]
        var facts: [(String, String)] = [
            ("Key phrases", theme.phrases.joined(separator: ", ")),
            ("Size", EnglishCount.of(theme.size, "insight", "insights") + ", " + EnglishCount.people(theme.people) + " represented"),
            (
                "Sentiment",
                "\(theme.positive) positive, \(theme.neutral) neutral, \(theme.negative) negative (mean \(String(format: "%+.2f", theme.meanSentiment)) on a scale from −1 to +1)"
            ),
            ("Pinned", theme.pinned ? "Yes: kept with this name when the analysis is run again" : "No"),
        ]
        if theme.renamedLabel != nil { facts.append(("Engine's label", theme.label)) }
        if let taxonomyName = m.taxonomyName { facts.append(("Mapped to taxonomy theme", taxonomyName)) }
        if let s = theme.matchStatus { facts.append(("Since last run", s)) }
        body.append(H.el("dl", ["class": "summary-list"], facts.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [.text($0.1)])] }))
        if let note = theme.note {
            body.append(H.el("h2", ["class": "heading-m"], [.text("Interpretation note")]))
            body.append(H.el("p", ["class": "panel"], [.text(note)]))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text("Representative quotes")]))
        body.append(H.el("ul", ["class": "plain-list"], m.quotes.map { H.el("li", [:], [H.el("blockquote", ["class": "quote"], [.text($0.text)])]) }))
        body.append(H.el("h2", ["class": "heading-m", "id": "members"], [.text("Insights in this theme")]))
        body.append(
            Lists.table(
                members.items,
                columns: [
                    .init(header: "Insight") { H.link($0.text, SiteURL.Insights.show($0.id)) },
                    .init(header: "Heard on") { .text($0.heard) },
                    .init(header: "Sentiment") { .text($0.sentiment) },
                ]
                    + (canEdit && !others.isEmpty
                        ? [
                            .init(header: "Move to") { m in
                                Form.post(
                                    SiteURL.Analysis.move(runID), ctx,
                                    [
                                        H.void("input", ["type": "hidden", "name": "insight_id", "value": m.id.uuidString]),
                                        Form.field(
                                            "target_theme_id", label: "Move to theme", control: .select(others, placeholder: nil),
                                            value: nil, error: nil, id: "move-\(m.id.uuidString)"),
                                        Form.button("Move", secondary: true),
                                    ], class: "inline-form")
                            }
                        ] : []),
                caption: "Insights in this theme", empty: "No insights."))
        body.append(Lists.pager(members, ctx))
        if canEdit {
            body.append(H.el("h2", ["class": "heading-m", "id": "edit"], [.text("Change this theme")]))
            body.append(
                Form.post(
                    SiteURL.Analysis.themeAction(runID, id, "rename"), ctx,
                    [
                        Form.field(
                            "label", label: "New name", control: .text(), value: theme.renamedLabel, error: f.message(for: "label"), required: true),
                        Form.button("Rename", secondary: true),
                    ]))
            body.append(
                Form.post(
                    SiteURL.Analysis.themeAction(runID, id, "pin"), ctx,
                    [
                        H.void("input", ["type": "hidden", "name": "pinned", "value": theme.pinned ? "false" : "true"]),
                        Form.button(theme.pinned ? "Unpin" : "Pin this theme", secondary: true),
                    ]))
            body.append(
                Form.post(
                    SiteURL.Analysis.themeAction(runID, id, "note"), ctx,
                    [
                        Form.field(
                            "note", label: "Interpretation note (partners see it)", control: .textarea(rows: 4), value: theme.note,
                            error: f.message(for: "note")),
                        Form.button("Save note", secondary: true),
                    ]))
            if !others.isEmpty {
                body.append(
                    Form.post(
                        SiteURL.Analysis.themeAction(runID, id, "merge"), ctx,
                        [
                            Form.field(
                                "other_theme_id", label: "Merge another theme into this one",
                                control: .select(others, placeholder: "Choose a theme"),
                                value: nil, error: f.message(for: "other_theme_id")),
                            Form.button("Merge", secondary: true),
                        ]))
            }
            body.append(
                Form.post(
                    SiteURL.Analysis.themeAction(runID, id, "split"), ctx,
                    [
                        H.el("p", [:], [.text("Split re-groups this theme's insights into two themes.")]),
                        .if(
                            f.message(for: "theme") != nil,
                            H.el("p", ["class": "error-message", "id": "f-theme"], [.text(f.message(for: "theme") ?? "")])),
                        Form.button("Split in two", secondary: true),
                    ]))
            body.append(
                Form.post(
                    SiteURL.Analysis.themeAction(runID, id, "map"), ctx,
                    [
                        Form.field(
                            "taxonomy_theme_id", label: "Map to a taxonomy theme (tags its insights)",
                            control: .select(m.taxonomy, placeholder: "No mapping"),
                            value: theme.taxonomyThemeID?.uuidString, error: f.message(for: "taxonomy_theme_id")),
                        Form.button("Save mapping", secondary: true),
                    ]))
        }
        return Page(title: theme.displayLabel, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: m.notice, englishOnly: true)
    }

    /// Two runs side by side: which themes continue, which are new and which fade.
    static func compare(_ m: AnalysisPages.Compare, _ ctx: PageContext) -> Page {
        let options = m.runs, a = m.a, b = m.b
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]),
            H.el("h1", ["class": "heading-xl"], [.text("Compare two runs")]),
            H.el(
                "form", ["method": "get", "action": SiteURL.Analysis.compare],
                [
                    Form.field("a", label: "Earlier run", control: .select(options, placeholder: "Choose a run"), value: a?.uuidString, error: nil),
                    Form.field("b", label: "Later run", control: .select(options, placeholder: "Choose a run"), value: b?.uuidString, error: nil),
                    Form.button("Compare", secondary: true),
                ]),
        ]
        if a != nil && b != nil {
            body.append(
                Lists.table(
                    m.pairs,
                    columns: [
                        .init(header: "Earlier theme") { .text($0.before ?? "—") },
                        .init(header: "Later theme") { .text($0.after ?? "—") },
                        .init(header: "Status") { .text($0.status) },
                        .init(header: "Similarity") { .text(String(format: "%.2f", $0.similarity)) },
                        .init(header: "Insights (earlier → later)") { .text($0.sizes) },
                    ], caption: "Themes matched between the two runs", empty: "Neither run has themes."))
        }
        return Page(title: "Compare two runs", body: body, englishOnly: true)
    }
}
