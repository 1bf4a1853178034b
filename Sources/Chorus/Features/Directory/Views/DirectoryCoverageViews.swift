import Foundation
import Plot
import ChorusCore

/// Where the directory is thin: a map of groups, connectors and venues per 1,000 residents, and the table beside it
/// with this quarter's asks, each ward's flags in words (`DirectoryCoverage`), filters and a CSV of the same rows.
enum DirectoryCoverageViews {
    static func page(_ m: DirectoryGaps.Page, _ ctx: PageContext) -> Page {
        let title = ctx.t("coverage.title")
        let q = m.query
        let rows = q["sort"] == "coverage" ? m.rows.sorted { ($0.judged.ward.per1000 ?? .infinity) < ($1.judged.ward.per1000 ?? .infinity) } : m.rows
        let filters: [HNode] = [
            DirectoryViews.filter("audience", labelKey: "directory.filter.audience", m.choices.audiences, q, ctx),
            DirectoryViews.filter("theme", labelKey: "directory.filter.theme", m.choices.themes, q, ctx),
            Form.field(
                "sort", label: ctx.t("coverage.sort"),
                control: .select(
                    [Form.Option("name", ctx.t("coverage.sort_name")), Form.Option("coverage", ctx.t("coverage.sort_coverage"))], placeholder: nil),
                value: q["sort"], error: nil),
        ]
        let gaps = m.rows.filter(\.judged.gap).map(\.ward.name)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("coverage.lead"))]),
            H.el(
                "p", [:],
                [
                    .text(
                        ctx.t(
                            "coverage.rule", m.median.map { String(format: "%.2f", $0) } ?? "—", String(format: "%.2f", m.threshold),
                            m.quarter.description))
                ]),
            Lists.filterBar(action: SiteURL.Directory.coverage, ctx, fields: filters),
            gaps.isEmpty
                ? H.el("p", ["class": "notice", "id": "coverage-gaps"], [.text(ctx.t("coverage.no_gaps"))])
                : H.el("div", ["class": "warning-panel", "id": "coverage-gaps"], [.text(ctx.t("coverage.gaps", gaps.joined(separator: ", ")))]),
            H.el("p", [:], [.text(ctx.t("coverage.borough_wide", m.boroughWide.groups, m.boroughWide.connectors))]),
        ]
        if let shape = m.map, let median = m.median, median > 0 {
            let breaks = [median / 2, median, median * 1.5]
            var readings: [String: GeoChoropleth.Reading] = [:]
            for r in m.rows {
                let w = r.judged.ward
                readings[r.ward.code] =
                    w.per1000.map {
                        .value($0, text: ctx.t("coverage.map_value", String(format: "%.2f", $0), w.entries) + flags(r.judged, ctx, prefix: ", "))
                    }
                    ?? .noData(text: ctx.t("coverage.no_population"))
            }
            body.append(
                WardMap.figure(
                    shape, id: "coverage-map", title: ctx.t("coverage.map_title"), description: ctx.t("coverage.map_desc"),
                    legendTitle: ctx.t("coverage.col.per1000"), readings: readings, breaks: breaks,
                    labels: WardMap.rangeLabels(breaks, format: { String(format: "%.2f", $0) }, ctx), ctx))
        }
        body.append(
            Lists.table(
                rows,
                columns: [
                    Lists.Column(header: ctx.t("coverage.col.ward")) { r in
                        H.link(r.ward.name, SiteURL.with(SiteURL.Directory.list, ["ward": r.ward.id.uuidString]))
                    },
                    Lists.Column(header: ctx.t("coverage.col.population")) { r in .text(r.judged.ward.population.map(NumberText.grouped) ?? "—") },
                    Lists.Column(header: ctx.t("coverage.col.groups")) { r in .text(String(r.judged.ward.groups)) },
                    Lists.Column(header: ctx.t("coverage.col.connectors")) { r in .text(String(r.judged.ward.connectors)) },
                    Lists.Column(header: ctx.t("coverage.col.venues")) { r in .text(String(r.judged.ward.venues)) },
                    Lists.Column(header: ctx.t("coverage.col.per1000")) { r in .text(r.judged.ward.per1000.map { String(format: "%.2f", $0) } ?? "—")
                    },
                    Lists.Column(header: ctx.t("coverage.col.asks", m.quarter.description)) { r in .text(String(r.judged.ward.asks)) },
                    Lists.Column(header: ctx.t("coverage.col.asks_per1000")) { r in
                        .text(r.judged.ward.asksPer1000.map { String(format: "%.2f", $0) } ?? "—")
                    },
                    Lists.Column(header: ctx.t("coverage.col.flags")) { r in
                        r.judged.gap
                            ? H.el("strong", ["class": "tag tag-red"], [.text(flags(r.judged, ctx, prefix: ""))])
                            : .text(flags(r.judged, ctx, prefix: ""))
                    },
                ], caption: title, empty: ctx.t("coverage.no_wards"), scrolls: true))
        body.append(
            H.el(
                "p", [:],
                [
                    H.link(
                        ctx.t("list.download_csv"), SiteURL.with(SiteURL.Directory.coverageCSV, q.filter { ["audience", "theme"].contains($0.key) }))
                ]))
        return Page(title: title, body: body)
    }

    /// "Gap: thin and busy", "Thin", "Busy" or nothing, in words.
    static func flags(_ r: DirectoryCoverage.Row, _ ctx: PageContext, prefix: String) -> String {
        let words = r.gap ? ctx.t("coverage.flag.gap") : r.thin ? ctx.t("coverage.flag.thin") : r.busy ? ctx.t("coverage.flag.busy") : nil
        return words.map { prefix + $0 } ?? ""
    }
}
