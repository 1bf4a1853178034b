import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore
import NIOConcurrencyHelpers

/// The retention job removes only what is past its period (staff may change a period), logs counts by kind and
/// never people, and the public log shows them.
@Suite struct RetentionHTTPTests {
    @Test func theJobRemovesOnlyWhatIsDueAndLogsCountsNotPeople() async throws {
        try await TestApp.run { app, f in
            let now = Date()
            let day: TimeInterval = 86_400
            // Accounts: one unused for 800 days (due after 730), one used yesterday.
            let old = try await ResidentAccountService.create(
                email: "old@example.org", language: "en", now: now.addingTimeInterval(-800 * day), app.db)
            let fresh = try await ResidentAccountService.create(email: "fresh@example.org", language: "en", now: now.addingTimeInterval(-day), app.db)
            try await Residents.insight(app, org: f.councilID, text: "Old resident's view", email: "old@example.org")
            // Sign-in codes: two days old (due after 1), and one just sent.
            for (email, age) in [("a@example.org", 2 * day), ("b@example.org", 60.0)] {
                let c = ResidentSignInCode()
                c.email = email; c.codeHash = "x"; c.linkHash = UUID().uuidString; c.clientAddress = "127.0.0.1"; c.language = "en"; c.attempts = 0
                c.createdAt = now.addingTimeInterval(-age)
                try await c.create(on: app.db)
            }
            // Insight contact addresses: heard 400 days ago (due after 365) and last week.
            let heardLongAgo = try await Residents.insight(
                app, org: f.councilID, text: "Long ago", email: "x@example.org", heard: Day(now.addingTimeInterval(-400 * day)))
            let heardRecently = try await Residents.insight(
                app, org: f.councilID, text: "Recent", email: "y@example.org", heard: Day(now.addingTimeInterval(-7 * day)))

            // Staff shorten sign-in codes' period... then the form refuses nonsense, naming the field.
            let admin = Browser(app)
            _ = try await admin.signIn(f.admin)
            _ = try await admin.get(SiteURL.Residents.retention)
            let bad = try await admin.post(SiteURL.Residents.retention, ["days.sign_in_codes": "forever", "days.account": "0"])
            #expect(
                bad.status.code == 400 && bad.body.string.contains("href=\"#f-days.sign-in-codes\"")
                    && bad.body.string.contains("href=\"#f-days.account\""))
            #expect(try await RetentionRule.query(on: app.db).count() == 0)
            let officer = Browser(app)
            _ = try await officer.signIn(f.officer)
            #expect(try await officer.get(SiteURL.Residents.retention).status.code == 403)

            let outcome = try await RetentionService.run(now: now, db: app.db, gate: app.writeGate)
            #expect(
                outcome.removed[.account] == 1 && outcome.removed[.signInCodes] == 1 && outcome.removed[.insightContacts] == 1,
                "the old account's address went with the account")
            #expect(try await Resident.find(old.id, on: app.db) == nil)
            #expect(try await Resident.find(fresh.id, on: app.db) != nil)
            #expect(
                try await Insight.query(on: app.db).filter(\.$text == "Old resident's view").first()?.contactEmail == nil, "erased as deletion would")
            #expect(try await ResidentSignInCode.query(on: app.db).all().map(\.email) == ["b@example.org"])
            #expect(try await Insight.find(heardLongAgo, on: app.db)?.contactEmail == nil)
            #expect(try await Insight.find(heardRecently, on: app.db)?.contactEmail == "y@example.org")
            #expect(outcome.longestBatch >= 0)
            #expect(try await RetentionService.isDue(now: now.addingTimeInterval(3600), app.db) == false, "once a day")

            let log = try await Browser(app).get(SiteURL.Residents.retentionLog)
            #expect(log.status == .ok && log.body.string.contains("Sign-in codes"))
            #expect(!log.body.string.contains("old@example.org") && !log.body.string.contains("x@example.org"), "counts, never people")
            let entries = try await RetentionLogEntry.query(on: app.db).all()
            #expect(entries.first { $0.kind == "sign_in_codes" }?.removed == 1)

            // A longer period set by staff keeps what the default would remove.
            _ = try await admin.get(SiteURL.Residents.retention)
            #expect(try await admin.post(SiteURL.Residents.retention, ["days.sign_in_codes": "30"]).status == .seeOther)
            let c = ResidentSignInCode()
            c.email = "c@example.org"; c.codeHash = "x"; c.linkHash = "l"; c.clientAddress = "127.0.0.1"; c.language = "en"; c.attempts = 0
            c.createdAt = now.addingTimeInterval(-2 * day)
            try await c.create(on: app.db)
            let second = try await RetentionService.run(now: now.addingTimeInterval(day), db: app.db, gate: app.writeGate)
            #expect(second.removed[.signInCodes] == 0)
        }
    }

    @Test func anActivityMayKeepItsContactsForAPeriodOfItsOwn() async throws {
        try await TestApp.run { app, f in
            let now = Date()
            let a = Activity()
            a.title = "Library \"hours\" <review>"; a.purpose = "p"; a.$organisation.id = f.councilID; a.status = ActivityStatus.open.rawValue
            a.ladderLevel = "consult"; a.startDay = Day(now).ordinal - 500; a.boroughWide = true; a.isPublic = true; a.methods = ",survey,"
            try await a.create(on: app.db)
            let heard = Day(now.addingTimeInterval(-400 * 86_400))
            func insight(_ email: String, activity: UUID?) async throws -> UUID {
                let id = try await Residents.insight(app, org: f.councilID, text: "About the library", email: email, heard: heard)
                let i = try #require(try await Insight.find(id, on: app.db))
                i.$activity.id = activity
                try await i.update(on: app.db)
                return id
            }
            let own = try await insight("kept@example.org", activity: a.id)
            let ongoing = try await insight("ongoing@example.org", activity: nil)

            let admin = try await Browser.signedIn(app, f.admin)
            _ = try await admin.get(SiteURL.Residents.retention)
            let bad = try await admin.post(SiteURL.Residents.activityRetention, ["activity": "No such activity", "kind": "ballots", "days": "x"])
            #expect(bad.status.code == 400)
            for field in ["activity", "kind", "days"] { #expect(bad.body.string.contains("href=\"#f-\(field)\"")) }
            let set = try await admin.post(
                SiteURL.Residents.activityRetention, ["activity": a.id!.uuidString, "kind": "insight_contacts", "days": "1000"])
            #expect(set.status == .seeOther)
            let page = try await admin.get(SiteURL.Residents.retention).body.string
            #expect(page.contains("Library &quot;hours&quot; &lt;review&gt;") && page.contains("1000"))

            let outcome = try await RetentionService.run(now: now, db: app.db, gate: app.writeGate)
            #expect(outcome.removed[.insightContacts] == 1)
            #expect(try await Insight.find(own, on: app.db)?.contactEmail == "kept@example.org", "its own 1,000 days are not over")
            #expect(try await Insight.find(ongoing, on: app.db)?.contactEmail == nil, "the default 365 days are")

            let rule = try #require(try await RetentionRule.query(on: app.db).filter(\.$activity.$id == a.id!).first())
            _ = try await admin.get(SiteURL.Residents.retention)
            _ = try await admin.post(SiteURL.Residents.removeActivityRetention(rule.id!), [:])
            _ = try await RetentionService.run(now: now.addingTimeInterval(86_400), db: app.db, gate: app.writeGate)
            #expect(try await Insight.find(own, on: app.db)?.contactEmail == nil, "back to the default")
        }
    }

    /// Batches are sized to hold the writer briefly: halved after one that held it too long, doubled after a quick one.
    @Test func batchesShrinkWhenTheyHoldTheWriterLongAndGrowWhenQuick() async throws {
        try await TestApp.run { app, _ in
            let pass = RetentionPass(schedule: RetentionSchedule(), now: Date(), db: app.db, gate: TimedGate(app.writeGate))
            let asked = NIOLockedValueBox<[Int]>([])
            let total = try await pass.inBatches { _, limit in
                let k = asked.withLockedValue {
                    $0.append(limit); return $0.count
                }
                if k <= 2 { try await Task.sleep(for: .milliseconds(Int(RetentionPass.holdTarget * 2_000))) }
                return k <= 4 ? limit : 0
            }
            #expect(asked.withLockedValue { $0 } == [100, 50, 25, 50, 100], "starting small, halved twice, down to the least, then doubled")
            #expect(total == 225)
            #expect(pass.gate.longest >= RetentionPass.holdTarget * 2)
            #expect(pass.gate.holds.count == 5 && pass.gate.holds.prefix(2).allSatisfy { $0.seconds >= RetentionPass.holdTarget * 2 })
        }
    }
}
