import Foundation

/// A map of wards shaded by a value: what `GeoChoropleth.svg` draws.
public struct GeoChoropleth: Sendable {
    /// What a ward shows: a value (in a bucket by `breaks`) with its text, a count hidden because it is small, or nothing.
    public enum Reading: Equatable, Sendable {
        case value(Double, text: String)
        case suppressed(text: String)
        case noData(text: String)

        public var text: String {
            switch self {
            case .value(_, let t), .suppressed(let t), .noData(let t): return t
            }
        }
    }

    public struct Area: Sendable {
        public let name: String
        public let path: String
        public let reading: Reading
        public init(name: String, path: String, reading: Reading) { (self.name, self.path, self.reading) = (name, path, reading) }
    }

    /// The element id (also the prefix of the title, description and pattern ids; letters, digits and "-" kept).
    public var id: String
    public var title: String
    public var description: String
    public var width: Int
    public var height: Int
    public var areas: [Area]
    /// Ascending upper bounds: a value below `breaks[0]` is in bucket 0, below `breaks[1]` in bucket 1… at most 4.
    public var breaks: [Double]
    /// One label per bucket (`breaks.count + 1`), e.g. from `GeoChoropleth.labels`.
    public var bucketLabels: [String]
    public var legendTitle: String
    public var suppressedLabel: String
    public var noDataLabel: String

    public init(
        id: String, title: String, description: String, width: Int, height: Int, areas: [Area], breaks: [Double], bucketLabels: [String],
        legendTitle: String, suppressedLabel: String = "Fewer than 5 (not shown)", noDataLabel: String = "No data"
    ) {
        (self.id, self.title, self.description, self.width, self.height, self.areas) = (id, title, description, width, height, areas)
        (self.breaks, self.bucketLabels, self.legendTitle) = (Array(breaks.prefix(4)), bucketLabels, legendTitle)
        (self.suppressedLabel, self.noDataLabel) = (suppressedLabel, noDataLabel)
    }

    /// The bucket of a value.
    public func bucket(_ value: Double) -> Int { breaks.firstIndex { value < $0 } ?? breaks.count }

    /// "under 2", "2 to under 4", "4 or more": labels for `breaks`, each number written by `format`.
    public static func labels(_ breaks: [Double], format: (Double) -> String) -> [String] {
        guard !breaks.isEmpty else { return ["all"] }
        var out = ["under " + format(breaks[0])]
        for i in 1..<breaks.count { out.append(format(breaks[i - 1]) + " to under " + format(breaks[i])) }
        out.append(format(breaks[breaks.count - 1]) + " or more")
        return out
    }

    /// Whole-number labels for counts: "0 to 4", "5 to 9", "10 or more".
    public static func countLabels(_ breaks: [Double]) -> [String] {
        guard !breaks.isEmpty else { return ["all"] }
        let b = breaks.map { Int($0.rounded(.up)) }
        var out = [b[0] <= 1 ? "0" : "0 to \(b[0] - 1)"]
        for i in 1..<b.count { out.append(b[i] - 1 <= b[i - 1] ? "\(b[i - 1])" : "\(b[i - 1]) to \(b[i] - 1)") }
        out.append("\(b[b.count - 1]) or more")
        return out
    }

    /// Up to `buckets - 1` round breaks spreading 0…`top` evenly (steps of 1, 2, 2.5 or 5 times a power of ten), at
    /// least one; `atLeast` is the smallest step (5 for suppressed counts, so the first bucket is "0 to 4").
    public static func evenBreaks(top: Double, buckets: Int = 5, atLeast: Double = 1) -> [Double] {
        let raw = max(atLeast, top / Double(max(buckets, 2)), 1e-9)
        let power = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw * 0.999_999 } ?? raw
        let breaks = (1..<max(buckets, 2)).map { Double($0) * step }.filter { $0 <= top }
        return breaks.isEmpty ? [step] : breaks
    }
}

/// Draws a `GeoChoropleth` as one accessible SVG image: `role="img"` named by its `<title>` and `<desc>`; each ward a
/// `<path>` with its own `<title>` (name and value); every bucket a colour from a colour-blind-safe sequential palette
/// (ColorBrewer Blues) AND its own hatching pattern, denser as the value grows, so the map reads in greyscale and
/// print; a legend of the same swatches under the map. Every text is escaped and line breaks become spaces (ward
/// names are typed by people). The numbers are also in a table next to every map; this picture adds the geography.
public enum GeoChoroplethSVG {
    /// Sequential, colour-blind safe (ColorBrewer Blues, 5 classes), lightest first.
    public static let palette = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
    /// Hatch spacing per palette step (0: plain); the darkest is cross-hatched.
    static let spacing = [0, 9, 6, 4, 4]
    static let suppressedFill = "#d9d9d9"
    static let noDataFill = "#ffffff"
    static let ink = "#0b0c0c"

    public static func svg(_ map: GeoChoropleth) -> String {
        let id = safeID(map.id)
        let buckets = map.breaks.count + 1
        let steps = paletteSteps(buckets)
        let readings = map.areas.map(\.reading)
        let hasSuppressed = readings.contains { if case .suppressed = $0 { return true } else { return false } }
        let hasNoData = readings.contains { if case .noData = $0 { return true } else { return false } }
        // Legend rows under the map.
        var legend: [(pattern: String, label: String)] = (0..<buckets).map { ("\(id)-b\($0)", label(map, $0)) }
        if hasSuppressed { legend.append(("\(id)-s", map.suppressedLabel)) }
        if hasNoData { legend.append(("\(id)-n", map.noDataLabel)) }
        let rowHeight = 24, legendTop = map.height + 8
        let legendHeight = 22 + legend.count * rowHeight
        let labelWidth = (legend.map { textWidth($0.label) } + [textWidth(map.legendTitle)]).max() ?? 0
        let width = max(map.width, 44 + labelWidth + 8)
        let height = legendTop + legendHeight

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" id=\"\(id)\" class=\"chart ward-map\""
        out +=
            " aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" focusable=\"false\">"
        out += "<title id=\"\(id)-title\">\(text(map.title))</title><desc id=\"\(id)-desc\">\(text(map.description))</desc>"
        out += "<defs>"
        for b in 0..<buckets {
            out += pattern("\(id)-b\(b)", fill: palette[steps[b]], spacing: spacing[steps[b]], dark: steps[b] >= 3, cross: steps[b] == 4)
        }
        if hasSuppressed { out += dots("\(id)-s", fill: suppressedFill) }
        if hasNoData { out += pattern("\(id)-n", fill: noDataFill, spacing: 5, dark: false, cross: false, angle: -45, stroke: "#b1b4b6") }
        out += "</defs><g class=\"map-wards\" stroke=\"\(ink)\" stroke-width=\"0.75\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">"
        for area in map.areas {
            let fill: String
            switch area.reading {
            case .value(let v, _): fill = "\(id)-b\(map.bucket(v))"
            case .suppressed: fill = "\(id)-s"
            case .noData: fill = "\(id)-n"
            }
            out += "<path d=\"\(attribute(area.path))\" fill=\"url(#\(fill))\"><title>\(text(area.name + ": " + area.reading.text))</title></path>"
        }
        out += "</g><g class=\"map-legend\" font-family=\"sans-serif\" font-size=\"14\" fill=\"\(ink)\">"
        out += "<text x=\"4\" y=\"\(legendTop + 14)\" font-weight=\"bold\">\(text(map.legendTitle))</text>"
        for (i, row) in legend.enumerated() {
            let y = legendTop + 22 + i * rowHeight
            out += "<rect x=\"4\" y=\"\(y + 2)\" width=\"30\" height=\"18\" fill=\"url(#\(row.pattern))\" stroke=\"\(ink)\" stroke-width=\"1\"/>"
            out += "<text x=\"44\" y=\"\(y + 16)\">\(text(row.label))</text>"
        }
        out += "</g></svg>"
        return out
    }

    /// Which palette steps a number of buckets uses: spread from lightest to darkest.
    static func paletteSteps(_ buckets: Int) -> [Int] {
        switch buckets {
        case 1: return [2]
        case 2: return [0, 4]
        case 3: return [0, 2, 4]
        case 4: return [0, 1, 3, 4]
        default: return [0, 1, 2, 3, 4]
        }
    }

    private static func label(_ map: GeoChoropleth, _ bucket: Int) -> String {
        bucket < map.bucketLabels.count ? map.bucketLabels[bucket] : ""
    }

    private static func pattern(
        _ id: String, fill: String, spacing: Int, dark: Bool, cross: Bool, angle: Int = 45, stroke: String? = nil
    ) -> String {
        let size = max(spacing, 1)
        var s = "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"\(size)\" height=\"\(size)\" patternTransform=\"rotate(\(angle))\">"
        s += "<rect width=\"\(size)\" height=\"\(size)\" fill=\"\(fill)\"/>"
        if spacing > 0 {
            let colour = stroke ?? (dark ? "#ffffff" : ink)
            let opacity = stroke == nil ? (dark ? "0.8" : "0.55") : "1"
            s += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"\(size)\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-opacity=\"\(opacity)\"/>"
            if cross {
                s += "<line x1=\"0\" y1=\"0\" x2=\"\(size)\" y2=\"0\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-opacity=\"\(opacity)\"/>"
            }
        }
        return s + "</pattern>"
    }

    private static func dots(_ id: String, fill: String) -> String {
        "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"><rect width=\"6\" height=\"6\" fill=\"\(fill)\"/>"
            + "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"\(ink)\"/></pattern>"
    }

    /// Letters, digits and "-" of an id (it lands inside `url(#…)` and attribute values).
    static func safeID(_ s: String) -> String {
        let kept = String(s.unicodeScalars.filter { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" })
        return kept.isEmpty ? "map" : kept
    }

    /// Element text: line breaks and other control characters as spaces, then escaped.
    static func text(_ s: String) -> String {
        HTMLEscape.text(String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })))
    }

    static func attribute(_ s: String) -> String {
        HTMLEscape.attribute(String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })))
    }

    /// A generous width of 14px sans-serif text (as `SVGChart.textWidth`).
    static func textWidth(_ s: String) -> Int {
        Int(s.reduce(0.0) { $0 + ("iljtf.,:;'|!()[] ".contains($1) ? 5 : ($1.isUppercase || !$1.isASCII ? 11 : 8.5)) }.rounded(.up))
    }
}
