import Foundation
import Testing
@testable import ChorusCore

@Suite struct GeoBoundariesTests {
    static func square(_ x: Double, _ y: Double, _ s: Double = 0.01) -> String {
        "[[[\(x),\(y)],[\(x + s),\(y)],[\(x + s),\(y + s)],[\(x),\(y + s)],[\(x),\(y)]]]"
    }
    static func feature(_ properties: String, _ geometry: String) -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":\(geometry)}"
    }
    static func collection(_ features: [String]) -> Data {
        Data("{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}".utf8)
    }
    let known: Set<String> = ["E05099001", "E05099002", "E05099003", "W05000001"]

    @Test func readsONSStylePropertiesOfAnyYearAndPlainCodeAndName() throws {
        let data = Self.collection([
            Self.feature(
                "\"FID\":1,\"WD23CD\":\"E05099001\",\"WD23NM\":\"Quayside\",\"WD23NMW\":\" \",\"LAD23CD\":\"E09000099\"",
                "{\"type\":\"Polygon\",\"coordinates\":\(Self.square(-1.5, 52.0))}"),
            Self.feature(
                "\"wd22cd\":\"e05099002\",\"wd22nm\":\"Old Town\"",
                "{\"type\":\"MultiPolygon\",\"coordinates\":[\(Self.square(-1.49, 52.0)),\(Self.square(-1.47, 52.0))]}"),
            Self.feature("\"code\":\"W05000001\",\"name\":\"Cwm\"", "{\"type\":\"Polygon\",\"coordinates\":\(Self.square(-3, 52))}"),
        ])
        let r = try GeoBoundaries.check(json: data, knownCodes: known)
        #expect(r.isClean)
        #expect(r.valid.map(\.code) == ["E05099001", "E05099002", "W05000001"])
        #expect(r.valid.map(\.name) == ["Quayside", "Old Town", "Cwm"])
        #expect(r.valid[1].polygons.count == 2)
        #expect(r.valid[0].box == GeoBox(minX: -1.5, minY: 52.0, maxX: -1.49, maxY: 52.01))
    }

    @Test func eachBadFeatureIsReportedWithItsNumberAndField() throws {
        let open = "{\"type\":\"Polygon\",\"coordinates\":[[[0,51],[0.1,51],[0.1,51.1],[0,51.2]]]}"
        let short = "{\"type\":\"Polygon\",\"coordinates\":[[[0,51],[0.1,51],[0,51]]]}"
        let range = "{\"type\":\"Polygon\",\"coordinates\":[[[530000,180000],[530100,180000],[530100,180100],[530000,180000]]]}"
        let lat = "{\"type\":\"Polygon\",\"coordinates\":[[[0,95],[0.1,51],[0.1,51.1],[0,95]]]}"
        let point = "{\"type\":\"Point\",\"coordinates\":[0,51]}"
        let good = "{\"type\":\"Polygon\",\"coordinates\":\(Self.square(0, 51))}"
        let data = Self.collection([
            Self.feature("\"WD23CD\":\"E05099001\",\"WD23NM\":\"Good\"", good),
            Self.feature("\"WD23CD\":\"E05099002\",\"WD23NM\":\"Open\"", open),
            Self.feature("\"WD23CD\":\"E05099003\",\"WD23NM\":\"Short\"", short),
            Self.feature("\"WD23CD\":\"E09000099\",\"WD23NM\":\"Borough\"", good),
            Self.feature("\"WD23CD\":\"E05099001\",\"WD23NM\":\"Again\"", good),
            Self.feature("\"WD23CD\":\"E05012345\",\"WD23NM\":\"Elsewhere\"", good),
            Self.feature("\"WD23NM\":\"No code\"", good),
            Self.feature("\"code\":\"E05099002\"", point),
            Self.feature("\"code\":\"E05099003\"", range),
            Self.feature("\"code\":\"E05099002\"", "null"),
            Self.feature("\"code\":\"E05099003\"", lat),
            "[1,2]",
        ])
        let r = try GeoBoundaries.check(json: data, knownCodes: known)
        #expect(r.valid.map(\.code) == ["E05099001"])
        let by = Dictionary(r.rejected.map { ($0.feature, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r.rejected.map(\.feature) == Array(2...12))
        func has(_ n: Int, _ field: String, _ words: String) -> Bool {
            by[n]?.errors.contains { $0.field == field && $0.message.contains(words) } ?? false
        }
        #expect(has(2, "geometry.coordinates", "Ring 1 is not closed"))
        #expect(has(3, "geometry.coordinates", "Ring 1 has 3 positions; a ring needs at least 4"))
        #expect(has(4, "properties.WD23CD", "\"E09000099\" is not a ward GSS code"))
        #expect(has(5, "properties.WD23CD", "Code E05099001 is also feature 1"))
        #expect(has(6, "properties.WD23CD", "E05012345 is not a ward in places"))
        #expect(has(7, "properties.WDnnCD", "Give the ward's GSS code"))
        #expect(has(8, "geometry.type", "Polygon or MultiPolygon (found \"Point\")"))
        #expect(has(9, "geometry.coordinates", "British National Grid"))
        #expect(has(10, "geometry", "no geometry"))
        #expect(has(11, "geometry.coordinates", "latitude −90 to 90"))
        #expect(has(12, "type", "must be a Feature"))
        #expect(by[2]?.code == "E05099002")
    }

    @Test func nonFiniteAndNonNumericPositionsAreRejected() throws {
        let text = "{\"type\":\"Polygon\",\"coordinates\":[[[0,51],[\"a\",51],[0.1,51.1],[0,51]]]}"
        let r = try GeoBoundaries.check(json: Self.collection([Self.feature("\"code\":\"E05099001\"", text)]), knownCodes: known)
        #expect(r.rejected.first?.errors.first?.message.contains("position 2 is not a [longitude, latitude] pair") == true)
        let huge = "{\"type\":\"Polygon\",\"coordinates\":[[[0,51],[1e400,51],[0.1,51.1],[0,51]]]}"
        let h = try? GeoBoundaries.check(json: Self.collection([Self.feature("\"code\":\"E05099001\"", huge)]), knownCodes: known)
        // Either the JSON reader refuses the number or the position is out of range: never a valid ward.
        #expect(h?.valid.isEmpty ?? true)
    }

    @Test func aFileThatIsNotAFeatureCollectionIsExplained() {
        func message(_ s: String) -> String? {
            do { _ = try GeoBoundaries.check(json: Data(s.utf8), knownCodes: known) } catch { return error.field + ": " + error.message }
            return nil
        }
        #expect(message("{\"type\":\"FeatureCollection\",")?.hasPrefix("file: The file could not be read as JSON") == true)
        #expect(message("[1]") == "file: The file must be a GeoJSON object (a FeatureCollection)")
        #expect(message("{\"type\":\"Feature\"}")?.contains("must be a GeoJSON FeatureCollection (its type is \"Feature\")") == true)
        #expect(message("{\"type\":\"FeatureCollection\",\"features\":[]}") == "file: The FeatureCollection has no features")
        #expect(message("{\"type\":\"FeatureCollection\"}") == "file: The FeatureCollection has no \"features\" list")
    }

    @Test func wardCodesAreTheFourNationsWardSeries() {
        for ok in ["E05099001", "W05000123", "S13002516", "N08000101"] { #expect(GeoBoundaries.isWardCode(ok), "\(ok)") }
        for bad in ["E09000001", "E0509900", "E050990011", "e05099001", "E05O99001", ""] { #expect(!GeoBoundaries.isWardCode(bad), "\(bad)") }
    }

    @Test func theStoredFormRoundTrips() throws {
        let polygons: [GeoPolygon] = [[[GeoPoint(-1.5, 52), GeoPoint(-1.4999999, 52.1234567), GeoPoint(-1.4, 52), GeoPoint(-1.5, 52)]]]
        let text = GeoBoundaries.encode(polygons)
        #expect(text == "[[[[-1.5,52],[-1.5,52.123457],[-1.4,52],[-1.5,52]]]]")
        let back = try #require(GeoBoundaries.decode(text))
        #expect(back[0][0][1] == GeoPoint(-1.5, 52.123457))
        #expect(GeoBoundaries.decode("{\"a\":1}") == nil)
    }
}

@Suite struct GeoMapLayoutTests {
    @Test func projectsIntoTheViewBoxKeepingTheShape() {
        // A square a tenth of a degree each way at 60°N is half as wide as it is tall on the ground.
        let ring = [GeoPoint(0, 60), GeoPoint(0.1, 60), GeoPoint(0.1, 60.1), GeoPoint(0, 60.1), GeoPoint(0, 60)]
        let shape = GeoMapLayout.layout([("E05099001", "A", [[ring]])], width: 600, maxHeight: 400, padding: 0)
        #expect(shape.height == 400)
        #expect(abs(shape.width - 200) <= 1)
        #expect(shape.wards[0].path.hasPrefix("M0 400L"))
        #expect(shape.wards[0].path.hasSuffix("Z"))
    }

    @Test func simplifiesAWigglyLineToItsCornersWithinTheTolerance() {
        var ring: [GeoPoint] = []
        for i in 0...100 { ring.append(GeoPoint(Double(i), i % 2 == 0 ? 0 : 0.2)) }
        ring += [GeoPoint(100, 50), GeoPoint(0, 50), GeoPoint(0, 0)]
        let simple = GeoMapLayout.simplifyRing(ring, tolerance: 0.5)
        #expect(simple.count <= 6)
        #expect(simple.first == simple.last)
        let fine = GeoMapLayout.simplifyRing(ring, tolerance: 0.05)
        #expect(fine.count > 90)
        #expect(GeoMapLayout.simplify([GeoPoint(0, 0), GeoPoint(1, 0.1), GeoPoint(2, 0)], tolerance: 0.2).count == 2)
    }

    @Test func aWardSmallerThanTheToleranceStillShows() {
        let big = [GeoPoint(0, 50), GeoPoint(1, 50), GeoPoint(1, 51), GeoPoint(0, 51), GeoPoint(0, 50)]
        let tiny = [GeoPoint(0.5, 50.5), GeoPoint(0.5000001, 50.5), GeoPoint(0.5000001, 50.5000001), GeoPoint(0.5, 50.5)]
        let shape = GeoMapLayout.layout([("E05099001", "Big", [[big]]), ("E05099002", "Tiny", [[tiny]])], tolerance: 2)
        #expect(!shape.wards[1].path.isEmpty)
        #expect(shape.wards[1].path.hasPrefix("M"))
    }

    @Test func pathDataIsRoundedToOneDecimal() {
        #expect(GeoMapLayout.path([[GeoPoint(1.04, 2.25), GeoPoint(3, 4.96), GeoPoint(5.55, 1), GeoPoint(1.04, 2.25)]]) == "M1 2.3L3 5L5.6 1Z")
    }
}

@Suite struct GeoChoroplethTests {
    func map(_ areas: [GeoChoropleth.Area], breaks: [Double] = [5, 10, 20]) -> GeoChoropleth {
        GeoChoropleth(
            id: "fatigue map", title: "Asks by ward", description: "Quarter", width: 300, height: 200, areas: areas, breaks: breaks,
            bucketLabels: GeoChoropleth.countLabels(breaks), legendTitle: "Asks")
    }

    @Test func eachBucketHasItsOwnPatternAndColourAndALegendRow() {
        let svg = GeoChoroplethSVG.svg(
            map([
                .init(name: "A", path: "M0 0L1 0L1 1Z", reading: .value(2, text: "2")),
                .init(name: "B", path: "M0 0L1 0L1 1Z", reading: .value(7, text: "7")),
                .init(name: "C", path: "M0 0L1 0L1 1Z", reading: .value(12, text: "12")),
                .init(name: "D", path: "M0 0L1 0L1 1Z", reading: .value(40, text: "40")),
                .init(name: "E", path: "M0 0L1 0L1 1Z", reading: .suppressed(text: "fewer than 5")),
                .init(name: "F", path: "M0 0L1 0L1 1Z", reading: .noData(text: "no boundary data")),
            ]))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" id=\"fatiguemap\""))
        #expect(svg.contains("aria-labelledby=\"fatiguemap-title fatiguemap-desc\""))
        #expect(svg.contains("<title id=\"fatiguemap-title\">Asks by ward</title>"))
        for b in 0..<4 { #expect(svg.contains("<pattern id=\"fatiguemap-b\(b)\"")) }
        #expect(svg.contains("<pattern id=\"fatiguemap-s\"") && svg.contains("<pattern id=\"fatiguemap-n\""))
        // Four buckets use four palette colours and four different hatchings.
        for colour in ["#eff3ff", "#bdd7e7", "#3182bd", "#08519c"] { #expect(svg.contains("fill=\"\(colour)\""), "\(colour)") }
        #expect(svg.contains("width=\"9\" height=\"9\"") && svg.contains("width=\"4\" height=\"4\""))
        #expect(svg.contains("fill=\"url(#fatiguemap-b0)\"><title>A: 2</title>"))
        #expect(svg.contains("fill=\"url(#fatiguemap-b1)\"><title>B: 7</title>"))
        #expect(svg.contains("fill=\"url(#fatiguemap-b3)\"><title>D: 40</title>"))
        #expect(svg.contains("fill=\"url(#fatiguemap-s)\"><title>E: fewer than 5</title>"))
        for label in ["0 to 4", "5 to 9", "10 to 19", "20 or more", "Fewer than 5 (not shown)", "No data"] {
            #expect(svg.contains(">\(label)</text>"), "\(label)")
        }
        #expect(svg.components(separatedBy: "<rect x=\"4\"").count - 1 == 6)
    }

    @Test func theLegendOnlyListsSuppressedAndNoDataWhenUsed() {
        let svg = GeoChoroplethSVG.svg(map([.init(name: "A", path: "M0 0Z", reading: .value(2, text: "2"))]))
        #expect(!svg.contains("fatiguemap-s") && !svg.contains("fatiguemap-n") && !svg.contains("No data"))
    }

    @Test func hostileNamesAreEscapedAndLineBreaksRemoved() {
        let svg = GeoChoroplethSVG.svg(
            map(
                [.init(name: "\"'<script>alert(1)</script>\r\nX", path: "M0 0\"/><script>", reading: .value(1, text: "1 & <b>"))],
                breaks: [5]))
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("<title>\"'&lt;script&gt;alert(1)&lt;/script&gt;  X: 1 &amp; &lt;b&gt;</title>"))
        #expect(svg.contains("d=\"M0 0&quot;/&gt;&lt;script&gt;\""))
        #expect(!svg.contains("\r") && !svg.contains("\n"))
        let titled = GeoChoroplethSVG.svg(
            GeoChoropleth(
                id: "x\"><", title: "A <b> \"map\"\n", description: "d'", width: 10, height: 10, areas: [], breaks: [], bucketLabels: ["all <x>"],
                legendTitle: "L&"))
        #expect(titled.contains("id=\"x\""))
        #expect(titled.contains(">A &lt;b&gt; \"map\" </title>") && titled.contains(">all &lt;x&gt;</text>") && titled.contains(">L&amp;</text>"))
    }

    @Test func breaksAreRoundAndLabelsReadAsRanges() {
        #expect(GeoChoropleth.evenBreaks(top: 47, buckets: 5, atLeast: 5) == [10, 20, 30, 40])
        #expect(GeoChoropleth.evenBreaks(top: 3, buckets: 5, atLeast: 5) == [5])
        #expect(GeoChoropleth.evenBreaks(top: 0, buckets: 5, atLeast: 5) == [5])
        #expect(GeoChoropleth.evenBreaks(top: 1.3, buckets: 4, atLeast: 0.01) == [0.5, 1.0])
        #expect(GeoChoropleth.labels([0.5, 1], format: { String(format: "%.2f", $0) }) == ["under 0.50", "0.50 to under 1.00", "1.00 or more"])
        #expect(GeoChoropleth.countLabels([1, 5]) == ["0", "1 to 4", "5 or more"])
        let m = map([], breaks: [5, 10])
        #expect(m.bucket(0) == 0 && m.bucket(4.9) == 0 && m.bucket(5) == 1 && m.bucket(10) == 2 && m.bucket(1000) == 2)
    }
}
