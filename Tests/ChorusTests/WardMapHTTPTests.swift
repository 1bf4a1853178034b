import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Ward boundaries: importing GeoJSON (all or nothing, per-feature errors, admins only) and the maps drawn from them.
@Suite struct WardMapHTTPTests {
    static let path = "/admin/places/boundaries/import"

    /// The demo borough's 12 wards as places (codes E05099001…012), with populations.
    @discardableResult
    static func wards(_ app: Application) async throws -> [Place] {
        var out: [Place] = []
        for (i, (name, population)) in DemoSeed.wards.enumerated() {
            let w = Place()
            w.code = String(format: "E05099%03d", i + 1); w.name = name; w.kind = PlaceKind.ward.rawValue; w.population = population
            try await w.create(on: app.db)
            out.append(w)
        }
        return out
    }

    static func admin(_ app: Application, _ f: Fixture) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(f.admin)
        try await b.get(path)
        return b
    }

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func aGoodFileDrawsTheFatigueMapsWithLegendAndTableBeside() async throws {
        try await TestApp.run { app, f in
            try await Self.wards(app)
            let b = try await Self.admin(app, f)
            // Before any boundary: the table alone, no empty map.
            let before = try await b.get("/activities/fatigue").body.string
            #expect(!before.contains("ward-map") && before.contains("<table"))
            let res = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: DemoWardShapes.geoJSON())
            #expect(res.status.code == 200)
            #expect(res.body.string.contains("Boundaries of 12 wards imported (0 replaced)"))
            #expect(try await WardBoundary.query(on: app.db).count() == 12)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == "ward_boundary").count() == 13)

            let page = try await b.get("/activities/fatigue").body.string
            let rate = try #require(page.range(of: "<svg").map { String(page[$0.lowerBound...]) })
            let first = String(rate[..<rate.range(of: "</svg>")!.upperBound])
            #expect(first.contains("role=\"img\"") && first.contains("aria-labelledby=\"fatigue-map-title fatigue-map-desc\""))
            #expect(Self.occurrences("<path d=", in: first) == 12)
            #expect(first.contains("<title>Quayside: 0.00 asks per 1,000 residents</title>"))
            #expect(first.contains("class=\"map-legend\"") && first.contains("Asks per 1,000 residents</text>"))
            #expect(first.contains("<pattern id=\"fatigue-map-b0\"") && first.contains("<pattern id=\"fatigue-map-b3\""))
            #expect(page.contains("id=\"activities-map\"") && Self.occurrences("<path d=", in: page) == 24)
            // The data table is still there, after the maps.
            #expect(page.contains("<table class=\"table\"") && page.range(of: "</svg>")!.lowerBound < page.range(of: "<table")!.lowerBound)

            // Again: the same wards are replaced, not added.
            try await b.get(Self.path)
            let again = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: DemoWardShapes.geoJSON())
            #expect(again.body.string.contains("(12 replaced)"))
            #expect(try await WardBoundary.query(on: app.db).count() == 12)

            // Deleting a ward deletes its boundary; the map draws the others.
            try await Place.query(on: app.db).filter(\.$code == "E05099012").delete()
            #expect(try await WardBoundary.query(on: app.db).count() == 11)
            let after = try await b.get("/activities/fatigue")
            #expect(after.status.code == 200 && Self.occurrences("<path d=", in: after.body.string) == 22)
        }
    }

    @Test func aMalformedFileOrOneBadFeatureSavesNothingAndNamesEachFeature() async throws {
        try await TestApp.run { app, f in
            try await Self.wards(app)
            let b = try await Self.admin(app, f)
            let broken = try await b.upload(
                Self.path, field: "file", filename: "wards.geojson", content: "{\"type\": \"FeatureCollection\", \"features\": [")
            #expect(broken.status.code == 400)
            #expect(broken.body.string.contains("The file could not be read as JSON"))
            #expect(try await WardBoundary.query(on: app.db).count() == 0)

            // Feature 3 (Northgate) names a ward that is not in places; feature 5's ring is left open.
            var text = DemoWardShapes.geoJSON().replacingOccurrences(of: "\"WD23CD\":\"E05099003\"", with: "\"WD23CD\":\"E05099099\"")
            let features = text.components(separatedBy: "{\"type\":\"Feature\",")
            #expect(features.count == 13)
            var fifth = features[5]
            fifth = fifth.replacingOccurrences(of: "]]]}}", with: "],[-2.9,54.6]]]}}")
            text = ([features[0]] + features[1...4] + [fifth] + features[6...]).joined(separator: "{\"type\":\"Feature\",")
            try await b.get(Self.path)
            let bad = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: text)
            #expect(bad.status.code == 422)
            let html = bad.body.string
            #expect(html.contains("2 features have problems") && html.contains("Nothing from this file was saved"))
            #expect(html.contains("E05099099 is not a ward in places"))
            #expect(html.contains("geometry.coordinates: Ring 1 is not closed"))
            #expect(html.contains("<td>5</td>"))
            #expect(try await WardBoundary.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == "ward_boundary").count() == 0)

            try await b.get(Self.path)
            let empty = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: "")
            #expect(empty.status.code == 400 && empty.body.string.contains("Choose a GeoJSON file"))
        }
    }

    @Test func onlyPartnershipAdminsMayImport() async throws {
        try await TestApp.run { app, f in
            try await Self.wards(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let form = try await b.get(Self.path)
            #expect(form.status.code == 403)
            let res = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: DemoWardShapes.geoJSON())
            #expect(res.status.code == 403)
            #expect(try await WardBoundary.query(on: app.db).count() == 0)
        }
    }

    @Test func hostileWardNamesAreEscapedInTheMap() async throws {
        try await TestApp.run { app, f in
            let wards = try await Self.wards(app)
            let b = try await Self.admin(app, f)
            _ = try await b.upload(Self.path, field: "file", filename: "wards.geojson", content: DemoWardShapes.geoJSON())
            wards[0].name = "Quay\"side' <script>alert(1)</script>\r\nX"
            try await wards[0].save(on: app.db)
            let page = try await b.get("/activities/fatigue").body.string
            #expect(!page.contains("<script>alert(1)"))
            #expect(page.contains("<title>Quay\"side' &lt;script&gt;alert(1)&lt;/script&gt;  X: 0.00 asks per 1,000 residents</title>"))
        }
    }

    static func insight(_ app: Application, org: UUID, text: String, sharing: SharingLevel, place: UUID?) async throws {
        let i = Insight()
        i.$organisation.id = org; i.kind = InsightKind.quote.rawValue; i.text = text; i.redactedKinds = ""
        i.heardDay = Day(iso: "2026-10-02")!.ordinal; i.peopleCount = 1; i.sharing = sharing.rawValue; i.feedbackOptIn = false
        i.$place.id = place
        try await i.create(on: app.db)
    }

    @Test func theInsightsMapCountsOnlyWhatTheReaderMaySee() async throws {
        try await TestApp.run { app, f in
            let wards = try await Self.wards(app)
            _ = try await WardBoundaryImportService.run(json: Data(DemoWardShapes.geoJSON().utf8), db: app.db, actor: .system)
            for n in 0..<6 { try await Self.insight(app, org: f.councilID, text: "Council only \(n)", sharing: .organisation, place: wards[0].id) }
            for n in 0..<7 { try await Self.insight(app, org: f.councilID, text: "Shared \(n)", sharing: .partnership, place: wards[1].id) }
            for n in 0..<2 { try await Self.insight(app, org: f.councilID, text: "Few \(n)", sharing: .partnership, place: wards[2].id) }
            try await Self.insight(app, org: f.councilID, text: "Nowhere", sharing: .partnership, place: nil)

            let other = Browser(app)
            try await other.signIn(f.viewer)
            let plain = try await other.get("/insights").body.string
            #expect(!plain.contains("insights-map") && plain.contains("Show these insights by ward"))
            let html = try await other.get("/insights?map=1").body.string
            #expect(html.contains("id=\"insights-map\"") && Self.occurrences("<path d=", in: html) == 12)
            #expect(html.contains("<title>Quayside: 0</title>"), "the council's organisation-level insights are not counted for the NHS trust")
            #expect(html.contains("<title>Old Town: 7</title>") && html.contains("<title>Northgate: fewer than 5</title>"))
            #expect(html.contains("<td>Old Town</td><td>7</td>") && html.contains("<td>Quayside</td><td>0</td>"))
            #expect(!html.contains("<td>6</td>"))

            let own = Browser(app)
            try await own.signIn(f.officer)
            let mine = try await own.get("/insights?map=1").body.string
            #expect(mine.contains("<title>Quayside: 6</title>") && mine.contains("<td>Quayside</td><td>6</td>"))
            // A filter narrows the counts too.
            let narrowed = try await own.get("/insights?map=1&sharing=partnership").body.string
            #expect(narrowed.contains("<title>Quayside: 0</title>") && narrowed.contains("<title>Old Town: 7</title>"))
        }
    }

    @Test func withoutBoundariesTheInsightsByWardIsATableOnly() async throws {
        try await TestApp.run { app, f in
            let wards = try await Self.wards(app)
            for n in 0..<5 { try await Self.insight(app, org: f.councilID, text: "Shared \(n)", sharing: .partnership, place: wards[1].id) }
            let b = Browser(app)
            try await b.signIn(f.officer)
            let html = try await b.get("/insights?map=1").body.string
            #expect(!html.contains("<svg") && html.contains("<td>Old Town</td><td>5</td>"))
        }
    }

    @Test func theAnalysisOverviewMapsItsLargestThemesWithSmallCountsHidden() async throws {
        try await TestApp.run { app, f in
            let wards = try await Self.wards(app)
            _ = try await WardBoundaryImportService.run(json: Data(DemoWardShapes.geoJSON().utf8), db: app.db, actor: .system)
            for (n, t) in AnalysisHTTPTests.buses.enumerated() {
                try await Self.insight(app, org: f.councilID, text: t, sharing: .partnership, place: wards[n < 9 ? 0 : 1].id)
            }
            for (n, t) in AnalysisHTTPTests.parks.enumerated() {
                try await Self.insight(app, org: f.councilID, text: t, sharing: .partnership, place: wards[n < 10 ? 2 : 3].id)
            }
            let b = Browser(app)
            try await b.signIn(f.officer)
            let run = try await AnalysisHTTPTests().runAnalysis(b, app)
            #expect(run.statusValue == .done, "\(run.error ?? "")")
            let html = try await b.get(SiteURL.Analysis.run(run.id!)).body.string
            #expect(html.contains("The largest themes on the map") && html.contains("id=\"theme-map-1\""))
            #expect(html.contains(": fewer than 5</title>"), "wards with 1 to 4 insights in a theme are hidden on the map as in the table")
            // The by-ward table is still there, before the maps.
            #expect(html.range(of: "Insights per theme by ward")!.lowerBound < html.range(of: "theme-map-1")!.lowerBound)
        }
    }
}
