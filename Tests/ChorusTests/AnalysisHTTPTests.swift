import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Thematic analysis through HTTP: a run in the background whose themes cover the insights, the sharing wall (org B's
/// analysis never includes org A's organisation-level insights, even in counts), analysts' edits with permission
/// checks and bad input, and a re-run that keeps a renamed theme's label.
@Suite struct AnalysisHTTPTests {
    static let secret = "zebracrossingpetition"
    static let buses = [
        "The bus is always late in the morning", "Buses never come on time at the bus stop", "The bus timetable is wrong again",
        "Late buses make me miss work", "The bus stop has no timetable", "Buses are late and crowded", "We need more buses, they are late",
        "The bus driver said the timetable changed", "Bus stop shelter is broken and buses late", "The late bus made my child miss school",
        "Morning buses are always full and late", "The timetable at the bus stop is never right",
    ]
    static let parks = [
        "The park needs more benches", "Children love the park playground", "The playground swings in the park are broken",
        "Park benches are dirty", "More trees in the park please", "The park playground is lovely in summer",
        "Dogs off lead in the park playground", "The park gates are locked too early", "Clean the park benches please",
        "Park toilets and playground need repair", "A new playground for the park", "Benches and trees make the park nice",
    ]

    /// An analyst at the NHS trust (organisation B).
    func nhsAnalyst(_ app: Application, _ f: Fixture) async throws -> String {
        let p = Person()
        p.name = "Ana Analyst"; p.email = "analyst@nhs.test"; p.role = Role.insightAnalyst.rawValue; p.$organisation.id = f.nhsID; p.active = true
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return p.email
    }

    @discardableResult
    func insight(_ app: Application, org: UUID, text: String, sharing: SharingLevel, day: String = "2026-10-02") async throws -> UUID {
        let i = Insight()
        i.$organisation.id = org; i.kind = InsightKind.quote.rawValue; i.text = text; i.redactedKinds = ""; i.heardDay = Day(iso: day)!.ordinal
        i.peopleCount = 1; i.sharing = sharing.rawValue; i.feedbackOptIn = false
        try await i.create(on: app.db)
        return i.id!
    }

    /// Two clear topics shared with the partnership (24 insights), plus the council's organisation-level insights.
    func corpus(_ app: Application, _ f: Fixture) async throws {
        for (n, t) in (Self.buses + Self.parks).enumerated() {
            try await insight(app, org: f.councilID, text: t, sharing: .partnership, day: n % 2 == 0 ? "2026-09-10" : "2026-10-12")
        }
        for n in 0..<6 { try await insight(app, org: f.councilID, text: "The \(Self.secret) bus stop park number \(n)", sharing: .organisation) }
    }

    /// Starts a run through the form and waits for the background job (up to ~10 s).
    func runAnalysis(_ b: Browser, _ app: Application, title: String = "All shared insights", query: String = "") async throws -> AnalysisRun {
        try await b.get(SiteURL.Analysis.list)
        let res = try await b.post(SiteURL.Analysis.create, ["title": title, "query": query])
        #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")
        let id = try #require(res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
        return try await wait(app, id)
    }

    func wait(_ app: Application, _ id: UUID) async throws -> AnalysisRun {
        for _ in 0..<200 {
            if let r = try await AnalysisRun.find(id, on: app.db), r.statusValue == .done || r.statusValue == .failed { return r }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the analysis did not finish in 10 s")
        return try #require(try await AnalysisRun.find(id, on: app.db))
    }

    @Test func aRunFinishesInTheBackgroundAndItsThemesCoverTheInsights() async throws {
        try await TestApp.run { app, f in
            try await corpus(app, f)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let run = try await runAnalysis(b, app)
            #expect(run.statusValue == .done, "\(run.error ?? "")")
            #expect(run.insightCount == 30, "the council's officer sees its own organisation-level insights too")
            let themes = try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == run.id!).all()
            #expect(themes.count >= 2)
            let members = try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).all()
            #expect(members.count + run.unassignedCount == run.insightCount, "every insight is in one theme or unassigned")
            #expect(Set(members.map { $0.$insight.id }).count == members.count, "no insight is in two themes")
            #expect(themes.reduce(0) { $0 + $1.size } == members.count)
            let page = try await b.get(SiteURL.Analysis.run(run.id!))
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("role=\"img\"") && html.contains("<title id=\"sizes-title\">") && html.contains("<desc"))
            #expect(html.contains("Theme sizes") && html.contains("2026-09") && html.contains("2026-10"))
            let theme = try #require(themes.first)
            let themePage = try await b.get(SiteURL.Analysis.theme(run.id!, theme.id!))
            #expect(themePage.status == .ok && themePage.body.string.contains("Representative quotes"))
            // A run with too few insights fails with a reason, not a 500.
            let empty = try await runAnalysis(b, app, title: "Nothing", query: "q=nosuchwordanywhere")
            #expect(empty.statusValue == .failed && (empty.error ?? "").contains("at least 2"))
        }
    }

    /// Organisation B's analysis never includes organisation A's organisation-level insights, even in counts.
    @Test func anAnalysisByAnotherOrganisationNeverIncludesOrganisationLevelInsights() async throws {
        try await TestApp.run { app, f in
            try await corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await nhsAnalyst(app, f))
            let run = try await runAnalysis(analyst, app)
            #expect(run.statusValue == .done)
            #expect(run.insightCount == 24, "only the 24 partnership insights, not the council's 6 organisation-level ones")
            #expect(!run.privateToOrganisation)
            let hidden = Set(try await Insight.query(on: app.db).filter(\.$sharing == SharingLevel.organisation.rawValue).all().compactMap(\.id))
            let members = try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).all()
            #expect(members.allSatisfy { !hidden.contains($0.$insight.id) })
            let sizes = try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == run.id!).all().reduce(0) { $0 + $1.size }
            #expect(sizes + run.unassignedCount == 24)
            let page = try await analyst.get(SiteURL.Analysis.run(run.id!))
            #expect(!page.body.string.contains(Self.secret) && page.body.string.contains("24 insights analysed"))
            for t in try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == run.id!).all() {
                let tp = try await analyst.get(SiteURL.Analysis.theme(run.id!, t.id!))
                #expect(!tp.body.string.contains(Self.secret))
            }
            // The council's run includes its organisation-level insights, so the NHS cannot open it.
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            let councilRun = try await runAnalysis(officer, app)
            #expect(councilRun.privateToOrganisation)
            #expect(try await analyst.get(SiteURL.Analysis.run(councilRun.id!)).status == .notFound)
            #expect(!(try await analyst.get(SiteURL.Analysis.list)).body.string.contains(councilRun.id!.uuidString))
        }
    }

    @Test func analystsRenameMergeSplitPinMoveAndMapWithChecks() async throws {
        try await TestApp.run { app, f in
            try await corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await nhsAnalyst(app, f))
            let run = try await runAnalysis(analyst, app)
            var themes = try await AnalysisService.themes(run, app.db)
            try #require(themes.count >= 2)
            let a = themes[0], b = themes[1]
            func act(_ t: DiscoveredTheme, _ name: String, _ fields: [String: String]) async throws -> TestingHTTPResponse {
                try await analyst.get(SiteURL.Analysis.theme(run.id!, t.id!))
                return try await analyst.post(SiteURL.Analysis.themeAction(run.id!, t.id!, name), fields)
            }
            // Bad input: 400 naming the field, nothing changed.
            let blank = try await act(a, "rename", ["label": "  "])
            #expect(blank.status == .badRequest && blank.body.string.contains("href=\"#f-label\""))
            let badMerge = try await act(a, "merge", ["other_theme_id": a.id!.uuidString])
            #expect(badMerge.status == .badRequest && badMerge.body.string.contains("href=\"#f-other-theme-id\""))
            let badMap = try await act(a, "map", ["taxonomy_theme_id": UUID().uuidString])
            #expect(badMap.status == .badRequest && badMap.body.string.contains("href=\"#f-taxonomy-theme-id\""))
            try await analyst.get(SiteURL.Analysis.theme(run.id!, a.id!))
            let badMove = try await analyst.post(
                SiteURL.Analysis.move(run.id!), ["insight_id": UUID().uuidString, "target_theme_id": b.id!.uuidString])
            #expect(badMove.status == .badRequest && badMove.body.string.contains("Choose an insight of this analysis to move"))

            // Rename, pin, note.
            #expect(try await act(a, "rename", ["label": "Public transport"]).status == .seeOther)
            #expect(try await act(a, "pin", ["pinned": "true"]).status == .seeOther)
            #expect(try await act(a, "note", ["note": "Mostly about the 42 route"]).status == .seeOther)
            let renamed = try #require(try await DiscoveredTheme.find(a.id!, on: app.db))
            #expect(renamed.displayLabel == "Public transport" && renamed.pinned && renamed.note == "Mostly about the 42 route")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == AnalysisService.themeEntity).count() >= 3)

            // Permission: an officer of another organisation and a viewer may not change the NHS's run.
            for email in [f.officer, f.viewer] {
                let other = Browser(app)
                try await other.signIn(email)
                try await other.get(SiteURL.Analysis.theme(run.id!, a.id!))
                #expect(
                    try await other.post(SiteURL.Analysis.themeAction(run.id!, a.id!, "rename"), ["label": "Hijack"]).status == .forbidden, "\(email)"
                )
            }

            // Move one insight from b to a: both stay consistent.
            let moving = try #require(try await ThemeMember.query(on: app.db).filter(\.$theme.$id == b.id!).first())
            try await analyst.get(SiteURL.Analysis.theme(run.id!, b.id!))
            let moved = try await analyst.post(
                SiteURL.Analysis.move(run.id!), ["insight_id": moving.$insight.id.uuidString, "target_theme_id": a.id!.uuidString])
            #expect(moved.status == .seeOther)
            #expect(
                try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).filter(\.$insight.$id == moving.$insight.id).first()?.$theme.id
                    == a.id)
            try await expectConsistent(app, run)

            // Merge b into a: b is gone, its members are a's, the label the analyst gave is kept.
            let before = try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).count()
            #expect(try await act(a, "merge", ["other_theme_id": b.id!.uuidString]).status == .seeOther)
            #expect(try await DiscoveredTheme.find(b.id!, on: app.db) == nil)
            #expect(try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).count() == before)
            #expect(try await DiscoveredTheme.find(a.id!, on: app.db)?.displayLabel == "Public transport")
            try await expectConsistent(app, run)

            // Split the merged theme in two.
            themes = try await AnalysisService.themes(run, app.db)
            let count = themes.count
            #expect(try await act(a, "split", [:]).status == .seeOther)
            #expect(try await AnalysisService.themes(run, app.db).count == count + 1)
            try await expectConsistent(app, run)

            // Map to a taxonomy theme: its insights are tagged.
            let tax = Theme()
            tax.name = "Transport"
            try await tax.create(on: app.db)
            #expect(try await act(a, "map", ["taxonomy_theme_id": tax.id!.uuidString]).status == .seeOther)
            let size = try await ThemeMember.query(on: app.db).filter(\.$theme.$id == a.id!).count()
            #expect(try await InsightTheme.query(on: app.db).filter(\.$theme.$id == tax.id!).count() == size)
        }
    }

    func expectConsistent(_ app: Application, _ run: AnalysisRun) async throws {
        let members = try await ThemeMember.query(on: app.db).filter(\.$runID == run.id!).all()
        let themes = try await AnalysisService.themes(run, app.db)
        let ids = Set(themes.compactMap(\.id))
        #expect(members.allSatisfy { ids.contains($0.$theme.id) }, "every member belongs to a theme of the run")
        for t in themes {
            #expect(t.size == members.filter { $0.$theme.id == t.id }.count, "\(t.displayLabel): size matches members")
            #expect(t.size > 0)
        }
    }

    @Test func runningAgainMatchesThemesAndKeepsTheAnalystsLabels() async throws {
        try await TestApp.run { app, f in
            try await corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await nhsAnalyst(app, f))
            let first = try await runAnalysis(analyst, app)
            let theme = try #require(try await AnalysisService.themes(first, app.db).first)
            try await analyst.get(SiteURL.Analysis.theme(first.id!, theme.id!))
            #expect(try await analyst.post(SiteURL.Analysis.themeAction(first.id!, theme.id!, "rename"), ["label": "Our buses"]).status == .seeOther)
            #expect(
                try await analyst.post(SiteURL.Analysis.themeAction(first.id!, theme.id!, "note"), ["note": "Shared with the ICB"]).status
                    == .seeOther)
            // A new comment arrives, then the analysis runs again.
            try await insight(app, org: f.nhsID, text: "The bus to the hospital is late", sharing: .partnership)
            try await analyst.get(SiteURL.Analysis.run(first.id!))
            let res = try await analyst.post(SiteURL.Analysis.rerun(first.id!), [:])
            #expect(res.status == .seeOther)
            let id = try #require(res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let second = try await wait(app, id)
            #expect(second.statusValue == .done && second.previousRunID == first.id && second.insightCount == 25)
            let next = try await AnalysisService.themes(second, app.db)
            let kept = try #require(next.first { $0.matchedPreviousID == theme.id })
            #expect(kept.displayLabel == "Our buses" && kept.note == "Shared with the ICB" && kept.matchStatus == "continuing")
            let page = try await analyst.get(SiteURL.Analysis.run(second.id!))
            #expect(page.body.string.contains("Our buses") && page.body.string.contains("continuing"))
            let compare = try await analyst.get(SiteURL.Analysis.compare(first.id!, second.id!))
            #expect(compare.status == .ok && compare.body.string.contains("continuing"))
            let badCompare = try await analyst.get(SiteURL.Analysis.compare + "?a=nonsense")
            #expect(badCompare.status == .badRequest)
        }
    }

    /// Themes depend on the insights and the seed only: two databases holding the same insights under other ids give
    /// the same themes (the engine sees the insights in content order, not in id order).
    @Test func theSameInsightsAndSeedGiveTheSameThemesInAnyDatabase() async throws {
        var groupings: [Set<Set<String>>] = []
        for _ in 0..<3 {
            try await TestApp.run { app, f in
                try await corpus(app, f)
                let analyst = Browser(app)
                try await analyst.signIn(try await nhsAnalyst(app, f))
                let run = try await runAnalysis(analyst, app)
                let texts = Dictionary(uniqueKeysWithValues: try await Insight.query(on: app.db).all().map { ($0.id!, $0.text) })
                let members = try await AnalysisService.members(runID: run.id!, app.db)
                groupings.append(Set(members.values.map { Set($0.compactMap { texts[$0] }) }))
            }
        }
        #expect(groupings.count == 3 && groupings[0].count >= 2)
        #expect(groupings[1] == groupings[0] && groupings[2] == groupings[0])
    }
}

/// Choosing what a run analyses with the insight list's filter controls: the count shown before running (through the
/// reader's wall), a run of exactly the scope counted, its scope in words, and bad or hostile input.
@Suite struct AnalysisScopeHTTPTests {
    struct World {
        let quayside: UUID, harbour: UUID, buses: UUID, parks: UUID
        /// The council's partnership insights in Quayside about buses (what the NHS analyst's scope holds).
        let sharedQuaysideBuses: Set<UUID>
    }

    /// Two wards and two themes: 6 shared bus comments in Quayside, 6 in Harbour, 12 shared park comments in Quayside,
    /// and 3 of the council's organisation-level bus comments in Quayside.
    func world(_ app: Application, _ f: Fixture) async throws -> World {
        func place(_ code: String, _ name: String) async throws -> UUID {
            let p = Place()
            p.code = code; p.name = name; p.kind = PlaceKind.ward.rawValue
            try await p.create(on: app.db)
            return p.id!
        }
        func theme(_ name: String) async throws -> UUID { let t = Theme(); t.name = name; try await t.create(on: app.db); return t.id! }
        let w = World(
            quayside: try await place("E05000001", "Quayside"), harbour: try await place("E05000002", "Harbour"), buses: try await theme("Buses"),
            parks: try await theme("Parks"), sharedQuaysideBuses: [])
        func add(_ text: String, org: UUID, sharing: SharingLevel, place: UUID, theme: UUID, day: String) async throws -> UUID {
            let i = Insight()
            i.$organisation.id = org; i.kind = InsightKind.quote.rawValue; i.text = text; i.redactedKinds = ""
            i.heardDay = Day(iso: day)!.ordinal; i.peopleCount = 1; i.sharing = sharing.rawValue; i.feedbackOptIn = false; i.$place.id = place
            try await i.create(on: app.db)
            try await InsightTheme(insight: i.id!, theme: theme).create(on: app.db)
            return i.id!
        }
        var quaysideBuses = Set<UUID>()
        for (n, t) in AnalysisHTTPTests.buses.enumerated() {
            let inQuayside = n < 6
            let id = try await add(
                t, org: f.councilID, sharing: .partnership, place: inQuayside ? w.quayside : w.harbour, theme: w.buses,
                day: n % 2 == 0 ? "2026-01-10" : "2026-02-12")
            if inQuayside { quaysideBuses.insert(id) }
        }
        for t in AnalysisHTTPTests.parks {
            _ = try await add(t, org: f.councilID, sharing: .partnership, place: w.quayside, theme: w.parks, day: "2026-01-20")
        }
        for n in 0..<3 {
            _ = try await add(
                "The \(AnalysisHTTPTests.secret) bus number \(n) is late", org: f.councilID, sharing: .organisation, place: w.quayside,
                theme: w.buses,
                day: "2026-01-15")
        }
        return World(quayside: w.quayside, harbour: w.harbour, buses: w.buses, parks: w.parks, sharedQuaysideBuses: quaysideBuses)
    }

    func analyst(_ app: Application, _ f: Fixture) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(try await AnalysisHTTPTests().nhsAnalyst(app, f))
        return b
    }

    func scopeURL(_ items: [String: String]) -> String { SiteURL.with(SiteURL.Analysis.list, items) }

    @Test func theFormHasTheInsightListsControlsAndNoQueryStringField() async throws {
        try await TestApp.run { app, f in
            _ = try await world(app, f)
            let b = try await analyst(app, f)
            let page = try await b.get(SiteURL.Analysis.list)
            #expect(page.status == .ok)
            let html = page.body.string
            for id in ["f-bundle-id", "f-q", "f-theme", "f-ward", "f-organisation", "f-audience", "f-sharing", "f-from", "f-to"] {
                #expect(html.contains("id=\"\(id)\""), "\(id)")
            }
            #expect(!html.contains("name=\"query\""), "no raw query-string field")
            #expect(html.contains("Show how many insights") && html.contains("Quayside") && html.contains("Buses"))
            // With nothing chosen, the scope is every insight the NHS may see: the 24 shared ones.
            #expect(html.contains("24 insights in scope") && html.contains("Every insight"))
            #expect(html.contains("Run analysis on these 24 insights"))
        }
    }

    @Test func wardAndThemeShowTheCountThroughTheReadersWallAndTheRunAnalysesExactlyThatScope() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app, f)
            let b = try await analyst(app, f)
            let scoped = try await b.get(scopeURL(["ward": w.quayside.uuidString, "theme": w.buses.uuidString]))
            #expect(scoped.status == .ok)
            var html = scoped.body.string
            #expect(html.contains("6 insights in scope"), "the council's 3 organisation-level bus comments in Quayside are not counted for the NHS")
            #expect(html.contains("Theme: Buses \u{00B7} Ward: Quayside"))
            #expect(!html.contains(AnalysisHTTPTests.secret))
            // The council's officer, whose organisation recorded them, counts them.
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            #expect(
                try await officer.get(scopeURL(["ward": w.quayside.uuidString, "theme": w.buses.uuidString])).body.string.contains(
                    "9 insights in scope"))
            // A date narrows it: 3 of the 6 were heard in January.
            html = try await b.get(scopeURL(["ward": w.quayside.uuidString, "theme": w.buses.uuidString, "to": "2026-01-31"])).body.string
            #expect(html.contains("3 insights in scope") && html.contains("To 31 Jan 2026"))

            // Run what was counted: the run form carries the scope as hidden fields.
            let runForm = try #require(HTMLForms.forms(in: scoped.body.string).first { $0.method == "post" && $0.action == SiteURL.Analysis.create })
            var fields = Dictionary(runForm.fixed, uniquingKeysWith: { a, _ in a })
            #expect(fields["ward"] == w.quayside.uuidString && fields["theme"] == w.buses.uuidString && fields["query"] == nil)
            fields["title"] = "Quayside buses"
            let res = try await b.post(SiteURL.Analysis.create, fields)
            #expect(res.status == .seeOther)
            let id = try #require(res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let run = try await AnalysisHTTPTests().wait(app, id)
            #expect(run.statusValue == .done, "\(run.error ?? "")")
            #expect(run.insightCount == 6)
            #expect(run.scopeQuery == "theme=\(w.buses.uuidString)&ward=\(w.quayside.uuidString)", "stored as the list's query string, as before")
            let members = Set(try await ThemeMember.query(on: app.db).filter(\.$runID == id).all().map { $0.$insight.id })
            #expect(members.isSubset(of: w.sharedQuaysideBuses) && members.count + run.unassignedCount == 6)
            let overview = try await b.get(SiteURL.Analysis.run(id)).body.string
            #expect(overview.contains("Insights in scope: Theme: Buses \u{00B7} Ward: Quayside"))
            #expect(!overview.contains("theme=\(w.buses.uuidString)"), "the scope in words, not a query string")
        }
    }

    /// A filter typed as a query string (as the form took it before, and as scripts may still post it) runs the same.
    @Test func aFilterSentAsAQueryStringStillRuns() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app, f)
            let b = try await analyst(app, f)
            try await b.get(SiteURL.Analysis.list)
            let res = try await b.post(
                SiteURL.Analysis.create, ["title": "Typed", "query": "?ward=\(w.quayside.uuidString)&theme=\(w.buses.uuidString)&page=2"])
            #expect(res.status == .seeOther)
            let id = try #require(res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let run = try await AnalysisHTTPTests().wait(app, id)
            #expect(run.insightCount == 6 && run.scopeQuery == "theme=\(w.buses.uuidString)&ward=\(w.quayside.uuidString)")
        }
    }

    @Test func badScopesNameTheFieldAndSaveNothing() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app, f)
            let councilBundle = InsightBundle()
            councilBundle.title = "Council picks"; councilBundle.$organisation.id = f.councilID
            try await councilBundle.create(on: app.db)
            let b = try await analyst(app, f)
            let cases: [([String: String], String, String)] = [
                (["from": "2026-13-45"], "f-from", "Enter the from date as YYYY-MM-DD"),
                (["ward": UUID().uuidString], "f-ward", "Choose a ward or place from the list"),
                (["ward": "Quayside"], "f-ward", "ward must be an id from the list"),
                (["theme": UUID().uuidString], "f-theme", "Choose a theme from the list"),
                (["from": "2026-03-01", "to": "2026-01-01"], "f-to", "The to date must be the same as or after the from date"),
                (["bundle_id": councilBundle.id!.uuidString], "f-bundle-id", "Choose one of your organisation\u{2019}s bundles from the list"),
                (["sharing": "everyone"], "f-sharing", "sharing must be one of"),
            ]
            for (query, field, message) in cases {
                let page = try await b.get(scopeURL(query))
                let html = page.body.string
                #expect(page.status.code == 400, "\(query)")
                #expect(html.contains("href=\"#\(field)\"") && html.contains(message), "\(query)")
                #expect(!html.contains("Run analysis on these"), "no run form for a scope with a problem: \(query)")
                var fields = query
                fields["title"] = "Bad scope"
                let res = try await b.post(SiteURL.Analysis.create, fields)
                #expect(res.status.code == 400 && res.body.string.contains("href=\"#\(field)\""), "\(query)")
            }
            // A blank title with a good scope names the title only.
            let blank = try await b.post(SiteURL.Analysis.create, ["title": " ", "ward": w.quayside.uuidString])
            #expect(blank.status.code == 400 && blank.body.string.contains("href=\"#f-title\"") && !blank.body.string.contains("href=\"#f-ward\""))
            #expect(try await AnalysisRun.query(on: app.db).count() == 0, "nothing saved")
        }
    }

    /// A hand-picked bundle of one's own organisation, narrowed by the filters; a saved search is taken as it is.
    @Test func aBundleOfOnesOwnIsCountedAndNarrowedByTheFilters() async throws {
        try await TestApp.run { app, f in
            let w = try await world(app, f)
            let quayside = Array(w.sharedQuaysideBuses.prefix(3))
            let harbour = try await Insight.query(on: app.db).filter(\.$place.$id == w.harbour).limit(2).all().map { $0.id! }
            let picked = InsightBundle()
            picked.title = "Officer's <picks>"; picked.$organisation.id = f.councilID
            try await picked.create(on: app.db)
            for id in quayside + harbour { try await InsightBundleItem(bundle: picked.id!, insight: id).create(on: app.db) }
            let search = InsightBundle()
            search.title = "Saved bus search"; search.query = "q=bus"; search.$organisation.id = f.councilID
            try await search.create(on: app.db)
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            var html = try await officer.get(scopeURL(["bundle_id": picked.id!.uuidString])).body.string
            #expect(html.contains("5 insights in scope") && html.contains("&lt;picks&gt;") && !html.contains("<picks>"))
            html = try await officer.get(scopeURL(["bundle_id": picked.id!.uuidString, "ward": w.quayside.uuidString])).body.string
            #expect(html.contains("3 insights in scope") && html.contains("Ward: Quayside"))
            let both = try await officer.get(scopeURL(["bundle_id": search.id!.uuidString, "ward": w.quayside.uuidString]))
            #expect(both.status.code == 400 && both.body.string.contains("href=\"#f-bundle-id\"") && both.body.string.contains("is a saved search"))
            #expect(try await officer.get(scopeURL(["bundle_id": search.id!.uuidString])).status == .ok)
        }
    }

    @Test func hostileTextInTheFilterIsEscapedInTheFormAndTheScopeInWords() async throws {
        try await TestApp.run { app, f in
            _ = try await world(app, f)
            let b = try await analyst(app, f)
            // Words that match (bus, late) around quotes, angle brackets and a line break.
            let hostile = "bus\"'<>\r\nlate"
            let page = try await b.get(scopeURL(["q": hostile]))
            #expect(page.status == .ok)
            var html = page.body.string
            #expect(!html.contains("\"'<>") && !html.contains("\r\nlate"))
            #expect(html.contains("value=\"bus&quot;&#39;&lt;&gt; late\"") || html.contains("bus&quot;&#39;&lt;&gt;"))
            #expect(html.contains("Text: \u{201C}bus"))
            let runForm = try #require(HTMLForms.forms(in: html).first { $0.method == "post" && $0.action == SiteURL.Analysis.create }, "bus matches")
            var fields = Dictionary(runForm.fixed, uniquingKeysWith: { a, _ in a })
            #expect(fields["q"] == "bus\"'<> late", "one line, as searched")
            fields["title"] = "<script>alert(1)</script>"
            let res = try await b.post(SiteURL.Analysis.create, fields)
            let id = try #require(res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            let run = try await AnalysisHTTPTests().wait(app, id)
            #expect(AnalysisScope.values(query: run.scopeQuery)["q"] == "bus\"'<> late")
            html = try await b.get(SiteURL.Analysis.run(id)).body.string
            #expect(!html.contains("\"'<>") && !html.contains("<script>alert") && html.contains("Insights in scope: Text: \u{201C}bus"))
        }
    }
}
