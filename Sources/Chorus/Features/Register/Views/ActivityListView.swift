import Foundation
import Plot
import ChorusCore

/// The register: every partner's activities, filterable, paginated, exportable.
enum ActivityListView {
    static func filterFields(_ ctx: PageContext, _ q: [String: String], choices c: RegisterPages.Choices) -> [HNode] {
        [
            Form.field("q", label: ctx.t("list.search"), control: .text(type: "search", width: "20"), value: q["q"], error: nil),
            Form.field(
                "ward", label: ctx.t("activity.filter_place"), control: .select(c.places, placeholder: ctx.t("list.any")), value: q["ward"],
                error: nil),
            Form.field(
                "theme", label: ctx.t("activity.filter_theme"), control: .select(c.themes, placeholder: ctx.t("list.any")), value: q["theme"],
                error: nil),
            Form.field(
                "audience", label: ctx.t("activity.filter_audience"), control: .select(c.audiences, placeholder: ctx.t("list.any")),
                value: q["audience"], error: nil),
            Form.field(
                "organisation", label: ctx.t("activity.filter_organisation"), control: .select(c.organisations, placeholder: ctx.t("list.any")),
                value: q["organisation"], error: nil),
            Form.field(
                "method", label: ctx.t("activity.filter_method"),
                control: .select(
                    EngagementMethod.allCases.map { Form.Option($0.rawValue, ctx.t("method.\($0.rawValue)")) }, placeholder: ctx.t("list.any")),
                value: q["method"], error: nil),
            Form.field(
                "status", label: ctx.t("activity.status"),
                control: .select(
                    ActivityStatus.allCases.map { Form.Option($0.rawValue, ctx.t("status.\($0.rawValue)")) }, placeholder: ctx.t("list.any")),
                value: q["status"], error: nil),
            Form.field("from", label: ctx.t("activity.filter_from"), control: .text(type: "date"), value: q["from"], error: nil),
            Form.field("to", label: ctx.t("activity.filter_to"), control: .text(type: "date"), value: q["to"], error: nil),
            Form.field(
                "plan", label: ctx.t("activity.filter_plan"),
                control: .select(
                    [Form.Option("unsigned", ctx.t("activity.filter_plan_unsigned"))],
                    placeholder: ctx.t("list.any")), value: q["plan"], error: nil),
        ]
    }

    static func render(_ m: RegisterPages.List, _ ctx: PageContext) -> Page {
        let (page, q, canRegister, c) = (m.page, m.query, m.canRegister, m.choices)
        let title = ctx.t("activity.list_title")
        let exportQuery = q.filter { $0.key != "page" }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "actions"],
                [
                    .if(canRegister, H.link(ctx.t("activity.register"), SiteURL.Register.new, class: "button")),
                    .if(canRegister, H.link(ctx.t("import.activities_title"), SiteURL.Register.importCSV, class: "button button-secondary")),
                    H.link(ctx.t("activity.calendar"), SiteURL.with(SiteURL.Register.calendar, exportQuery), class: "button button-secondary"),
                    H.link(ctx.t("activity.fatigue"), SiteURL.Register.fatigue, class: "button button-secondary"),
                ]),
            Lists.filterBar(action: SiteURL.Register.list, ctx, fields: filterFields(ctx, q, choices: c)),
            Lists.table(page.items, columns: columns(ctx), caption: title, empty: ctx.t("list.empty")),
            Lists.pager(page, ctx),
            H.el("p", [:], [H.link(ctx.t("list.download_csv"), SiteURL.with(SiteURL.Register.csv, exportQuery))]),
        ]
        return Page(title: title, body: body)
    }

    static func columns(_ ctx: PageContext) -> [Lists.Column<ActivitySummary>] {
        [
            .init(header: ctx.t("activity.title")) { s in H.link(s.title, SiteURL.Register.show(s.id)) },
            .init(header: ctx.t("activity.organisation")) { .text($0.organisationName) },
            .init(header: ctx.t("activity.places")) { s in
                .text(s.boroughWide ? ctx.t("activity.borough_wide_short") : s.places.joined(separator: ", "))
            },
            .init(header: ctx.t("activity.themes")) { .text($0.themes.joined(separator: ", ")) },
            .init(header: ctx.t("activity.dates")) { .text(dates($0, ctx)) },
            .init(header: ctx.t("activity.status")) { s in H.el("strong", ["class": "tag tag-grey"], [.text(ctx.t("status.\(s.status)"))]) },
        ]
    }

    static func dates(_ s: ActivitySummary, _ ctx: PageContext) -> String {
        let start = DayText.long(s.start)
        guard let end = s.end else { return ctx.t("activity.from_open", start) }
        return end == s.start ? start : "\(start) – \(DayText.long(end))"
    }
}

/// Days for people: "23 Nov 2026".
