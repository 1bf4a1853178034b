import Foundation
import ChorusCore
import Plot

/// Charts drawn on the server as SVG: no script, scale with the page, read by screen readers as one image with a
/// title and a description (`role="img"`). Every chart's numbers are also given in a table next to it, so colour and
/// shape are never the only way to read them.
enum SVGChart {
    struct Bar: Sendable {
        let label: String
        let value: Int
        /// The text written at the end of the bar when not the number itself (a level's name).
        var shown: String? = nil
        var valueText: String { shown ?? NumberText.grouped(value) }
    }

    /// Horizontal bars, largest scale first as given, with the value written at the end of each bar. The label
    /// column is as wide as the longest label needs (measured, `textWidth`), up to `maxLabelWidth`; a label longer
    /// than that is cut with "…" and carries its full text in a `<title>` (shown on hover, read by screen readers).
    /// `scale`: the value a full-width bar stands for (the largest value when nil).
    static func bars(_ bars: [Bar], id: String, title: String, description: String, scale: Int? = nil) -> HNode {
        let rowHeight = 28, barWidth = 360, gap = 8
        let labels = bars.map { fit($0.label, maxLabelWidth) }
        let labelWidth = max(minLabelWidth, (labels.map { textWidth($0) }.max() ?? 0) + gap + 4)
        let valueWidth = (bars.map { textWidth($0.valueText) }.max() ?? 0) + 6 + 8
        let width = labelWidth + barWidth + valueWidth
        let height = max(rowHeight, bars.count * rowHeight) + 8
        let top = max(1, scale ?? bars.map(\.value).max() ?? 1)
        var nodes: [HNode] = header(id: id, title: title, description: description)
        for (i, b) in bars.enumerated() {
            let y = 4 + i * rowHeight
            let w = max(1, Int((Double(b.value) / Double(top) * Double(barWidth)).rounded()))
            let shown = labels[i]
            nodes.append(
                H.el(
                    "text",
                    [
                        "x": String(labelWidth - gap), "y": String(y + 18), "text-anchor": "end", "class": "chart-label", "font-size": "14",
                        "font-family": "sans-serif", "fill": "#0b0c0c",
                    ],
                    [.text(shown)] + (shown == b.label ? [] : [H.el("title", [:], [.text(b.label)])])))
            nodes.append(
                H.el(
                    "rect",
                    [
                        "x": String(labelWidth), "y": String(y + 4), "width": String(b.value == 0 ? 0 : w), "height": String(rowHeight - 8),
                        "class": "chart-bar", "fill": "#1d70b8",
                    ]))
            nodes.append(
                H.el(
                    "text",
                    [
                        "x": String(labelWidth + w + 6), "y": String(y + 18), "class": "chart-value", "font-size": "14", "font-family": "sans-serif",
                        "fill": "#0b0c0c",
                    ], [.text(b.valueText)]))
        }
        return svg(id: id, width: width, height: height, nodes)
    }

    /// The label column's bounds, in user units (14px text).
    static let minLabelWidth = 80
    static let maxLabelWidth = 420

    /// A generous estimate of a text's width at 14px sans-serif, so a label measured to fit is never clipped: wide
    /// letters (capitals, m, w) count 11, narrow ones (i, l, punctuation, spaces) 5, the rest 8.5; characters outside
    /// Latin (Urdu, CJK) count as wide.
    static func textWidth(_ s: String) -> Int {
        var w = 0.0
        for ch in s {
            if "iljtf.,:;'|!()[] ".contains(ch) {
                w += 5
            } else if ch.isUppercase || "mwMW@%&".contains(ch) || !ch.isASCII {
                w += 11
            } else {
                w += 8.5
            }
        }
        return Int(w.rounded(.up))
    }

    /// The label, or as much of it as fits in `width` followed by "…".
    static func fit(_ s: String, _ width: Int) -> String {
        guard textWidth(s) > width else { return s }
        var cut = Substring(s)
        while !cut.isEmpty && textWidth(cut.trimmingCharacters(in: .whitespaces) + "…") > width { cut = cut.dropLast() }
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A small line of counts per period (e.g. months), with a dot on each point and the last value written.
    static func trend(_ values: [Int], id: String, title: String, description: String, width: Int = 160, height: Int = 36) -> HNode {
        var nodes: [HNode] = header(id: id, title: title, description: description)
        let top = max(1, values.max() ?? 1)
        let step = values.count > 1 ? Double(width - 8) / Double(values.count - 1) : 0
        let points = values.enumerated().map { i, v in
            (x: 4 + step * Double(i), y: Double(height - 4) - Double(v) / Double(top) * Double(height - 8))
        }
        if points.count > 1 {
            nodes.append(
                H.el(
                    "polyline",
                    [
                        "points": points.map { String(format: "%.1f,%.1f", $0.x, $0.y) }.joined(separator: " "),
                        "class": "chart-line", "fill": "none", "stroke": "#1d70b8", "stroke-width": "2",
                    ]))
        }
        for p in points {
            nodes.append(
                H.el(
                    "circle",
                    ["cx": String(format: "%.1f", p.x), "cy": String(format: "%.1f", p.y), "r": "2", "class": "chart-dot", "fill": "#0b0c0c"]))
        }
        return svg(id: id, width: width, height: height, nodes)
    }

    private static func header(id: String, title: String, description: String) -> [HNode] {
        [H.el("title", ["id": id + "-title"], [.text(title)]), H.el("desc", ["id": id + "-desc"], [.text(description)])]
    }

    private static func svg(id: String, width: Int, height: Int, _ nodes: [HNode]) -> HNode {
        H.el(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg", "role": "img", "id": id, "class": "chart",
                "aria-labelledby": id + "-title " + id + "-desc", "viewBox": "0 0 \(width) \(height)",
                "width": String(width), "height": String(height), "focusable": "false",
            ], nodes)
    }

    static func shorten(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

    /// Extra rules for chart pages (the heat table's shades), served as a stylesheet of its own (no inline styles
    /// under the Content-Security-Policy); SVG colours are presentation attributes.
    static let style = """
        .chart{max-width:100%;height:auto}.chart-bar{fill:#1d70b8}.chart-label,.chart-value{font:14px sans-serif;fill:#0b0c0c}\
        .chart-line{stroke:#1d70b8;stroke-width:2}.chart-dot{fill:#0b0c0c}.heat-0{background:#fff}.heat-1{background:#d2e2f1}\
        .heat-2{background:#a5c5e3}.heat-3{background:#6fa3d2;color:#0b0c0c}.heat-4{background:#1d70b8;color:#fff}
        """
}
