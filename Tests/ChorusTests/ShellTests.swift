import Testing
import VaporTesting
import Foundation
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct ShellTests {
    @Test func healthReportsTheDatabase() async throws {
        try await TestApp.run { app, _ in
            let res = try await Browser(app).get("/healthz")
            #expect(res.status == .ok)
            let expected = app.chorusConfig.database.name
            #expect(res.body.string == #"{"database":"\#(expected)","status":"ok"}"#)
        }
    }

    @Test func urduSwitchSetsLangAndRightToLeft() async throws {
        try await TestApp.run { app, _ in
            let b = Browser(app)
            let en = try await b.get("/sign-in").body.string
            #expect(en.hasPrefix("<!DOCTYPE html><html lang=\"en\" dir=\"ltr\">"))
            let switched = try await b.get("/language/ur?back=/sign-in")
            #expect(switched.status == .seeOther && switched.headers.first(name: .location) == "/sign-in")
            let ur = try await b.get("/sign-in").body.string
            #expect(ur.hasPrefix("<!DOCTYPE html><html lang=\"ur\" dir=\"rtl\">"))
            #expect(ur.contains("سائن ان کریں"))
            #expect(ur.contains("hreflang=\"en\""), "a way back to English, named in English")
            #expect(try await b.get("/language/xx").status == .notFound)
            // Untranslated page content is marked as English inside the Urdu page; translated content is not.
            #expect(!ur.contains("<main class=\"main\" dir=\"ltr\""))
            let missing = try await b.get("/no/such/page").body.string
            #expect(missing.contains("lang=\"ur\" dir=\"rtl\"") && !missing.contains("<main class=\"main\" dir=\"ltr\""))
            // Accept-Language is honoured when no choice is saved.
            let fresh = try await Browser(app).get("/sign-in", headers: [("Accept-Language", "ur-PK,ur;q=0.9,en;q=0.5")])
            #expect(fresh.body.string.contains("lang=\"ur\" dir=\"rtl\""))
        }
    }

    @Test func friendlyErrorPagesAndSecurityHeaders() async throws {
        try await TestApp.run { app, _ in
            let res = try await Browser(app).get("/no/such/page")
            #expect(res.status == .notFound)
            #expect(res.body.string.contains("Page not found") && res.body.string.contains("Skip to main content"))
            #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
            let api = try await Browser(app).get("/api/v1/nothing-here")
            #expect(api.status == .notFound && api.headers.contentType == .json)
        }
    }

    @Test func unexpectedErrorsShowAFriendly500WithoutDetails() async throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "secret internals" } }
        try await TestApp.run { app, _ in
            app.get("boom") { _ -> String in throw Boom() }
            app.get("api", "v1", "boom") { _ -> String in throw Boom() }
            let page = try await Browser(app).get("/boom")
            #expect(page.status == .internalServerError)
            #expect(page.body.string.contains("Sorry, there is a problem with the service") && !page.body.string.contains("secret internals"))
            let api = try await Browser(app).get("/api/v1/boom")
            #expect(api.status == .internalServerError && api.body.string.contains("Internal error") && !api.body.string.contains("secret"))
        }
    }

    @Test func formsHaveLabelsAndTheSkipLinkLeadsToMain() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            let html = try await b.get("/admin/places/new").body.string
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">") && html.contains("id=\"main\""))
            for id in ["f-code", "f-name", "f-kind", "f-parent-id", "f-population"] {
                #expect(html.contains("for=\"\(id)\"") && html.contains("id=\"\(id)\""), "\(id) has a label")
            }
        }
    }

    /// Every literal catalogue key used in the code exists in English, and every Urdu key exists in English.
    @Test func catalogueCoversEveryKeyTheCodeUses() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Chorus")
        var missing: [String] = []
        let pattern = try NSRegularExpression(pattern: #"\.t\("([a-z0-9_.]+)""#)
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        var checked = 0
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(m.range(at: 1), in: text)!])
                checked += 1
                if Catalogue.english[key] == nil { missing.append(key) }
            }
        }
        #expect(checked > 100)
        #expect(missing.isEmpty, "missing English strings: \(Set(missing).sorted())")
        #expect(Set(Catalogue.urdu.keys).subtracting(Catalogue.english.keys).isEmpty)
        // Keys built at run time: every choice, role, nav section and admin title.
        let dynamic =
            OrganisationType.allCases.map { "choice.\($0.rawValue)" } + PlaceKind.allCases.map { "choice.\($0.rawValue)" }
            + AudienceKind.allCases.map { "choice.\($0.rawValue)" } + Role.allCases.map { "role.\($0.rawValue)" }
            + AdminSection.all.flatMap { ["nav.\($0)", "admin.\($0).title", "admin.\($0).add", "admin.\($0).edit"] }
            + AuditService.Action.allCases.map { "audit.action.\($0.rawValue)" }
            + [PeopleResource().specs, PlacesResource().specs, OrganisationsResource().specs, ThemesResource().specs, AudiencesResource().specs]
            .enumerated().flatMap { i, specs in specs.map { "field.\(["people", "places", "organisations", "themes", "audiences"][i]).\($0.name)" } }
        #expect(dynamic.filter { Catalogue.english[$0] == nil }.isEmpty, "\(dynamic.filter { Catalogue.english[$0] == nil })")
    }
}

@Suite struct ConfigTests {
    @Test func defaults() throws {
        let c = try AppConfig.fromEnvironment([:])
        #expect(c.host == "127.0.0.1" && c.port == 8080 && c.dataDirectory == "./data")
        #expect(c.database == .sqliteFile(path: "data/chorus.sqlite") || c.database == .sqliteFile(path: "./data/chorus.sqlite"))
        #expect(c.baseURL.absoluteString == "http://127.0.0.1:8080" && !c.seedDemo && c.sessionSecret == nil)
    }

    @Test func postgresFromDatabaseURL() throws {
        let c = try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://chorus:pw@db.internal:5432/chorus"])
        #expect(c.database == .postgres(url: "postgres://chorus:pw@db.internal:5432/chorus") && c.database.name == "postgres")
    }

    @Test(arguments: [
        (["CHORUS_PORT": "eighty"], "CHORUS_PORT"), (["CHORUS_PORT": "70000"], "CHORUS_PORT"),
        (["DATABASE_URL": "mysql://x"], "DATABASE_URL"), (["DATABASE_URL": "postgres://"], "DATABASE_URL"),
        (["CHORUS_BASE_URL": "chorus.example.org"], "CHORUS_BASE_URL"), (["CHORUS_SESSION_SECRET": "short"], "CHORUS_SESSION_SECRET"),
        (["CHORUS_DEMO": "maybe"], "CHORUS_DEMO"), (["CHORUS_HOST": "a b"], "CHORUS_HOST"),
    ])
    func badValuesStopStartUpNamingTheVariable(_ env: [String: String], _ variable: String) {
        do {
            _ = try AppConfig.fromEnvironment(env)
            Issue.record("accepted \(env)")
        } catch {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix("Configuration error: \(variable) "))
            #expect(!error.description.contains("\n"))
        }
    }
}

@Suite struct ReadinessHTTPTests {
    @Test func readyzSaysReadyThenNamesAPendingMigrationAndAStuckSweepWith503() async throws {
        try await TestApp.run { app, _ in
            let ok = try await Browser(app).get("/readyz")
            #expect(ok.status == .ok && ok.headers.contentType == .json)
            #expect(ok.body.string.contains("\"status\":\"ready\"") && ok.body.string.contains("\"problems\":[]"))
            #expect(ok.body.string.contains("\"migrations\":\(Migrations.all.count)"))

            try await MigrationLog.query(on: app.db).filter(\.$name == "Chorus.CreateUpdateSubscriptions").delete()
            let pending = try await Browser(app).get("/readyz")
            #expect(pending.status == .serviceUnavailable)
            #expect(pending.body.string.contains("migrations not run: Chorus.CreateUpdateSubscriptions"))

            app.jobSweep.workerStarted(at: Date().addingTimeInterval(-600))
            let stuck = try await Browser(app).get("/readyz")
            #expect(stuck.status == .serviceUnavailable && stuck.body.string.contains("no background sweep has finished for"))
            await app.jobSweep.tick(app)
            let moving = try await Browser(app).get("/readyz").body.string
            #expect(!moving.contains("no background sweep"), "a finished sweep clears it")
        }
    }
}

@Suite struct LogFormatTests {
    @Test func theLogFormatIsTextOrJSONAndAnythingElseStopsStartUp() throws {
        #expect(try AppConfig.fromEnvironment([:]).logFormat == .text)
        #expect(try AppConfig.fromEnvironment(["CHORUS_LOG_FORMAT": "JSON"]).logFormat == .json)
        do {
            _ = try AppConfig.fromEnvironment(["CHORUS_LOG_FORMAT": "xml"])
            Issue.record("an unknown format was accepted")
        } catch {
            #expect(error.variable == "CHORUS_LOG_FORMAT" && error.message.contains("\"xml\""))
        }
    }
}
