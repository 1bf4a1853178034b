import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The coverage page through HTTP: a ward with no groups whose residents are asked often is flagged as a gap in words,
/// on the page and in its CSV; the audience filter counts only the entries reaching that audience; borough-wide groups
/// are counted once for the borough. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryCoverageHTTPTests {
    typealias D = DirectoryHTTPTests

    @Test func aWardAskedOftenWithNoGroupsIsAGapOnThePageAndInItsCSV() async throws {
        try await TestApp.run { app, f in
            let w = try await D.world(app)
            let officer = try await D.staff(app, f.officer)
            for i in 1...3 {
                try await D.add(
                    officer, .group,
                    [("name", "Harbour group \(i)"), ("summary", "x"), ("category", "charity"), ("place_ids", w.harbour.uuidString)]
                        + (i == 1 ? [("audience_ids", w.audience.uuidString)] : []))
            }
            try await D.add(officer, .group, [("name", "Everywhere"), ("summary", "x"), ("category", "charity"), ("borough_wide", "true")])
            // Fifteen consultations in Quay this quarter: 1.5 asks per 1,000 of its 10,000 residents.
            for i in 1...15 {
                let a = Activity()
                a.title = "Ask \(i)"; a.purpose = "p"; a.$organisation.id = f.councilID; a.status = ActivityStatus.open.rawValue
                a.ladderLevel = "consult"; a.startDay = Day(Date()).ordinal; a.boroughWide = false; a.isPublic = false; a.methods = ",survey,"
                try await a.create(on: app.db)
                try await ActivityPlace(activity: a.id!, place: w.quay).create(on: app.db)
            }
            let page = try await officer.get(SiteURL.Directory.coverage)
            #expect(page.status == .ok)
            let html = page.body.string
            let gaps = try #require(html.range(of: "id=\"coverage-gaps\"")).upperBound
            #expect(html[gaps...].prefix(200).contains("Thin and busy: Quay."))
            #expect(html.contains("Also across the whole borough: 1 groups and 0 connectors"))
            let csv = try await officer.get(SiteURL.Directory.coverageCSV).body.string
            let lines = csv.split(whereSeparator: \.isNewline)
            #expect(lines.contains { $0.hasPrefix("E05009998,Quay,10000,0,0,0,0.00,15,1.50,yes,yes,yes") })
            #expect(lines.contains { $0.hasPrefix("E05009999,Harbour,10000,3,0,0,0.30,0,0.00,no,no,no") })

            let older = try await officer.get(SiteURL.with(SiteURL.Directory.coverageCSV, ["audience": w.audience.uuidString])).body.string
            #expect(older.contains("E05009999,Harbour,10000,1,0,0,0.10"))
            #expect(try await officer.get(SiteURL.with(SiteURL.Directory.coverage, ["audience": "\"'<>", "sort": "coverage"])).status == .ok)
            // Signed out: not for residents.
            #expect(try await Browser(app).get(SiteURL.Directory.coverage).status != .ok)
        }
    }
}
