import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
import NIOConcurrencyHelpers
@testable import Chorus
import ChorusCore
import ChorusEmbed

/// What happens to analyses without anyone pressing a button: scheduled re-runs, one server per job (leases), runs a
/// stopped server left behind; and the overview's audience and equality tables and the "map to given themes" page.
@Suite struct AnalysisJobsHTTPTests {
    let base = AnalysisHTTPTests()

    func location(_ res: TestingHTTPResponse) throws -> UUID {
        try #require(
            res.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last?.split(separator: "?").first ?? "")) })
    }

    @Test func aScheduledAnalysisRunsAgainWhenDueAndKeepsTheAnalystsEdits() async throws {
        try await TestApp.run { app, f in
            try await base.corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let first = try await base.runAnalysis(analyst, app)
            let theme = try #require(try await AnalysisService.themes(first, app.db).first)
            try await analyst.get(SiteURL.Analysis.theme(first.id!, theme.id!))
            #expect(try await analyst.post(SiteURL.Analysis.themeAction(first.id!, theme.id!, "rename"), ["label": "Our buses"]).status == .seeOther)

            // Bad input and permissions: nothing stored.
            try await analyst.get(SiteURL.Analysis.run(first.id!))
            let bad = try await analyst.post(SiteURL.Analysis.schedule(first.id!), ["frequency": "hourly"])
            #expect(bad.status == .badRequest && bad.body.string.contains("href=\"#f-frequency\""))
            let officer = Browser(app)
            try await officer.signIn(f.officer)
            try await officer.get(SiteURL.Analysis.run(first.id!))
            #expect(try await officer.post(SiteURL.Analysis.schedule(first.id!), ["frequency": "daily"]).status == .forbidden)
            #expect(try await AnalysisSchedule.query(on: app.db).count() == 0)

            #expect(try await analyst.post(SiteURL.Analysis.schedule(first.id!), ["frequency": "weekly"]).status == .seeOther)
            let schedule = try #require(try await AnalysisSchedule.query(on: app.db).first())
            #expect(schedule.frequency == "weekly" && schedule.$latestRun.id == first.id && schedule.nextRunAt > Date())
            #expect(try await analyst.get(SiteURL.Analysis.run(first.id!)).body.string.contains("Every week (Monday, 02:00 UTC)"))

            // Not due yet: a sweep starts nothing.
            await app.jobSweep.tick(app)
            #expect(try await AnalysisRun.query(on: app.db).count() == 1)

            // Due: one sweep starts one run, matched to the first; a second sweep at once starts nothing more.
            try await insight(app, f, "The bus to the hospital is late")
            schedule.nextRunAt = Date().addingTimeInterval(-60)
            try await schedule.save(on: app.db)
            await app.jobSweep.tick(app)
            await app.jobSweep.tick(app)
            let runs = try await AnalysisRun.query(on: app.db).sort(\.$createdAt).all()
            #expect(runs.count == 2)
            let second = try await base.wait(app, try #require(runs.last?.id))
            #expect(second.statusValue == .done && second.previousRunID == first.id && second.insightCount == 25)
            let kept = try #require(try await AnalysisService.themes(second, app.db).first { $0.matchedPreviousID == theme.id })
            #expect(kept.displayLabel == "Our buses")
            let moved = try #require(try await AnalysisSchedule.find(schedule.id, on: app.db))
            #expect(moved.$latestRun.id == second.id && moved.nextRunAt > Date(), "the schedule follows the newest run")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == AnalysisService.entity).all()
            #expect(audit.contains { $0.actorName.contains("schedule") })

            // The older run can no longer be scheduled (the chain would fork); the newest one can be unscheduled.
            let fork = try await analyst.post(SiteURL.Analysis.schedule(first.id!), ["frequency": "daily"])
            #expect(fork.status == .badRequest && fork.body.string.contains("schedule its newest run"))
            try await analyst.get(SiteURL.Analysis.run(second.id!))
            #expect(try await analyst.post(SiteURL.Analysis.schedule(second.id!), ["frequency": "none"]).status == .seeOther)
            #expect(try await AnalysisSchedule.query(on: app.db).count() == 0)
        }
    }

    /// An analyst splits a theme in two, names and pins both halves. The next run finds the whole theme again, which
    /// can continue only one of them: the other half finds no match and is still there with its insights, name and pin.
    @Test func aPinnedThemeThatFindsNoMatchIsKeptInTheNextRun() async throws {
        try await TestApp.run { app, f in
            try await base.corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let first = try await base.runAnalysis(analyst, app)
            let before = try await AnalysisService.themes(first, app.db)
            let biggest = try #require(before.max { $0.size < $1.size })
            try await analyst.get(SiteURL.Analysis.theme(first.id!, biggest.id!))
            #expect(try await analyst.post(SiteURL.Analysis.themeAction(first.id!, biggest.id!, "split"), [:]).status == .seeOther)
            let made = try #require(try await AnalysisService.themes(first, app.db).first { t in !before.contains { $0.id == t.id } })
            let halves = [biggest.id!: "Hand-picked one", made.id!: "Hand-picked two"]
            let firstMembers = try await AnalysisService.members(runID: first.id!, app.db)
            for (id, label) in halves {
                try await analyst.get(SiteURL.Analysis.theme(first.id!, id))
                #expect(try await analyst.post(SiteURL.Analysis.themeAction(first.id!, id, "rename"), ["label": label]).status == .seeOther)
                #expect(try await analyst.post(SiteURL.Analysis.themeAction(first.id!, id, "pin"), ["pinned": "true"]).status == .seeOther)
            }

            try await analyst.get(SiteURL.Analysis.run(first.id!))
            let second = try await base.wait(app, try location(try await analyst.post(SiteURL.Analysis.rerun(first.id!), [:])))
            #expect(second.statusValue == .done)
            let themes = try await AnalysisService.themes(second, app.db)
            let secondMembers = try await AnalysisService.members(runID: second.id!, app.db)
            let kept = themes.filter { $0.matchStatus == "kept" }
            #expect(kept.count == 1, "the whole theme continues one half; the other half is kept")
            for (id, label) in halves {
                let t = try #require(themes.first { $0.matchedPreviousID == id }, "\(label) is not dropped")
                #expect(t.displayLabel == label && t.pinned)
                if t.matchStatus == "kept" {
                    #expect(Set(secondMembers[t.id!] ?? []) == Set(firstMembers[id] ?? []), "a kept theme keeps its insights")
                }
            }
            try await base.expectConsistent(app, second)
            let members = try await ThemeMember.query(on: app.db).filter(\.$runID == second.id!).count()
            #expect(members + second.unassignedCount == second.insightCount)
        }
    }

    func insight(_ app: Application, _ f: Fixture, _ text: String) async throws {
        try await base.insight(app, org: f.nhsID, text: text, sharing: .partnership)
    }

    /// A lease can lapse while its renewal waits for a busy database; the server still running the job must not start
    /// it a second time (seen with a 100,000-insight analysis: three copies embedding at once).
    @Test func aJobThisServerIsStillRunningIsNotStartedAgainWhenItsLeaseLapses() async throws {
        try await TestApp.run { app, _ in
            let job = UUID()
            let runs = NIOLockedValueBox(0), finish = NIOLockedValueBox(false)
            JobRunner.start(app, kind: "test", job: job) {
                runs.withLockedValue { $0 += 1 }
                while !finish.withLockedValue({ $0 }) { try? await Task.sleep(for: .milliseconds(10)) }
            }
            for _ in 0..<500 where runs.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(app.runningJobs.isRunning(job: job))
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE \(ident: JobLease.schema) SET expires_at = 0 WHERE job_id = \(bind: job)").run()
            #expect(try await JobLease.held(app.db, jobs: [job]).isEmpty, "the lease has lapsed")
            var started: [UUID] = []
            try await JobRunner.resume(app, kind: "test", jobs: [job], now: Date()) { started.append($0) }
            #expect(started.isEmpty, "still running here: not started again")

            finish.withLockedValue { $0 = true }
            await app.runningJobs.wait(upTo: .seconds(10))
            #expect(!app.runningJobs.isRunning(job: job) && runs.withLockedValue { $0 } == 1)
            try await JobRunner.resume(app, kind: "test", jobs: [job], now: Date()) { started.append($0) }
            #expect(started == [job], "a job no server runs or holds is started again, as before")
        }
    }

    @Test func aLeaseLetsOneServerRunAJobAndRunsOutWhenItsServerStops() async throws {
        try await TestApp.run { app, f in
            let job = UUID(), now = Date()
            #expect(try await JobLease.claim(app.db, job: job, kind: "test", owner: "server-a", ttl: 60, now: now))
            #expect(try await !JobLease.claim(app.db, job: job, kind: "test", owner: "server-b", ttl: 60, now: now))
            #expect(try await JobLease.renew(app.db, job: job, owner: "server-a", ttl: 60, now: now.addingTimeInterval(30)))
            #expect(
                try await !JobLease.claim(app.db, job: job, kind: "test", owner: "server-b", ttl: 60, now: now.addingTimeInterval(80)),
                "renewed until 90 s")
            // server-a stops renewing: after its lease runs out, server-b takes the job and server-a knows it lost it.
            #expect(try await JobLease.claim(app.db, job: job, kind: "test", owner: "server-b", ttl: 60, now: now.addingTimeInterval(91)))
            #expect(try await !JobLease.renew(app.db, job: job, owner: "server-a", ttl: 60, now: now.addingTimeInterval(92)))
            #expect(try await JobLease.holder(app.db, job: job, now: now.addingTimeInterval(92)) == "server-b")

            // A run left "running" by a server that stopped is started again by the next sweep…
            try await base.corpus(app, f)
            let person = try #require(try await Person.query(on: app.db).filter(\.$email == f.officer).first())
            let orphan = try await AnalysisService.queue(
                title: "Left behind", query: "", bundle: nil, organisation: f.councilID, person: person.id,
                seed: 1, previous: nil, actor: .system, on: app.db)
            orphan.status = AnalysisRun.Status.running.rawValue
            try await orphan.save(on: app.db)
            try await AnalysisRun.query(on: app.db).filter(\.$id == orphan.id!).set(\.$createdAt, to: Date().addingTimeInterval(-600)).update()
            _ = try await JobLease.claim(
                app.db, job: orphan.id!, kind: AnalysisRunner.jobKind, owner: "stopped-server", ttl: 60,
                now: Date().addingTimeInterval(-300))
            // …but not one whose server is alive and holds its lease.
            let busy = try await AnalysisService.queue(
                title: "Busy elsewhere", query: "", bundle: nil, organisation: f.councilID, person: person.id,
                seed: 1, previous: nil, actor: .system, on: app.db)
            try await AnalysisRun.query(on: app.db).filter(\.$id == busy.id!).set(\.$createdAt, to: Date().addingTimeInterval(-600)).update()
            _ = try await JobLease.claim(app.db, job: busy.id!, kind: AnalysisRunner.jobKind, owner: "live-server", ttl: 600)

            #expect(try await AnalysisRun.find(orphan.id, on: app.db)?.createdAt ?? Date() < Date().addingTimeInterval(-500))
            #expect(try await JobLease.held(app.db, jobs: [orphan.id!, busy.id!]) == [busy.id!])
            await app.jobSweep.tick(app)
            let resumed = try await base.wait(app, orphan.id!)
            #expect(resumed.statusValue == .done && resumed.insightCount == 30)
            // The lease is given up just after the run's last write.
            var holder = try await JobLease.holder(app.db, job: orphan.id!)
            for _ in 0..<40 where holder != nil {
                try await Task.sleep(for: .milliseconds(50))
                holder = try await JobLease.holder(app.db, job: orphan.id!)
            }
            #expect(holder == nil, "the lease is given up when the run ends")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await AnalysisRun.find(busy.id, on: app.db)?.statusValue == .queued, "another server's job is left alone")
        }
    }

    @Test func theOverviewShowsThemesByAudienceAndEqualityGroupWithSmallCountsHidden() async throws {
        try await TestApp.run { app, f in
            try await base.corpus(app, f)
            let young = Audience()
            young.name = "Young people"; young.kind = "demographic"
            try await young.create(on: app.db)
            // Of the 12 bus comments: 7 from people aged 25–29, 2 aged 30–34, 3 not answered; 6 park comments from young people.
            let buses = try await Insight.query(on: app.db).filter(\.$sharing == SharingLevel.partnership.rawValue).all()
                .filter { AnalysisHTTPTests.buses.contains($0.text) }.sorted { $0.text < $1.text }
            for (n, i) in buses.enumerated() where n < 9 {
                i.ageBand = n < 7 ? "25_29" : "30_34"
                try await i.save(on: app.db)
            }
            for i in try await Insight.query(on: app.db).all() where AnalysisHTTPTests.parks.prefix(6).contains(i.text) {
                try await InsightAudience(insight: i.id!, audience: young.id!).create(on: app.db)
            }
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let run = try await base.runAnalysis(analyst, app)
            let themes = try await AnalysisService.themes(run, app.db)
            let d = try await AnalysisDistribution.load(runID: run.id!, themes: themes.map { $0.id! }, equalityField: "age_band", app.db)
            // Against the raw counts: shown cells are exact, counts from 1 to 4 are always hidden, and a row with a
            // hidden count hides at least two cells (the row adds up to the theme's size).
            let members = try await AnalysisService.members(runID: run.id!, app.db)
            let ages = Dictionary(uniqueKeysWithValues: try await Insight.query(on: app.db).all().map { ($0.id!, $0.ageBand) })
            let columns = d.equality.columns
            var sawHidden = false
            for (t, row) in zip(themes, d.equality.rows) {
                for (c, cell) in zip(columns, row) {
                    let raw = (members[t.id!] ?? []).filter { id in
                        let band = ages[id] ?? nil
                        return c == AnalysisDistribution.notAnswered ? band == nil : band.flatMap { EqualityMonitoring.ageBand.label(for: $0) } == c
                    }.count
                    if let v = cell.value { #expect(v == raw, "\(t.displayLabel) / \(c)") }
                    if raw > 0 && raw < 5 { #expect(cell.isHidden, "\(t.displayLabel) / \(c): \(raw) is never shown"); sawHidden = true }
                }
                if row.contains(where: \.isHidden) { #expect(row.filter(\.isHidden).count >= 2, "\(t.displayLabel): a second cell is hidden") }
            }
            #expect(sawHidden, "the 2 people aged 30 to 34 are a small count somewhere")
            #expect(d.audiences.columns == ["Young people"])

            let page = try await analyst.get(SiteURL.Analysis.run(run.id!)).body.string
            #expect(
                page.contains("By audience") && page.contains("Young people") && page.contains("By equality group: Age")
                    && page.contains("fewer than 5"))
            let sex = try await analyst.get(SiteURL.Analysis.run(run.id!) + "?group=sex")
            #expect(sex.status == .ok && sex.body.string.contains("By equality group: Sex") && sex.body.string.contains("Female"))
            let bogus = try await analyst.get(SiteURL.Analysis.run(run.id!) + "?group=password_hash")
            #expect(bogus.status == .ok && bogus.body.string.contains("By equality group: Age"), "only the listed questions can be asked for")
        }
    }

    @Test func mappingToGivenThemesSuggestsMatchesBehindTheWall() async throws {
        try await TestApp.run { app, f in
            try await base.corpus(app, f)
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let form = try await analyst.get(SiteURL.Analysis.givenThemes)
            #expect(form.status == .ok && form.body.string.contains("Themes, one per line"))
            let themes = "Buses: bus, buses, timetable, bus stop, late\nParks: park, playground, benches, trees"
            let url = SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": themes])
            let res = try await analyst.get(url)
            #expect(res.status == .ok)
            let html = res.body.string
            #expect(
                html.contains("24 insights read") && html.contains("The bus timetable is wrong again") && html.contains("The park needs more benches")
            )
            #expect(!html.contains(AnalysisHTTPTests.secret), "the council's organisation-level insights are not read for the NHS")
            let csv = try await analyst.get(SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": themes, "format": "csv"]))
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = csv.body.string.split(whereSeparator: \.isNewline)
            #expect(lines.first == "insight_id,heard_on,given_theme,confidence,text")
            #expect(lines.contains { $0.contains(",Buses,") && $0.contains("bus stop") })
            #expect(!csv.body.string.contains(AnalysisHTTPTests.secret))

            // Bad input: 400 naming the field.
            let empty = try await analyst.get(SiteURL.Analysis.givenThemes + "?themes=")
            #expect(empty.status == .badRequest && empty.body.string.contains("href=\"#f-themes\""))
            let threshold = try await analyst.get(SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": "Buses", "threshold": "2"]))
            #expect(threshold.status == .badRequest && threshold.body.string.contains("href=\"#f-threshold\""))
            // The scope: the insight list's controls (no query string to type), checked as for a run.
            #expect(
                form.body.string.contains("id=\"f-ward\"") && form.body.string.contains("id=\"f-q\"") && !form.body.string.contains("name=\"query\""))
            let parks = try await analyst.get(SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": themes, "q": "park"]))
            #expect(parks.status == .ok && parks.body.string.contains("12 insights read"), "the 12 shared park comments, not the council's own")
            #expect(HTMLForms.decode(parks.body.string).contains("q=park"), "the CSV link keeps the scope")
            let ward = try await analyst.get(SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": "Buses", "ward": UUID().uuidString]))
            #expect(ward.status == .badRequest && ward.body.string.contains("href=\"#f-ward\""))
            // A filter typed as a query string (as the form took it before) is still read, and its problem named.
            let filter = try await analyst.get(SiteURL.with(SiteURL.Analysis.givenThemes, ["themes": "Buses", "query": "from=yesterday"]))
            #expect(filter.status == .badRequest && filter.body.string.contains("href=\"#f-from\""))
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(try await viewer.get(SiteURL.Analysis.givenThemes).status == .forbidden)
        }
    }
}

/// The background queue and an analysis can store the same insight's embedding at once.
@Suite struct InsightEmbeddingStoreTests {
    @Test func storingTheSameInsightsAtOnceKeepsOneVectorEach() async throws {
        try await TestApp.run { app, f in
            var ids: [UUID] = []
            for n in 0..<20 { ids.append(try await AnalysisHTTPTests().insight(app, org: f.nhsID, text: "comment \(n)", sharing: .partnership)) }
            let items = ids.map { (id: $0, hash: "h", blob: Float16Codec.encode([Float](repeating: 0.5, count: 4))) }
            let concurrent = app.chorusConfig.database.name == "postgres"  // SQLite's writes go through the write gate
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<6 {
                    let batch = items.map { (id: $0.id, hash: "h\(n)", blob: $0.blob) }
                    if concurrent {
                        group.addTask { try await InsightEmbeddings.store(app.db, batch, model: "m", at: Date()) }
                    } else {
                        try await InsightEmbeddings.store(app.db, batch, model: "m", at: Date())
                    }
                }
                try await group.waitForAll()
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT insight_id, text_hash FROM \(ident: InsightEmbeddings.schema)").all()
            #expect(rows.count == 20)
            #expect(Set(try rows.map { try $0.decode(column: "insight_id", as: UUID.self) }) == Set(ids))
        }
    }
}
