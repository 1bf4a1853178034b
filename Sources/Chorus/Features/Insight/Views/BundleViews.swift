import Foundation
import Plot
import ChorusCore

/// Insight bundles: saved searches and hand-picked selections, the unit that goes to a decision space.
enum BundleViews {
    typealias Row = InsightPages.BundleRow

    static func list(_ m: InsightPages.BundleList, _ ctx: PageContext) -> Page {
        let (rows, notice) = (m.rows, m.notice)
        let title = ctx.t("bundle.list_title")
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(ctx.t("insight.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("bundle.intro"))]),
            Lists.table(
                rows,
                columns: [
                    .init(header: ctx.t("bundle.title")) { H.link($0.title, SiteURL.Insights.bundle($0.id)) },
                    .init(header: ctx.t("insight.organisation")) { H.bdi($0.organisation) },
                    .init(header: ctx.t("bundle.kind")) { .text($0.isSearch ? ctx.t("bundle.kind_search") : ctx.t("bundle.kind_selection")) },
                ], caption: title, empty: ctx.t("bundle.none")),
        ]
        return Page(title: title, body: body, notice: notice)
    }

    static func show(_ bundle: InsightPages.BundlePage, _ ctx: PageContext) -> Page {
        let (page, total, canEdit, notice) = (bundle.page, bundle.total, bundle.canEdit, bundle.notice)
        let isSearch = bundle.isSearch
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.bundles, "class": "back-link"], [.text(ctx.t("bundle.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(bundle.title)]),
            H.el(
                "p", ["class": "lead"],
                [.text(ctx.t(isSearch ? "bundle.about_search" : "bundle.about_selection", bundle.owner, InsightListView.totalText(page, total, ctx)))]
            ),
            .unwrap(bundle.description) { H.el("p", [:], [.text($0)]) },
            .if(isSearch, H.el("p", [:], [H.link(ctx.t("bundle.open_search"), SiteURL.Insights.list + "?" + (bundle.query ?? ""))])),
            H.el("p", ["class": "hint"], [.text(ctx.t("bundle.walls"))]),
        ]
        let cards = page.items.map { InsightListView.card(ctx, $0, selectable: canEdit && !isSearch) }
        if page.items.isEmpty {
            body.append(H.el("p", ["class": "empty"], [.text(ctx.t("list.empty"))]))
        } else if canEdit && !isSearch {
            body.append(
                Form.post(
                    SiteURL.Insights.bundleRemove(bundle.id), ctx,
                    [
                        H.el("ol", ["class": "insight-list"], cards),
                        Form.button(ctx.t("bundle.remove_selected"), secondary: true),
                    ]))
        } else {
            body.append(H.el("ol", ["class": "insight-list"], cards))
        }
        body.append(InsightListView.pager(page, total, ctx))
        if canEdit {
            body.append(
                Form.post(SiteURL.Insights.bundleDelete(bundle.id), ctx, [Form.button(ctx.t("bundle.delete"), warning: true)], class: "danger-zone"))
        }
        return Page(title: bundle.title, body: body, notice: notice)
    }
}
