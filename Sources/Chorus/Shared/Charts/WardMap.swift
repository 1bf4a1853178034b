import Foundation
import Plot
import ChorusCore

/// A map of the borough's wards shaded by a value, drawn on the server as one SVG image (`GeoChoroplethSVG`: a
/// title, a `<title>` per ward, a pattern as well as a colour per bucket, a legend). It never stands alone: every
/// page that shows one has the same numbers in a table beside it, and a page shows no map when no ward has a boundary
/// (`PlacesReads.wardMap` is nil). Words come from the catalogue (`wardmap.*`, declared by the Places feature).
enum WardMap {
    /// One map: ward code → what it shows. A ward of the shape without a reading shows "no data".
    static func figure(
        _ shape: GeoMapShape, id: String, title: String, description: String, legendTitle: String, readings: [String: GeoChoropleth.Reading],
        breaks: [Double], labels: [String], _ ctx: PageContext
    ) -> HNode {
        let noData = ctx.t("wardmap.no_data")
        let areas = shape.wards.map { w in
            GeoChoropleth.Area(name: w.name, path: w.path, reading: readings[w.code] ?? .noData(text: noData))
        }
        let map = GeoChoropleth(
            id: id, title: title, description: description, width: shape.width, height: shape.height, areas: areas, breaks: breaks,
            bucketLabels: labels, legendTitle: legendTitle, suppressedLabel: ctx.t("wardmap.suppressed"), noDataLabel: noData)
        return H.el("div", ["class": "ward-map-wrap"], [.raw(GeoChoroplethSVG.svg(map))])
    }

    /// Counts by ward code. With `suppress` (counts of people's comments), 1 to 4 are shown as "fewer than 5" as in
    /// every such table, and the buckets start at 5 so a shaded ward never hints at a hidden count. Activity counts
    /// are not about people and are shown as they are. `top`: the largest count of a set of maps drawn on one scale.
    static func counts(
        _ shape: GeoMapShape, id: String, title: String, description: String, legendTitle: String, counts: [String: Int], suppress: Bool,
        top: Int? = nil, _ ctx: PageContext
    ) -> HNode {
        var readings: [String: GeoChoropleth.Reading] = [:]
        for w in shape.wards {
            let n = counts[w.code] ?? 0
            if suppress, SmallNumbers.shown(n) == nil {
                readings[w.code] = .suppressed(text: ctx.t("wardmap.fewer_than_5"))
            } else {
                readings[w.code] = .value(Double(n), text: NumberText.grouped(n))
            }
        }
        let breaks = GeoChoropleth.evenBreaks(top: Double(top ?? counts.values.max() ?? 0), buckets: 5, atLeast: suppress ? 5 : 1)
        return figure(
            shape, id: id, title: title, description: description, legendTitle: legendTitle, readings: readings, breaks: breaks,
            labels: countLabels(breaks, ctx), ctx)
    }

    /// "under 1.00", "1.00 to under 2.00", "2.00 or more".
    static func rangeLabels(_ breaks: [Double], format: (Double) -> String, _ ctx: PageContext) -> [String] {
        guard let last = breaks.last else { return [ctx.t("wardmap.all")] }
        var out = [ctx.t("wardmap.under", format(breaks[0]))]
        for i in breaks.indices.dropFirst() { out.append(ctx.t("wardmap.to_under", format(breaks[i - 1]), format(breaks[i]))) }
        return out + [ctx.t("wardmap.or_more", format(last))]
    }

    /// Whole numbers: "0 to 4", "5 to 9", "10 or more".
    static func countLabels(_ breaks: [Double], _ ctx: PageContext) -> [String] {
        guard let last = breaks.last else { return [ctx.t("wardmap.all")] }
        let b = [0] + breaks.map { Int($0.rounded(.up)) }
        var out: [String] = []
        for i in 1..<b.count {
            out.append(
                b[i] - 1 <= b[i - 1]
                    ? NumberText.grouped(b[i - 1]) : ctx.t("wardmap.range", NumberText.grouped(b[i - 1]), NumberText.grouped(b[i] - 1)))
        }
        return out + [ctx.t("wardmap.or_more", NumberText.grouped(Int(last.rounded(.up))))]
    }
}
