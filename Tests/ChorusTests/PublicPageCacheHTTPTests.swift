import Fluent
import Foundation
import Testing
import VaporTesting
import SQLKit

@testable import Chorus
import ChorusCore

/// Public pages served from the cache (`PublicPageCache`), through HTTP as residents and staff: each reader's own CSRF
/// token, `304` for a current copy, a write through any route showing at once, nothing cached for signed-in staff.
@Suite struct PublicPageCacheHTTPTests {
    let door = FrontDoorHTTPTests()

    func report(_ app: Application, _ f: Fixture) async throws -> (ward: FrontDoorHTTPTests.Borough, report: UUID) {
        let b = try await door.borough(app)
        let closed = try await door.activity(
            app, f, "Closed: bins", wards: [b.quayside], themes: [], start: -60, end: -30, status: .closed)
        return (b, try await door.publishedReport(app, activity: closed, title: "What you said about bins"))
    }

    /// A partnership admin changes the report's "What you said" through the edit form; returns their browser.
    @discardableResult
    func editReport(_ app: Application, _ f: Fixture, _ id: UUID) async throws -> Browser {
        let admin = Browser(app)
        try await admin.signIn(f.admin)
        try await admin.get(SiteURL.Feedback.edit(id))
        let saved = try await admin.post(
            SiteURL.Feedback.edit(id),
            ["title": "What you said about bins", "what_we_asked": "a", "what_you_said": "Collections were missed.", "what_we_did": "d"])
        #expect(saved.status == .seeOther)
        return admin
    }

    func hits(_ app: Application) -> Int { app.publicPages.statistics.outcomes[.hit] ?? 0 }

    @Test func aReportIsMadeOnceAndACurrentCopyGetsANotModified() async throws {
        try await TestApp.run { app, f in
            let (_, id) = try await report(app, f)
            let path = SiteURL.Feedback.publicReport(id)
            let resident = Browser(app)
            let first = try await resident.get(path)
            #expect(first.status == .ok && first.body.string.contains("What you said about bins"))
            let tag = try #require(first.headers.first(name: .eTag))
            #expect(first.headers.first(name: .cacheControl) == "private, no-cache")
            let modified = try #require(first.headers.first(name: .lastModified))
            #expect(HTTPDate.parse(modified) != nil)

            let before = hits(app)
            let again = try await resident.get(path)
            #expect(again.body.string == first.body.string && again.headers.first(name: .eTag) == tag)
            #expect(hits(app) == before + 1, "the second reader is served the page made for the first")

            let current = try await resident.get(path, headers: [("If-None-Match", tag)])
            #expect(current.status == .notModified && current.body.readableBytes == 0)
            #expect(current.headers.first(name: .eTag) == tag)
            let byDate = try await resident.get(path, headers: [("If-Modified-Since", modified)])
            #expect(byDate.status == .notModified)
            let stale = try await resident.get(path, headers: [("If-None-Match", "\"something-else\"")])
            #expect(stale.status == .ok && stale.body.string == first.body.string)
        }
    }

    @Test func manyReadersAtOnceAfterAWriteMakeThePageOnce() async throws {
        try await TestApp.run { app, f in
            let (_, id) = try await report(app, f)
            let path = SiteURL.Feedback.publicReport(id)
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<24 { group.addTask { try await Browser(app).get(path).body.string } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(bodies.count == 24 && bodies.allSatisfy { $0.contains("What you said about bins") })
            let outcomes = app.publicPages.statistics.outcomes
            #expect(outcomes[.miss] == 1, "made once: \(outcomes)")
            #expect(outcomes[.hit] == 23)
        }
    }

    @Test func eachReaderGetsTheirOwnTokenInACachedPagesForms() async throws {
        try await TestApp.run { app, f in
            _ = try await report(app, f)
            let one = Browser(app), two = Browser(app)
            let first = try await one.get("/?ward=E05099001")
            let second = try await two.get("/?ward=E05099001")
            #expect(first.status == .ok && second.status == .ok)
            #expect(!one.csrf.isEmpty && !two.csrf.isEmpty && one.csrf != two.csrf, "two cookies, two tokens")
            #expect(!second.body.string.contains(app.publicPages.placeholder) && !first.body.string.contains(app.publicPages.placeholder))
            #expect(first.headers.first(name: .eTag) != second.headers.first(name: .eTag), "the tag follows the token")
            #expect(hits(app) >= 1)
            // The second reader's form works with the token their copy carries, and not with the first reader's.
            let stolen = Browser(app)
            stolen.cookies = two.cookies
            stolen.csrf = one.csrf
            let refused = try await stolen.post(SiteURL.Updates.subscribe, ["email": "two@example.org", "ward": "E05099001", "theme": ""])
            #expect(refused.status.code == 403)
            let ok = try await two.post(SiteURL.Updates.subscribe, ["email": "two@example.org", "ward": "E05099001", "theme": ""])
            #expect(ok.status == .ok && ok.body.string.contains("Check your email"))
        }
    }

    @Test func aWriteThroughAnyRouteShowsAtOnceWithANewTag() async throws {
        try await TestApp.run { app, f in
            let (_, id) = try await report(app, f)
            let path = SiteURL.Feedback.publicReport(id)
            let resident = Browser(app)
            let first = try await resident.get(path)
            let tag = try #require(first.headers.first(name: .eTag))
            let admin = try await editReport(app, f, id)
            let after = try await resident.get(path, headers: [("If-None-Match", tag)])
            #expect(after.status == .ok, "the old copy is no longer current")
            #expect(after.body.string.contains("Collections were missed."))
            #expect(after.headers.first(name: .eTag) != tag)
            // A refused write (a form with errors) changes nothing and keeps the cache.
            let generation = await app.publicPages.clock.reading(app.db).generation
            let refused = try await admin.post(SiteURL.Feedback.edit(id), ["title": ""])
            #expect(refused.status.code == 400)
            #expect(await app.publicPages.clock.reading(app.db).generation == generation)
            // A background sweep may write too: it moves the clock.
            await app.jobSweep.tick(app)
            #expect(await app.publicPages.clock.reading(app.db).generation > generation)
        }
    }

    @Test func signedInStaffAndOtherLanguagesGetTheirOwnPages() async throws {
        try await TestApp.run { app, f in
            let (_, id) = try await report(app, f)
            let path = SiteURL.Feedback.publicReport(id)
            _ = try await Browser(app).get(path)  // cached for anonymous English readers
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let staff = try await officer.get(path)
            #expect(staff.status == .ok && staff.headers.first(name: .eTag) == nil, "made for them, not from the cache")
            #expect(staff.headers.first(name: .cacheControl) == "no-store")
            #expect(staff.body.string.contains("Sign out"))
            let urdu = try await Browser(app).get(path, headers: [("Accept-Language", "ur")])
            #expect(urdu.body.string.contains("lang=\"ur\""))
            let english = try await Browser(app).get(path)
            #expect(english.body.string.contains("lang=\"en\"") && !english.body.string.contains("Sign out"))
        }
    }

    @Test func aCalendarFeedAnswersIfModifiedSince() async throws {
        try await TestApp.run { app, f in
            let b = try await door.borough(app)
            try await door.activity(app, f, "Open: park survey", wards: [b.quayside], themes: [b.parks], start: -3, end: 20)
            let feed = try await Browser(app).get(SiteURL.Register.boroughCalendar)
            #expect(feed.status == .ok && feed.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(feed.body.string.contains("SUMMARY:Open: park survey"))
            let modified = try #require(feed.headers.first(name: .lastModified))
            let current = try await Browser(app).get(SiteURL.Register.boroughCalendar, headers: [("If-Modified-Since", modified)])
            #expect(current.status == .notModified)
            #expect(current.headers.first(name: .eTag) == feed.headers.first(name: .eTag))
        }
    }

    /// Two servers on one PostgreSQL: a report changed through one shows on the other within a second or so (each
    /// server reads the shared clock at most once a second), not when its cached copy happens to be dropped.
    @Test(.enabled(if: OperationsTests.onPostgres, "needs PostgreSQL (DATABASE_URL); on SQLite one server owns the file"))
    func aChangeThroughOneServerShowsOnTheOther() async throws {
        let config = AppConfig.testing()
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        do {
            try await configure(first, config: config, postgresSchema: schema)
            try await configure(second, config: config, postgresSchema: schema)
            try await first.migrateUnderLock()
            let f = try await TestApp.seed(first)
            let (_, id) = try await report(first, f)
            let path = SiteURL.Feedback.publicReport(id)
            #expect(try await Browser(second).get(path).body.string.contains("What you said about bins"))
            try await editReport(first, f, id)
            var seen = false
            for _ in 0..<30 where !seen {
                seen = try await Browser(second).get(path).body.string.contains("Collections were missed.")
                if !seen { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(seen, "the second server still served its old copy after three seconds")
        } catch {
            Issue.record(error)
        }
        try? await (first.db as? any SQLDatabase)?.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        try await first.asyncShutdown()
        try await second.asyncShutdown()
    }
}
