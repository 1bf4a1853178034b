import Vapor
import Plot
import ChorusCore

/// The analysis list with the form to run a new one, and a run's page: progress while it runs, then the overview
/// (theme table, bar chart of sizes, trend by month, ward table with small counts suppressed).
enum AnalysisViews {
    static let styleURL = "/assets/analysis.css"
    static var styleLink: HNode { H.void("link", ["rel": "stylesheet", "href": styleURL]) }

    struct Row: Sendable { let id: UUID; let title: String; let organisation: String; let status: String; let insights: Int; let themes: Int; let created: Date? }

    static func list(_ req: Request, rows: [Row], bundles: [(UUID, String)], canRun: Bool, input: [String: String], errors: [FieldError]) -> Response {
        let f = ValidationFailure(errors)
        var body: [HNode] = [Form.errorSummary(errors, req), H.el("h1", ["class": "heading-xl"], [.text("Thematic analysis")]),
                             H.el("p", ["class": "lead"], [.text("Chorus groups insights into themes on its own server: no resident's words are sent anywhere. Themes are suggestions for analysts to rename, merge, split and pin.")])]
        body.append(Lists.table(rows, columns: [
            .init(header: "Analysis") { H.link($0.title, SiteURL.Analysis.run($0.id)) },
            .init(header: "Run by") { .text($0.organisation) },
            .init(header: "Status") { .text($0.status) },
            .init(header: "Insights") { .text(NumberText.grouped($0.insights)) },
            .init(header: "Themes") { .text(String($0.themes)) },
            .init(header: "Started") { .text($0.created.map { Day($0).description } ?? "") },
        ], caption: "Analyses", empty: "No analysis has been run yet."))
        if canRun {
            body.append(H.el("h2", ["class": "heading-m", "id": "new"], [.text("Run a new analysis")]))
            body.append(Form.post(SiteURL.Analysis.create, req, [
                Form.field("title", label: "Title", control: .text(), value: input["title"], error: f.message(for: "title"), required: true),
                Form.field("bundle_id", label: "Insight bundle (optional)", control: .select(bundles.map { Form.Option($0.0.uuidString, $0.1) }, placeholder: "No bundle: use the filter below"),
                           value: input["bundle_id"], error: f.message(for: "bundle_id")),
                Form.field("query", label: "Insight filter (optional)", control: .text(), value: input["query"], error: f.message(for: "query"),
                           hint: "The filter as on the insights list, for example q=bus&from=2026-01-01. Empty: every insight your organisation can see."),
                Form.field("seed", label: "Seed (optional)", control: .text(), value: input["seed"], error: f.message(for: "seed"),
                           hint: "The same seed and the same insights give the same themes."),
                Form.button("Run analysis"),
            ]))
        }
        body.append(H.el("p", [:], [H.link("Compare two runs", SiteURL.Analysis.compare)]))
        return Page(title: "Thematic analysis", body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true).response(for: req)
    }

    static func progress(_ req: Request, run: AnalysisRun, live: Double?, refresh: Bool) -> Response {
        let running = run.statusValue == .queued || run.statusValue == .running
        var body: [HNode] = []
        if running && refresh {
            body.append(H.el("noscript", [:], [H.void("meta", ["http-equiv": "refresh", "content": "2"])]))
            body.append(H.el("script", ["src": InsightImportView.progressScriptURL, "defer": ""], []))
        }
        body.append(H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]))
        body.append(H.el("h1", ["class": "heading-xl"], [.text(run.title)]))
        if running {
            let percent = Int(((live ?? run.progress) * 100).rounded())
            let text = run.statusValue == .queued ? "Waiting to start" : "Analysing: \(percent)% done"
            body.append(H.el("div", ["class": "import-progress", "role": "status", "data-import-running": refresh ? "" : nil], [
                H.el("label", ["for": "analysis-progress"], [.text(text)]),
                H.el("progress", ["id": "analysis-progress", "max": "100", "value": String(percent)], [.text("\(percent)%")]),
            ]))
            body.append(H.el("p", [:], [refresh
                ? H.link("Stop updating this page", SiteURL.with(SiteURL.Analysis.run(run.id!), ["refresh": "off"]))
                : H.link("Check progress now", SiteURL.with(SiteURL.Analysis.run(run.id!), ["refresh": "off"]))]))
        } else {
            body.append(H.el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"], [
                H.el("h2", ["class": "error-summary-title"], [.text("The analysis did not finish")]),
                H.el("p", [:], [.text(run.error ?? "Unknown error")]),
            ]))
        }
        return Page(title: run.title, body: body, englishOnly: true).response(for: req)
    }

    struct Overview: Sendable {
        struct ThemeRow: Sendable {
            let id: UUID; let label: String; let size: Int; let people: Int; let positive: Int; let neutral: Int; let negative: Int
            let pinned: Bool; let status: String?; let byMonth: [Int]; let byWard: [Int]
        }
        var themes: [ThemeRow]
        var months: [String]
        var wards: [String]
        var fading: [String]
        var organisation: String
        var previousRunID: UUID?
    }

    static func overview(_ req: Request, run: AnalysisRun, o: Overview, canEdit: Bool, notice: String?) -> Response {
        var body: [HNode] = [styleLink, H.el("a", ["href": SiteURL.Analysis.list, "class": "back-link"], [.text("All analyses")]),
                             H.el("h1", ["class": "heading-xl"], [.text(run.title)])]
        body.append(H.el("p", [:], [.text("\(NumberText.grouped(run.insightCount)) insights analysed for \(o.organisation), in \(o.themes.count) themes; \(NumberText.grouped(run.unassignedCount)) of \(NumberText.grouped(run.insightCount)) insights were too unlike any theme and are left unassigned. Method: \(run.method ?? "").")]))
        if run.privateToOrganisation {
            body.append(H.el("p", [:], [.text("This analysis includes insights shared within \(o.organisation) only, so only \(o.organisation) can see it.")]))
        }
        var actions: [HNode] = []
        if canEdit { actions.append(Form.post(SiteURL.Analysis.rerun(run.id!), req, [Form.button("Run again", secondary: true)], class: "inline-form")) }
        if let p = o.previousRunID { actions.append(H.link("Compare with the previous run", SiteURL.Analysis.compare(p, run.id!))) }
        body.append(H.el("div", ["class": "button-group"], actions))
        body.append(H.el("h2", ["class": "heading-m"], [.text("Themes")]))
        body.append(Lists.table(o.themes, columns: [
            .init(header: "Theme") { t in .group([H.link(t.label, SiteURL.Analysis.theme(run.id!, t.id)), .if(t.pinned, .text(" (pinned)"))]) },
            .init(header: "Insights") { .text(NumberText.grouped($0.size)) },
            .init(header: "People") { .text(NumberText.grouped($0.people)) },
            .init(header: "Positive / neutral / negative") { .text("\($0.positive) / \($0.neutral) / \($0.negative)") },
            .init(header: "Since last run") { .text($0.status ?? "first run") },
            .init(header: "By month") { t in
                SVGChart.trend(t.byMonth, id: "trend-\(t.id.uuidString.prefix(8))", title: "Insights by month: \(t.label)",
                               description: zip(o.months, t.byMonth).map { "\($0): \($1)" }.joined(separator: ", "))
            },
        ], caption: "Themes of this analysis", empty: "No themes were found."))
        if !o.fading.isEmpty {
            body.append(H.el("p", [:], [.text("Fading since the previous run: " + o.fading.joined(separator: "; "))]))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text("Theme sizes")]))
        body.append(H.el("figure", [:], [
            SVGChart.bars(o.themes.map { .init(label: $0.label, value: $0.size) }, id: "sizes", title: "Insights per theme",
                          description: o.themes.map { "\($0.label): \($0.size) insights" }.joined(separator: "; ")),
        ]))
        if !o.months.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text("Trend by month (insights heard)")]))
            body.append(H.el("div", ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": "Trend by month table"], [H.el("table", ["class": "table"], [
                H.el("caption", ["class": "visually-hidden"], [.text("Insights per theme by month heard")]),
                H.el("thead", [:], [H.el("tr", [:], [H.el("th", ["scope": "col"], [.text("Theme")])] + o.months.map { H.el("th", ["scope": "col"], [.text($0)]) })]),
                H.el("tbody", [:], o.themes.map { t in
                    H.el("tr", [:], [H.el("th", ["scope": "row"], [.text(t.label)])] + t.byMonth.map { H.el("td", [:], [.text(String($0))]) })
                }),
            ])]))
        }
        if !o.wards.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text("By ward")]))
            body.append(H.el("p", [:], [.text("Insights per theme by ward. Counts from 1 to 4 are shown as \u{201C}fewer than 5\u{201D} so no one can be identified.")]))
            let top = max(1, o.themes.flatMap(\.byWard).max() ?? 1)
            body.append(H.el("div", ["class": "table-wrap", "tabindex": "0", "role": "region", "aria-label": "By ward table"], [H.el("table", ["class": "table heat-table"], [
                H.el("caption", ["class": "visually-hidden"], [.text("Insights per theme by ward")]),
                H.el("thead", [:], [H.el("tr", [:], [H.el("th", ["scope": "col"], [.text("Theme")])] + o.wards.map { H.el("th", ["scope": "col"], [.text($0)]) })]),
                H.el("tbody", [:], o.themes.map { t in
                    H.el("tr", [:], [H.el("th", ["scope": "row"], [.text(t.label)])] + t.byWard.map { n in
                        let shown = SmallNumbers.shown(n)
                        let shade = shown == nil ? 1 : min(4, Int((Double(n) / Double(top) * 4).rounded(.up)))
                        return H.el("td", ["class": "heat-\(shade)"], [.text(shown.map { NumberText.grouped($0) } ?? "fewer than 5")])
                    })
                }),
            ])]))
        }
        return Page(title: run.title, body: body, notice: notice, englishOnly: true).response(for: req)
    }
}
