import Vapor
import Plot
import ChorusCore

/// Browse and search every insight the reader's organisation may see: filters, paging, CSV, save as a bundle,
/// hand-pick into a bundle, and re-tag everything a search found.
enum InsightListView {
    static func filterFields(_ req: Request, _ q: [String: String], _ c: InsightChoices) -> [HNode] {
        [
            Form.field("q", label: req.t("insight.search"), control: .text(type: "search", width: "20"), value: q["q"], error: nil),
            Form.field("theme", label: req.t("activity.filter_theme"), control: .select(c.themes, placeholder: req.t("list.any")), value: q["theme"], error: nil),
            Form.field("ward", label: req.t("activity.filter_place"), control: .select(c.places, placeholder: req.t("list.any")), value: q["ward"], error: nil),
            Form.field("organisation", label: req.t("insight.filter_organisation"), control: .select(c.organisations, placeholder: req.t("list.any")),
                       value: q["organisation"], error: nil),
            Form.field("audience", label: req.t("activity.filter_audience"), control: .select(c.audiences, placeholder: req.t("list.any")), value: q["audience"], error: nil),
            Form.field("kind", label: req.t("insight.kind"), control: .select(InsightChoices.kinds(req), placeholder: req.t("list.any")), value: q["kind"], error: nil),
            Form.field("sharing", label: req.t("insight.sharing"), control: .select(InsightChoices.sharing(req), placeholder: req.t("list.any")), value: q["sharing"], error: nil),
            Form.field("from", label: req.t("insight.filter_from"), control: .text(type: "date"), value: q["from"], error: nil),
            Form.field("to", label: req.t("insight.filter_to"), control: .text(type: "date"), value: q["to"], error: nil),
            H.el("details", ["class": "details filter-more", "open": EqualityMonitoring.questions.contains { q[$0.field] != nil } ? "" : nil], [
                H.el("summary", [:], [.text(req.t("insight.equality_filters"))]),
                .group(EqualityMonitoring.questions.map { question in
                    Form.field(question.field, label: question.question, control: .select(InsightChoices.equality(question), placeholder: req.t("list.any")),
                               value: q[question.field], error: nil)
                }),
            ]),
        ]
    }

    /// `total`: how many were found, as it may be shown (`InsightQueries.shownTotal`).
    static func render(_ req: Request, page: PageOf<Insight>, query q: [String: String], bundles: [InsightBundle], notice: String?,
                       total: SuppressedCount) async throws -> Response {
        let user = try req.requireUser()
        let c = try await InsightChoices.load(req, activities: false)
        let links = try await InsightQueries.Links.load(page.items, req.db, known: c.names)
        let title = req.t("insight.list_title")
        let filterQuery = q.filter { $0.key != "page" && $0.key != "size" }
        let queryString = SiteURL.with("", filterQuery).drop { $0 == "?" }
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "actions"], [
                .if(user.role.canRecordInsight, H.link(req.t("insight.new_title"), SiteURL.Insights.new, class: "button")),
                .if(user.role.canRecordInsight, H.link(req.t("insight_import.title"), SiteURL.Insights.importCSV, class: "button button-secondary")),
                H.link(req.t("bundle.list_title"), SiteURL.Insights.bundles, class: "button button-secondary"),
            ]),
            Lists.filterBar(action: SiteURL.Insights.list, req: req, fields: filterFields(req, q, c)),
            .if(EqualityMonitoring.questions.contains { q[$0.field] != nil }, H.el("p", ["class": "hint"], [.text(req.t("insight.equality_own_only"))])),
        ]
        let cards: [HNode] = page.items.map { card(req, $0, links, selectable: user.role.canCurateInsight) }
        if page.items.isEmpty {
            body.append(H.el("p", ["class": "empty"], [.text(req.t("list.empty"))]))
        } else if user.role.canCurateInsight {
            body.append(Form.post(SiteURL.Insights.addToBundle, req, [
                H.el("ol", ["class": "insight-list"], cards),
                H.el("fieldset", ["class": "fieldset inline-fieldset"], [
                    H.el("legend", ["class": "legend"], [.text(req.t("bundle.add_selected"))]),
                    Form.field("bundle_id", label: req.t("bundle.existing"),
                               control: .select(bundles.map { Form.Option($0.id!.uuidString, $0.title) }, placeholder: req.t("bundle.new_option")),
                               value: nil, error: nil),
                    Form.field("new_title", label: req.t("bundle.new_title"), control: .text(), value: nil, error: nil),
                    Form.button(req.t("bundle.add_button"), secondary: true),
                ]),
            ]))
        } else {
            body.append(H.el("ol", ["class": "insight-list"], cards))
        }
        body += [
            pager(page, total, req: req),
            H.el("p", [:], [H.link(req.t("list.download_csv"), SiteURL.with(SiteURL.Insights.csv, filterQuery))]),
        ]
        if user.role.canCurateInsight && page.total > 0 {
            body.append(H.el("div", ["class": "panel"], [
                H.el("h2", ["class": "heading-m"], [.text(req.t("bundle.save_search"))]),
                Form.post(SiteURL.Insights.bundles, req, [
                    H.void("input", ["type": "hidden", "name": "query", "value": String(queryString)]),
                    Form.field("title", label: req.t("bundle.title"), control: .text(), value: nil, error: nil, hint: req.t("bundle.save_search_hint")),
                    Form.button(req.t("bundle.save_button"), secondary: true),
                ]),
                H.el("h2", ["class": "heading-m"], [.text(page.totalIsCapped ? req.t("insight.retag_title_many", Lists.grouped(page.total))
                                                                               : total.isHidden ? req.t("insight.retag_title_few")
                                                                               : req.t("insight.retag_title", page.total))]),
                Form.post(SiteURL.Insights.retag, req, [
                    H.void("input", ["type": "hidden", "name": "query", "value": String(queryString)]),
                    Form.field("theme_id", label: req.t("insight.retag_theme"), control: .select(c.themes, placeholder: req.t("form.select")), value: nil, error: nil),
                    Form.field("action", label: req.t("insight.retag_action"), control: .select([
                        Form.Option("add", req.t("insight.retag_add")), Form.Option("remove", req.t("insight.retag_remove"))], placeholder: nil), value: "add", error: nil),
                    Form.button(req.t("insight.retag_button"), secondary: true),
                ]),
            ]))
        }
        return Page(title: title, body: body, notice: notice).response(for: req)
    }

    /// How many a list found, for sentences: `Lists.totalText`, or "fewer than 5" when the count is suppressed.
    static func totalText(_ page: PageOf<Insight>, _ total: SuppressedCount, req: Request) -> String {
        total.isHidden ? req.t("insight.fewer_than_5") : Lists.totalText(page, req: req)
    }

    /// `Lists.pager`; when the count is suppressed, the same links with no numbers ("Showing 1 to 3" would give it away).
    static func pager(_ page: PageOf<Insight>, _ total: SuppressedCount, req: Request) -> HNode {
        guard total.isHidden else { return Lists.pager(page, req: req) }
        let here = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
        return H.el("nav", ["class": "pager", "aria-label": req.t("list.pagination")], [
            H.el("p", ["class": "pager-summary"], [.text(req.t("insight.total_suppressed"))]),
            H.el("ul", ["class": "pager-links"], [
                .if(page.hasPrevious, H.el("li", [:], [H.el("a", ["href": SiteURL.with(here, ["page": String(page.page - 1)]), "rel": "prev"], [.text(req.t("list.previous"))])])),
                .if(page.hasNext, H.el("li", [:], [H.el("a", ["href": SiteURL.with(here, ["page": String(page.page + 1)]), "rel": "next"], [.text(req.t("list.next"))])])),
            ]),
        ])
    }

    /// One insight in a list: its text, where and when, who recorded it, its themes.
    static func card(_ req: Request, _ i: Insight, _ l: InsightQueries.Links, selectable: Bool) -> HNode {
        let id = i.id!
        let boxID = "pick-\(id.uuidString)"
        let meta = [DayText.long(Day(ordinal: i.heardDay)), l.orgNames[i.$organisation.id] ?? "", i.$place.id.flatMap { l.placeNames[$0] } ?? "",
                    req.t("insight.kind.\(i.kind)"), req.t("insight.people", i.peopleCount)].filter { !$0.isEmpty }.joined(separator: " · ")
        let themes = l.themeList(i)
        return H.el("li", ["class": "insight-card"], [
            .if(selectable, H.el("div", ["class": "checkbox"], [
                H.void("input", ["type": "checkbox", "id": boxID, "name": "insight_ids", "value": id.uuidString]),
                H.el("label", ["for": boxID], [H.el("span", ["class": "visually-hidden"], [.text(req.t("insight.select"))])]),
            ])),
            H.el("p", ["class": "insight-text"], [H.link(String(i.text.prefix(400)) + (i.text.count > 400 ? "…" : ""), SiteURL.Insights.show(id))]),
            H.el("p", ["class": "insight-meta"], [.text(meta)]),
            .if(!themes.isEmpty, H.el("p", ["class": "insight-meta"], themes.map { H.el("strong", ["class": "tag tag-grey"], [.text($0)]) })),
            .if(i.sharing == SharingLevel.organisation.rawValue, H.el("p", ["class": "insight-meta"], [.text(req.t("insight.sharing.organisation"))])),
        ])
    }
}
