import Testing
@testable import Chorus

/// The theme-size chart sizes its label column to its longest label, so no label is clipped at the left edge; a
/// label too long for the widest column is cut with "…" and keeps its full text in a `<title>`.
@Suite struct SVGChartTests {
    func render(_ bars: [SVGChart.Bar]) -> String {
        SVGChart.bars(bars, id: "c", title: "Theme sizes", description: "Insights per theme").render()
    }

    /// The label column's width: the x of the first bar.
    func labelColumn(_ svg: String) -> Int? {
        guard let r = svg.range(of: "<rect"), let x = svg[r.upperBound...].range(of: "x=\"") else { return nil }
        return Int(svg[x.upperBound...].prefix { $0.isNumber })
    }

    @Test func aLongLabelGetsAColumnWideEnoughForAllOfIt() {
        let label = "Damp, mould and condensation in private rented homes"
        let svg = render([.init(label: label, value: 12), .init(label: "Bins", value: 3)])
        #expect(svg.contains(">" + label + "<"), "the whole label is written")
        let column = try! #require(labelColumn(svg))
        #expect(column >= SVGChart.textWidth(label) + 8)
        #expect(!svg.contains("<title>" + label))
    }

    @Test func aLabelTooLongForTheWidestColumnIsCutWithItsFullTextInATitle() {
        let label = String(repeating: "Waiting times for mental health appointments ", count: 4).trimmingCharacters(in: .whitespaces)
        let svg = render([.init(label: label, value: 40)])
        let column = try! #require(labelColumn(svg))
        #expect(column <= SVGChart.maxLabelWidth + 12)
        #expect(svg.contains("…<title>" + label + "</title></text>"))
        let shown = SVGChart.fit(label, SVGChart.maxLabelWidth)
        #expect(shown.hasSuffix("…") && SVGChart.textWidth(shown) <= SVGChart.maxLabelWidth)
    }

    @Test func theViewBoxHoldsTheLongestBarAndItsValue() {
        let svg = render([.init(label: "Housing", value: 1_234_567), .init(label: "Parks", value: 10)])
        let column = try! #require(labelColumn(svg))
        let width = column + 360 + SVGChart.textWidth("1,234,567") + 6
        guard let r = svg.range(of: "viewBox=\"0 0 ") else { Issue.record("no viewBox"); return }
        let viewBox = Int(svg[r.upperBound...].prefix { $0.isNumber }) ?? 0
        #expect(viewBox >= width)
    }

    @Test func hostileLabelsAreEscaped() {
        let svg = render([.init(label: "<script>\"x\"</script>", value: 1)])
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;"))
    }
}
