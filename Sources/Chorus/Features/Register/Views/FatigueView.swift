import Foundation
import Plot
import ChorusCore

/// The borough fatigue table: asks per 1,000 residents per quarter by ward; wards over the threshold marked. When
/// ward boundaries are loaded, two maps of this quarter come first (asks per 1,000 residents, and the activities
/// asking for input), with the table as their data.
enum FatigueView {
    static func render(_ table: RegisterPages.Fatigue, _ ctx: PageContext) -> Page {
        let title = ctx.t("fatigue.title")
        func cell(_ c: FatigueIndex.Cell) -> HNode {
            guard let rate = c.per1000 else { return .text(ctx.t("fatigue.no_population", c.asks)) }
            let text = String(format: "%.2f", rate)
            let over = rate > table.threshold
            return H.el(
                "span", ["class": over ? "hot" : nil],
                [
                    .text(text), H.el("span", ["class": "fatigue-asks"], [.text(" (" + ctx.t("fatigue.asks", c.asks) + ")")]),
                    .if(over, H.el("span", [:], [.text(" — " + ctx.t("fatigue.above"))])),
                ])
        }
        let header: [HNode] =
            [H.el("th", ["scope": "col"], [.text(ctx.t("fatigue.ward"))])]
            + table.quarters.map { q in H.el("th", ["scope": "col"], [.text(q.description + (q == table.current ? " " + ctx.t("fatigue.now") : ""))])
            }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("fatigue.intro"))]),
            H.el("p", [:], [.text(ctx.t("fatigue.threshold", String(format: "%.2f", table.threshold)))]),
            maps(table, ctx),
            H.el(
                "div", ["class": "table-wrap"],
                [
                    H.el(
                        "table", ["class": "table"],
                        [
                            H.el("caption", ["class": "visually-hidden"], [.text(title)]),
                            H.el("thead", [:], [H.el("tr", [:], header)]),
                            H.el(
                                "tbody", [:],
                                table.rows.map { row in
                                    H.el(
                                        "tr", [:],
                                        [H.el("th", ["scope": "row"], [H.link(row.ward.name, SiteURL.Register.ward(row.ward.code))])]
                                            + row.cells.map { H.el("td", [:], [cell($0)]) })
                                }),
                        ])
                ]),
        ]
        return Page(title: title, body: body)
    }

    /// This quarter's maps: the fatigue rate (buckets at half, once and one and a half times the threshold, so the
    /// wards over it stand out) and the number of activities asking for input. Nothing without boundaries.
    static func maps(_ table: RegisterPages.Fatigue, _ ctx: PageContext) -> HNode {
        guard let shape = table.map, let now = table.quarters.firstIndex(of: table.current) else { return .empty }
        let quarter = table.current.description
        var rates: [String: GeoChoropleth.Reading] = [:]
        var asks: [String: Int] = [:]
        for row in table.rows where now < row.cells.count {
            let c = row.cells[now]
            asks[row.ward.code] = c.asks
            if let rate = c.per1000 {
                let text = ctx.t("wardmap.rate_value", String(format: "%.2f", rate)) + (rate > table.threshold ? ", " + ctx.t("fatigue.above") : "")
                rates[row.ward.code] = .value(rate, text: text)
            } else {
                rates[row.ward.code] = .noData(text: ctx.t("fatigue.no_population", c.asks))
            }
        }
        let t = table.threshold
        let breaks = t > 0 ? [t * 0.5, t, t * 1.5] : []
        return .group([
            H.el("h2", ["class": "heading-m"], [.text(ctx.t("wardmap.fatigue_heading", quarter))]),
            H.el("p", [:], [.text(ctx.t("wardmap.fatigue_intro", quarter))]),
            H.el(
                "div", ["class": "ward-maps"],
                [
                    WardMap.figure(
                        shape, id: "fatigue-map", title: ctx.t("wardmap.rate_title", quarter),
                        description: ctx.t("wardmap.rate_desc", String(format: "%.2f", t)), legendTitle: ctx.t("wardmap.rate_legend"),
                        readings: rates, breaks: breaks, labels: WardMap.rangeLabels(breaks, format: { String(format: "%.2f", $0) }, ctx), ctx),
                    WardMap.counts(
                        shape, id: "activities-map", title: ctx.t("wardmap.asks_title", quarter), description: ctx.t("wardmap.asks_desc"),
                        legendTitle: ctx.t("wardmap.asks_legend"), counts: asks, suppress: false, ctx),
                ]),
        ])
    }

    /// One ward: its fatigue by quarter and the activities running there now and next.
    static func ward(_ m: RegisterPages.WardPage, _ ctx: PageContext) -> Page {
        let (place, cells, quarters, threshold, upcoming) = (m.ward, m.cells, m.quarters, m.threshold, m.upcoming)
        let title = ctx.t("ward.title", place.name)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.fatigue, "class": "back-link"], [.text(ctx.t("fatigue.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("ward.population", place.population.map(NumberText.grouped) ?? "—"))]),
        ]
        if let cells {
            body.append(
                Lists.table(
                    Array(zip(quarters, cells)),
                    columns: [
                        .init(header: ctx.t("fatigue.quarter")) { .text($0.0.description) },
                        .init(header: ctx.t("fatigue.asks_header")) { .text(String($0.1.asks)) },
                        .init(header: ctx.t("fatigue.per1000")) { pair in
                            guard let r = pair.1.per1000 else { return .text("—") }
                            return H.el(
                                "span", ["class": r > threshold ? "hot" : nil],
                                [.text(String(format: "%.2f", r) + (r > threshold ? " — " + ctx.t("fatigue.above") : ""))])
                        },
                    ], caption: title, empty: ""))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("ward.activities"))]))
        body.append(
            Lists.table(upcoming.items, columns: ActivityListView.columns(ctx), caption: ctx.t("ward.activities"), empty: ctx.t("list.empty")))
        body.append(H.el("p", [:], [H.link(ctx.t("ward.all_activities"), SiteURL.with(SiteURL.Register.list, ["ward": place.id.uuidString]))]))
        return Page(title: title, body: body)
    }
}
