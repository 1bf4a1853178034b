import Vapor
import Plot
import ChorusCore

/// The register: every partner's activities, filterable, paginated, exportable.
enum ActivityListView {
    static func filterFields(_ req: Request, _ q: [String: String], choices c: ActivityFormView.Choices) -> [HNode] {
        [
            Form.field("q", label: req.t("list.search"), control: .text(type: "search", width: "20"), value: q["q"], error: nil),
            Form.field("ward", label: req.t("activity.filter_place"), control: .select(c.places, placeholder: req.t("list.any")), value: q["ward"], error: nil),
            Form.field("theme", label: req.t("activity.filter_theme"), control: .select(c.themes, placeholder: req.t("list.any")), value: q["theme"], error: nil),
            Form.field("audience", label: req.t("activity.filter_audience"), control: .select(c.audiences, placeholder: req.t("list.any")), value: q["audience"], error: nil),
            Form.field("organisation", label: req.t("activity.filter_organisation"), control: .select(c.organisations, placeholder: req.t("list.any")),
                       value: q["organisation"], error: nil),
            Form.field("method", label: req.t("activity.filter_method"),
                       control: .select(EngagementMethod.allCases.map { Form.Option($0.rawValue, req.t("method.\($0.rawValue)")) }, placeholder: req.t("list.any")),
                       value: q["method"], error: nil),
            Form.field("status", label: req.t("activity.status"),
                       control: .select(ActivityStatus.allCases.map { Form.Option($0.rawValue, req.t("status.\($0.rawValue)")) }, placeholder: req.t("list.any")),
                       value: q["status"], error: nil),
            Form.field("from", label: req.t("activity.filter_from"), control: .text(type: "date"), value: q["from"], error: nil),
            Form.field("to", label: req.t("activity.filter_to"), control: .text(type: "date"), value: q["to"], error: nil),
            Form.field("plan", label: req.t("activity.filter_plan"), control: .select([Form.Option("unsigned", req.t("activity.filter_plan_unsigned"))],
                                                                                     placeholder: req.t("list.any")), value: q["plan"], error: nil),
        ]
    }

    static func render(_ req: Request, page: PageOf<ActivitySummary>, query q: [String: String], canRegister: Bool) async throws -> Response {
        let title = req.t("activity.list_title")
        let c = try await ActivityFormView.Choices.load(req, people: false)
        let exportQuery = q.filter { $0.key != "page" }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "actions"], [
                .if(canRegister, H.link(req.t("activity.register"), SiteURL.Register.new, class: "button")),
                .if(canRegister, H.link(req.t("import.activities_title"), ActivityImportView.uploadURL, class: "button button-secondary")),
                H.link(req.t("activity.calendar"), SiteURL.with(SiteURL.Register.calendar, exportQuery), class: "button button-secondary"),
                H.link(req.t("activity.fatigue"), SiteURL.Register.fatigue, class: "button button-secondary"),
            ]),
            Lists.filterBar(action: SiteURL.Register.list, req: req, fields: filterFields(req, q, choices: c)),
            Lists.table(page.items, columns: columns(req), caption: title, empty: req.t("list.empty")),
            Lists.pager(page, req: req),
            H.el("p", [:], [H.link(req.t("list.download_csv"), SiteURL.with(SiteURL.Register.csv, exportQuery))]),
        ]
        return Page(title: title, body: body).response(for: req)
    }

    static func columns(_ req: Request) -> [Lists.Column<ActivitySummary>] {
        [
            .init(header: req.t("activity.title")) { s in H.link(s.title, SiteURL.Register.show(s.id)) },
            .init(header: req.t("activity.organisation")) { .text($0.organisationName) },
            .init(header: req.t("activity.places")) { s in .text(s.boroughWide ? req.t("activity.borough_wide_short") : s.places.joined(separator: ", ")) },
            .init(header: req.t("activity.themes")) { .text($0.themes.joined(separator: ", ")) },
            .init(header: req.t("activity.dates")) { .text(dates($0, req)) },
            .init(header: req.t("activity.status")) { s in H.el("strong", ["class": "tag tag-grey"], [.text(req.t("status.\(s.status)"))]) },
        ]
    }

    static func dates(_ s: ActivitySummary, _ req: Request) -> String {
        let start = DayText.long(s.start)
        guard let end = s.end else { return req.t("activity.from_open", start) }
        return end == s.start ? start : "\(start) – \(DayText.long(end))"
    }
}

/// Days for people: "23 Nov 2026".
enum DayText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static func long(_ d: Day) -> String {
        let c = d.components
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }
}
