import Vapor
import Plot
import ChorusCore

/// One theme: label, key phrases, representative quotes (redacted text), sentiment, interpretation note, members
/// with paging, and for analysts the forms to rename, pin, note, merge, split, move an insight and map to the taxonomy.
enum ThemeView {
    struct Member: Sendable { let id: UUID; let text: String; let heard: String; let sentiment: String }

    static func render(_ req: Request, run: AnalysisRun, theme: DiscoveredTheme, quotes: [(UUID, String)], members: PageOf<Member>,
                       others: [(UUID, String)], taxonomy: [(UUID, String)], taxonomyName: String?, canEdit: Bool,
                       errors: [FieldError], notice: String?) -> Response {
        let f = ValidationFailure(errors)
        let id = theme.id!, runID = run.id!
        var body: [HNode] = [H.el("a", ["href": SiteURL.Analysis.run(runID), "class": "back-link"], [.text("Back to \(run.title)")]),
                             Form.errorSummary(errors, req),
                             H.el("h1", ["class": "heading-xl"], [.text(theme.displayLabel)])]
        var facts: [(String, String)] = [
            ("Key phrases", theme.phrases.joined(separator: ", ")),
            ("Size", "\(NumberText.grouped(theme.size)) insights, \(NumberText.grouped(theme.people)) people represented"),
            ("Sentiment", "\(theme.positive) positive, \(theme.neutral) neutral, \(theme.negative) negative (mean \(String(format: "%+.2f", theme.meanSentiment)) on a scale from −1 to +1)"),
            ("Pinned", theme.pinned ? "Yes: kept with this name when the analysis is run again" : "No"),
        ]
        if theme.renamedLabel != nil { facts.append(("Engine's label", theme.label)) }
        if let taxonomyName { facts.append(("Mapped to taxonomy theme", taxonomyName)) }
        if let s = theme.matchStatus { facts.append(("Since last run", s)) }
        body.append(H.el("dl", ["class": "summary-list"], facts.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [.text($0.1)])] }))
        if let note = theme.note {
            body.append(H.el("h2", ["class": "heading-m"], [.text("Interpretation note")]))
            body.append(H.el("p", ["class": "panel"], [.text(note)]))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text("Representative quotes")]))
        body.append(H.el("ul", ["class": "plain-list"], quotes.map { H.el("li", [:], [H.el("blockquote", ["class": "quote"], [.text($0.1)])]) }))
        body.append(H.el("h2", ["class": "heading-m", "id": "members"], [.text("Insights in this theme")]))
        body.append(Lists.table(members.items, columns: [
            .init(header: "Insight") { H.link($0.text, SiteURL.Insights.show($0.id)) },
            .init(header: "Heard on") { .text($0.heard) },
            .init(header: "Sentiment") { .text($0.sentiment) },
        ] + (canEdit && !others.isEmpty ? [.init(header: "Move to") { m in
            Form.post(SiteURL.Analysis.move(runID), req, [
                H.void("input", ["type": "hidden", "name": "insight_id", "value": m.id.uuidString]),
                Form.field("target_theme_id", label: "Move to theme", control: .select(others.map { Form.Option($0.0.uuidString, $0.1) }, placeholder: nil),
                           value: nil, error: nil, id: "move-\(m.id.uuidString)"),
                Form.button("Move", secondary: true),
            ], class: "inline-form")
        }] : []), caption: "Insights in this theme", empty: "No insights."))
        body.append(Lists.pager(members, req: req))
        if canEdit {
            body.append(H.el("h2", ["class": "heading-m", "id": "edit"], [.text("Change this theme")]))
            body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "rename"), req, [
                Form.field("label", label: "New name", control: .text(), value: theme.renamedLabel, error: f.message(for: "label"), required: true),
                Form.button("Rename", secondary: true),
            ]))
            body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "pin"), req, [
                H.void("input", ["type": "hidden", "name": "pinned", "value": theme.pinned ? "false" : "true"]),
                Form.button(theme.pinned ? "Unpin" : "Pin this theme", secondary: true),
            ]))
            body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "note"), req, [
                Form.field("note", label: "Interpretation note (partners see it)", control: .textarea(rows: 4), value: theme.note, error: f.message(for: "note")),
                Form.button("Save note", secondary: true),
            ]))
            if !others.isEmpty {
                body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "merge"), req, [
                    Form.field("other_theme_id", label: "Merge another theme into this one",
                               control: .select(others.map { Form.Option($0.0.uuidString, $0.1) }, placeholder: "Choose a theme"),
                               value: nil, error: f.message(for: "other_theme_id")),
                    Form.button("Merge", secondary: true),
                ]))
            }
            body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "split"), req, [
                H.el("p", [:], [.text("Split re-groups this theme's insights into two themes.")]),
                .if(f.message(for: "theme") != nil, H.el("p", ["class": "error-message", "id": "f-theme"], [.text(f.message(for: "theme") ?? "")])),
                Form.button("Split in two", secondary: true),
            ]))
            body.append(Form.post(SiteURL.Analysis.themeAction(runID, id, "map"), req, [
                Form.field("taxonomy_theme_id", label: "Map to a taxonomy theme (tags its insights)",
                           control: .select(taxonomy.map { Form.Option($0.0.uuidString, $0.1) }, placeholder: "No mapping"),
                           value: theme.taxonomyThemeID?.uuidString, error: f.message(for: "taxonomy_theme_id")),
                Form.button("Save mapping", secondary: true),
            ]))
        }
        return Page(title: theme.displayLabel, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: notice, englishOnly: true).response(for: req)
    }

    /// Two runs side by side: which themes continue, which are new and which fade.
    struct Pair: Sendable { let before: String?; let after: String?; let status: String; let similarity: Double; let sizes: String }

    static func compare(_ req: Request, runs: [(UUID, String)], a: AnalysisRun?, b: AnalysisRun?, pairs: [Pair]) -> Response {
        let options = runs.map { Form.Option($0.0.uuidString, $0.1) }
        var body: [HNode] = [H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]),
                             H.el("h1", ["class": "heading-xl"], [.text("Compare two runs")]),
                             H.el("form", ["method": "get", "action": SiteURL.Analysis.compare], [
                                Form.field("a", label: "Earlier run", control: .select(options, placeholder: "Choose a run"), value: a?.id?.uuidString, error: nil),
                                Form.field("b", label: "Later run", control: .select(options, placeholder: "Choose a run"), value: b?.id?.uuidString, error: nil),
                                Form.button("Compare", secondary: true),
                             ])]
        if a != nil && b != nil {
            body.append(Lists.table(pairs, columns: [
                .init(header: "Earlier theme") { .text($0.before ?? "—") },
                .init(header: "Later theme") { .text($0.after ?? "—") },
                .init(header: "Status") { .text($0.status) },
                .init(header: "Similarity") { .text(String(format: "%.2f", $0.similarity)) },
                .init(header: "Insights (earlier → later)") { .text($0.sizes) },
            ], caption: "Themes matched between the two runs", empty: "Neither run has themes."))
        }
        return Page(title: "Compare two runs", body: body, englishOnly: true).response(for: req)
    }
}
