import Foundation
import Plot
import ChorusCore

/// The "map to given themes" page: a GET form (themes one per line, scope, threshold), then for each theme how many
/// insights seem to be about it and the most confident of them, with a CSV of every suggestion for review.
enum GivenThemesView {
    static func render(_ m: AnalysisPages.GivenThemes, _ ctx: PageContext) -> Page {
        let input = m.input, errors = m.errors
        let f = ValidationFailure(errors)
        var body: [HNode] = [
            Form.errorSummary(errors, ctx), H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]),
            H.el("h1", ["class": "heading-xl"], [.text("Map insights to given themes")]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "List the themes you already have (a consultation's questions, a plan's priorities). Chorus suggests which insights are about each of them, with a confidence from 0 to 1, for you to review. Nothing is changed or stored."
                    )
                ]),
        ]
        body.append(
            H.el(
                "form", ["method": "get", "action": SiteURL.Analysis.givenThemes, "novalidate": ""],
                [
                    Form.field(
                        "themes", label: "Themes, one per line", control: .textarea(rows: 6), value: input.themes, error: f.message(for: "themes"),
                        hint:
                            "Name, then a colon and what it is about, for example \u{201C}Buses: routes, timetables, fares, bus stops\u{201D}. The more words a description gives, the better it matches. At most \(GivenThemeList.maxThemes) themes.",
                        required: true),
                    H.el(
                        "fieldset", ["class": "fieldset", "aria-describedby": "scope-hint"],
                        [
                            H.el("legend", ["class": "legend"], [.text("Which insights (optional)")]),
                            H.el(
                                "div", ["class": "hint", "id": "scope-hint"],
                                [
                                    .text(
                                        "One of your organisation\u{2019}s bundles, or the filters of the insights list. None: every insight your organisation can see (at most \(NumberText.grouped(GivenThemeMapping.maxInsights)))."
                                    )
                                ]),
                            H.el(
                                "div", ["class": "filter-bar"],
                                [
                                    Form.field(
                                        "bundle_id", label: "Insight bundle", control: .select(m.choices.bundles, placeholder: "No bundle"),
                                        value: input.bundleID, error: f.message(for: "bundle_id"))
                                ]
                                    + InsightListView.filterFields(
                                        ctx, input.scope, m.choices.insight, activities: m.choices.activities, errors: errors)),
                        ]),
                    Form.field(
                        "threshold", label: "Threshold (optional)", control: .text(width: "5"), value: input.threshold,
                        error: f.message(for: "threshold"),
                        hint:
                            "The lowest confidence that counts as a match, from 0.05 to 0.95. Default: 0.2 with sentence embeddings, 0.3 with word matching. Lower finds more, with more mistakes."
                    ),
                    Form.button("Suggest matches"),
                ]))
        if let r = m.result {
            let assigned = r.insights - r.unassigned
            body.append(H.el("h2", ["class": "heading-m", "id": "results"], [.text("Suggestions")]))
            body.append(
                H.el(
                    "p", [:],
                    [
                        .text(
                            "\(NumberText.grouped(r.insights)) insights read; \(NumberText.grouped(assigned)) matched at least one theme at a confidence of \(String(format: "%.2f", r.threshold)) or more, \(NumberText.grouped(r.unassigned)) matched none. Matched by \(r.method)."
                        )
                    ]))
            var csvQuery: [String: String?] = [
                "themes": input.themes, "bundle_id": input.bundleID, "threshold": input.threshold,
            ]
            for (k, v) in input.scope { csvQuery[k] = v }
            csvQuery["format"] = "csv"
            body.append(H.el("p", [:], [H.link("Download every suggestion (CSV)", SiteURL.with(SiteURL.Analysis.givenThemes, csvQuery))]))
            body.append(
                Lists.table(
                    Array(r.themes.indices),
                    columns: [
                        .init(header: "Theme") { i in H.link(r.themes[i].name, "#given-\(i + 1)") },
                        .init(header: "Insights") { i in .text(NumberText.grouped(r.of(i).count)) },
                        .init(header: "Mean confidence") { i in
                            let a = r.of(i)
                            return .text(a.isEmpty ? "—" : String(format: "%.2f", a.map(\.confidence).reduce(0, +) / Double(a.count)))
                        },
                    ], caption: "Insights suggested for each theme", empty: ""))
            for i in r.themes.indices {
                let top = r.of(i).prefix(GivenThemeMapping.examplesPerTheme)
                body.append(H.el("h3", ["class": "heading-s", "id": "given-\(i + 1)"], [.text(r.themes[i].name)]))
                if top.isEmpty {
                    body.append(H.el("p", [:], [.text("No insight reached the threshold for this theme.")]))
                    continue
                }
                body.append(
                    Lists.table(
                        Array(top),
                        columns: [
                            .init(header: "Confidence") { .text(String(format: "%.2f", $0.confidence)) },
                            .init(header: "Insight") { a in H.link(String(a.text.prefix(200)), SiteURL.Insights.show(a.insight)) },
                            .init(header: "Heard") { .text($0.heard.description) },
                        ], caption: "Most confident suggestions for \(r.themes[i].name)", empty: ""))
            }
        }
        return Page(title: "Map insights to given themes", body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
