import Vapor
import Plot
import ChorusCore

/// Insight bundles: saved searches and hand-picked selections, the unit that goes to a decision space.
enum BundleViews {
    struct Row: Sendable { let id: UUID; let title: String; let organisation: String; let isSearch: Bool; let updated: Date? }

    static func list(_ req: Request, rows: [Row], notice: String? = nil) -> Response {
        let title = req.t("bundle.list_title")
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(req.t("insight.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(req.t("bundle.intro"))]),
            Lists.table(rows, columns: [
                .init(header: req.t("bundle.title")) { H.link($0.title, SiteURL.Insights.bundle($0.id)) },
                .init(header: req.t("insight.organisation")) { H.bdi($0.organisation) },
                .init(header: req.t("bundle.kind")) { .text($0.isSearch ? req.t("bundle.kind_search") : req.t("bundle.kind_selection")) },
            ], caption: title, empty: req.t("bundle.none")),
        ]
        return Page(title: title, body: body, notice: notice).response(for: req)
    }

    static func show(_ req: Request, bundle: InsightBundle, owner: String, page: PageOf<Insight>, total: SuppressedCount, links: InsightQueries.Links,
                     canEdit: Bool, notice: String?) -> Response {
        let isSearch = bundle.query != nil
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.bundles, "class": "back-link"], [.text(req.t("bundle.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(bundle.title)]),
            H.el("p", ["class": "lead"], [.text(req.t(isSearch ? "bundle.about_search" : "bundle.about_selection", owner, InsightListView.totalText(page, total, req: req)))]),
            .unwrap(bundle.description) { H.el("p", [:], [.text($0)]) },
            .if(isSearch, H.el("p", [:], [H.link(req.t("bundle.open_search"), SiteURL.Insights.list + "?" + (bundle.query ?? ""))])),
            H.el("p", ["class": "hint"], [.text(req.t("bundle.walls"))]),
        ]
        let cards = page.items.map { InsightListView.card(req, $0, links, selectable: canEdit && !isSearch) }
        if page.items.isEmpty {
            body.append(H.el("p", ["class": "empty"], [.text(req.t("list.empty"))]))
        } else if canEdit && !isSearch {
            body.append(Form.post(SiteURL.Insights.bundleRemove(bundle.id!), req, [
                H.el("ol", ["class": "insight-list"], cards),
                Form.button(req.t("bundle.remove_selected"), secondary: true),
            ]))
        } else {
            body.append(H.el("ol", ["class": "insight-list"], cards))
        }
        body.append(InsightListView.pager(page, total, req: req))
        if canEdit {
            body.append(Form.post(SiteURL.Insights.bundleDelete(bundle.id!), req, [Form.button(req.t("bundle.delete"), warning: true)], class: "danger-zone"))
        }
        return Page(title: bundle.title, body: body, notice: notice).response(for: req)
    }
}
