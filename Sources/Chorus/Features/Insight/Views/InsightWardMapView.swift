import Foundation
import Plot
import ChorusCore

/// The insight list's "by ward" part: a link to show it, or (with `map=1`) how many of the insights found are from
/// each ward, as a map (when boundaries are loaded) and a table beside it, small counts hidden.
enum InsightWardMapView {
    static func section(_ m: InsightPages.List, _ filterQuery: [String: String], _ ctx: PageContext) -> HNode {
        guard let byWard = m.byWard else {
            var with = filterQuery
            with["map"] = "1"
            return H.el("p", [:], [H.link(ctx.t("wardmap.insights_show"), SiteURL.with(SiteURL.Insights.list, with) + "#by-ward")])
        }
        let counts = Dictionary(byWard.wards.map { ($0.code, $0.count) }, uniquingKeysWith: +)
        let shown = SmallNumberTable.suppress(byWard.wards.map(\.count), totalShown: false)
        var nodes: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "by-ward"], [.text(ctx.t("wardmap.insights_heading"))]),
            H.el("p", [:], [.text(ctx.t("wardmap.insights_intro"))]),
        ]
        if let shape = byWard.shape {
            nodes.append(
                WardMap.counts(
                    shape, id: "insights-map", title: ctx.t("wardmap.insights_title"), description: ctx.t("wardmap.insights_desc"),
                    legendTitle: ctx.t("wardmap.insights_legend"), counts: counts, suppress: true, ctx))
        }
        nodes.append(
            Lists.table(
                Array(zip(byWard.wards, shown)),
                columns: [
                    .init(header: ctx.t("wardmap.ward")) { .text($0.0.name) },
                    .init(header: ctx.t("wardmap.insights_legend")) {
                        .text($0.1.value.map { NumberText.grouped($0) } ?? ctx.t("wardmap.fewer_than_5"))
                    },
                ], caption: ctx.t("wardmap.insights_title"), empty: ctx.t("list.empty")))
        var without = filterQuery
        without["map"] = nil
        nodes.append(H.el("p", [:], [H.link(ctx.t("wardmap.insights_hide"), SiteURL.with(SiteURL.Insights.list, without))]))
        return .group(nodes)
    }
}
