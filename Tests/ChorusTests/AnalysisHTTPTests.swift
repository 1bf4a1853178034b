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
