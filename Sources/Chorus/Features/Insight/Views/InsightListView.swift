import Foundation
import Plot
import ChorusCore

/// Browse and search every insight the reader's organisation may see: filters, paging, CSV, save as a bundle,
/// hand-pick into a bundle, and re-tag everything a search found.
enum InsightListView {
    /// `activities`: the activities with insights the reader may see (`InsightPages.activitiesWithInsights`). Also the
    /// scope controls of thematic analysis, which passes `errors` to show beside each field (the list reports a bad
    /// filter as a 400 instead).
    static func filterFields(
        _ ctx: PageContext, _ q: [String: String], _ c: InsightChoices, activities: [Form.Option], errors: [FieldError] = []
    ) -> [HNode] {
        let e = ValidationFailure(errors)
        return [
            Form.field("q", label: ctx.t("insight.search"), control: .text(type: "search", width: "20"), value: q["q"], error: e.message(for: "q")),
            Form.field(
                "theme", label: ctx.t("activity.filter_theme"), control: .select(c.themes, placeholder: ctx.t("list.any")), value: q["theme"],
                error: e.message(for: "theme")),
            Form.field(
                "ward", label: ctx.t("activity.filter_place"), control: .select(c.places, placeholder: ctx.t("list.any")), value: q["ward"],
                error: e.message(for: "ward")),
            Form.field(
                "organisation", label: ctx.t("insight.filter_organisation"), control: .select(c.organisations, placeholder: ctx.t("list.any")),
                value: q["organisation"], error: e.message(for: "organisation")),
            Form.field(
                "activity", label: ctx.t("insight.activity"), control: .select(activities, placeholder: ctx.t("list.any")), value: q["activity"],
                error: e.message(for: "activity")),
            Form.field(
                "audience", label: ctx.t("activity.filter_audience"), control: .select(c.audiences, placeholder: ctx.t("list.any")),
                value: q["audience"], error: e.message(for: "audience")),
            Form.field(
                "kind", label: ctx.t("insight.kind"), control: .select(InsightChoices.kinds(ctx), placeholder: ctx.t("list.any")), value: q["kind"],
                error: e.message(for: "kind")),
            Form.field(
                "sharing", label: ctx.t("insight.sharing"), control: .select(InsightChoices.sharing(ctx), placeholder: ctx.t("list.any")),
                value: q["sharing"], error: e.message(for: "sharing")),
            Form.field("from", label: ctx.t("insight.filter_from"), control: .text(type: "date"), value: q["from"], error: e.message(for: "from")),
            Form.field("to", label: ctx.t("insight.filter_to"), control: .text(type: "date"), value: q["to"], error: e.message(for: "to")),
            H.el(
                "details", ["class": "details filter-more", "open": EqualityMonitoring.questions.contains { q[$0.field] != nil } ? "" : nil],
                [
                    H.el("summary", [:], [.text(ctx.t("insight.equality_filters"))]),
                    .group(
                        EqualityMonitoring.questions.map { question in
                            Form.field(
                                question.field, label: question.question,
                                control: .select(InsightChoices.equality(question), placeholder: ctx.t("list.any")),
                                value: q[question.field], error: e.message(for: question.field))
                        }),
                ]),
        ]
    }

    /// `total`: how many were found, as it may be shown (`InsightQueries.shownTotal`).
    static func render(_ m: InsightPages.List, _ ctx: PageContext) -> Page {
        let (page, q, c, total, notice) = (m.page, m.query, m.choices, m.total, m.notice)
        let title = ctx.t("insight.list_title")
        let filterQuery = q.filter { $0.key != "page" && $0.key != "size" }
        let queryString = SiteURL.with("", filterQuery).drop { $0 == "?" }
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "actions"],
                [
                    .if(m.canRecord, H.link(ctx.t("insight.new_title"), SiteURL.Insights.new, class: "button")),
                    .if(m.canRecord, H.link(ctx.t("insight_import.title"), SiteURL.Insights.importCSV, class: "button button-secondary")),
                    H.link(ctx.t("bundle.list_title"), SiteURL.Insights.bundles, class: "button button-secondary"),
                ]),
            Lists.filterBar(action: SiteURL.Insights.list, ctx, fields: filterFields(ctx, q, c, activities: m.activities)),
            .if(
                EqualityMonitoring.questions.contains { q[$0.field] != nil },
                H.el("p", ["class": "hint"], [.text(ctx.t("insight.equality_own_only"))])),
        ]
        let cards: [HNode] = page.items.map { card(ctx, $0, selectable: m.canCurate) }
        if page.items.isEmpty {
            body.append(H.el("p", ["class": "empty"], [.text(ctx.t("list.empty"))]))
        } else if m.canCurate {
            body.append(
                Form.post(
                    SiteURL.Insights.addToBundle, ctx,
                    [
                        H.el("ol", ["class": "insight-list"], cards),
                        H.el(
                            "fieldset", ["class": "fieldset inline-fieldset"],
                            [
                                H.el("legend", ["class": "legend"], [.text(ctx.t("bundle.add_selected"))]),
                                Form.field(
                                    "bundle_id", label: ctx.t("bundle.existing"),
                                    control: .select(m.bundles, placeholder: ctx.t("bundle.new_option")),
                                    value: nil, error: nil),
                                Form.field("new_title", label: ctx.t("bundle.new_title"), control: .text(), value: nil, error: nil),
                                Form.button(ctx.t("bundle.add_button"), secondary: true),
                            ]),
                    ]))
        } else {
            body.append(H.el("ol", ["class": "insight-list"], cards))
        }
        body += [
            pager(page, total, ctx),
            H.el("p", [:], [H.link(ctx.t("list.download_csv"), SiteURL.with(SiteURL.Insights.csv, filterQuery))]),
            InsightWardMapView.section(m, filterQuery, ctx),
        ]
        if m.canCurate && page.total > 0 {
            body.append(
                H.el(
                    "div", ["class": "panel"],
                    [
                        H.el("h2", ["class": "heading-m"], [.text(ctx.t("bundle.save_search"))]),
                        Form.post(
                            SiteURL.Insights.bundles, ctx,
                            [
                                H.void("input", ["type": "hidden", "name": "query", "value": String(queryString)]),
                                Form.field(
                                    "title", label: ctx.t("bundle.title"), control: .text(), value: nil, error: nil,
                                    hint: ctx.t("bundle.save_search_hint")),
                                Form.button(ctx.t("bundle.save_button"), secondary: true),
                            ]),
                        H.el(
                            "h2", ["class": "heading-m"],
                            [
                                .text(
                                    page.totalIsCapped
                                        ? ctx.t("insight.retag_title_many", NumberText.grouped(page.total))
                                        : total.isHidden
                                            ? ctx.t("insight.retag_title_few")
                                            : ctx.t("insight.retag_title", page.total))
                            ]),
                        Form.post(
                            SiteURL.Insights.retag, ctx,
                            [
                                H.void("input", ["type": "hidden", "name": "query", "value": String(queryString)]),
                                Form.field(
                                    "theme_id", label: ctx.t("insight.retag_theme"), control: .select(c.themes, placeholder: ctx.t("form.select")),
                                    value: nil, error: nil),
                                Form.field(
                                    "action", label: ctx.t("insight.retag_action"),
                                    control: .select(
                                        [
                                            Form.Option("add", ctx.t("insight.retag_add")), Form.Option("remove", ctx.t("insight.retag_remove")),
                                        ], placeholder: nil), value: "add", error: nil),
                                Form.button(ctx.t("insight.retag_button"), secondary: true),
                            ]),
                    ]))
        }
        return Page(title: title, body: body, notice: notice)
    }

    /// How many a list found, for sentences: `Lists.totalText`, or "fewer than 5" when the count is suppressed.
    static func totalText<T>(_ page: PageOf<T>, _ total: SuppressedCount, _ ctx: PageContext) -> String {
        total.isHidden ? ctx.t("insight.fewer_than_5") : Lists.totalText(page, ctx)
    }

    /// `Lists.pager`; when the count is suppressed, the same links with no numbers ("Showing 1 to 3" would give it away).
    static func pager<T>(_ page: PageOf<T>, _ total: SuppressedCount, _ ctx: PageContext) -> HNode {
        Lists.pager(page, ctx, withoutNumbers: total.isHidden ? ctx.t("insight.total_suppressed") : nil)
    }

    /// One insight in a list: its text, where and when, who recorded it, its themes.
    static func card(_ ctx: PageContext, _ i: InsightPages.Card, selectable: Bool) -> HNode {
        let id = i.id
        let boxID = "pick-\(id.uuidString)"
        let meta = [
            DayText.long(i.heard), i.organisation, i.place,
            ctx.t("insight.kind.\(i.kind)"), i.peopleCount == 1 ? ctx.t("insight.people_one") : ctx.t("insight.people", i.peopleCount),
        ].filter { !$0.isEmpty }.joined(separator: " · ")
        let themes = i.themes
        return H.el(
            "li", ["class": "insight-card"],
            [
                .if(
                    selectable,
                    H.el(
                        "div", ["class": "checkbox"],
                        [
                            H.void("input", ["type": "checkbox", "id": boxID, "name": "insight_ids", "value": id.uuidString]),
                            H.el("label", ["for": boxID], [H.el("span", ["class": "visually-hidden"], [.text(ctx.t("insight.select"))])]),
                        ])),
                H.el(
                    "p", ["class": "insight-text"], [H.link(String(i.text.prefix(400)) + (i.text.count > 400 ? "…" : ""), SiteURL.Insights.show(id))]),
                H.el("p", ["class": "insight-meta"], [.text(meta)]),
                .if(!themes.isEmpty, H.el("p", ["class": "insight-meta"], themes.map { H.el("strong", ["class": "tag tag-grey"], [.text($0)]) })),
                .if(
                    i.sharing == SharingLevel.organisation.rawValue,
                    H.el("p", ["class": "insight-meta"], [.text(ctx.t("insight.sharing.organisation"))])),
            ])
    }
}
