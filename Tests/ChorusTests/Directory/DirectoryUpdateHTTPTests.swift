import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Keeping entries current through a group's own link, through HTTP: staff email the link; the group opens it without
/// an account, bad input is named and spends nothing, good input waits for review and spends the link (a second use is
/// refused); the link opens its own entry only; another partner can neither see nor review the change; approval saves
/// it and marks the entry checked; expired and unknown links are refused; the reminder emails entries falling due once.
/// Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryUpdateHTTPTests {
    typealias D = DirectoryHTTPTests

    static func added(_ officer: Browser, _ kind: DirectoryKind, _ pairs: [(String, String)]) async throws -> UUID {
        let r = try await D.add(officer, kind, pairs)
        #expect(r.status == .seeOther, "\(kind) added")
        let location = try #require(r.headers.first(name: .location)?.split(separator: "?").first)
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    /// The link in the last email queued to `address`.
    static func link(to address: String, _ app: Application) async throws -> String {
        let mail = try #require(
            try await OutboxEmail.query(on: app.db).filter(\.$toAddress == address).filter(\.$kind == DirectoryUpdates.emailKind)
                .sort(\.$createdAt, .descending).first())
        let line = try #require(mail.body.split(separator: "\n").first { $0.contains("/groups-and-venues/update/") })
        return String(line[line.range(of: "/groups-and-venues/update/")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
    }

    @Test func aGroupCorrectsItsEntryOnceThroughItsLinkAndTheKeeperApprovesIt() async throws {
        try await TestApp.run { app, f in
            let w = try await D.world(app)
            let officer = try await D.staff(app, f.officer)
            let hostile = "Ann \"'<> =SUM(A1)"
            let entry = try await Self.added(
                officer, .group,
                [
                    ("name", hostile), ("summary", "Tea and talk"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                    ("email", "ann@group.test"), ("assured_on", Day(Date()).adding(days: -200).description),
                ])
            let other = try await Self.added(
                officer, .group, [("name", "Other Group"), ("summary", "Other"), ("category", "charity"), ("borough_wide", "true")])
            _ = try await officer.get(SiteURL.Directory.entry(entry))
            #expect(try await officer.post(SiteURL.Directory.sendUpdateLink(entry), pairs: []).status == .seeOther)
            let url = try await Self.link(to: "ann@group.test", app)
            let mail = try #require(try await OutboxEmail.query(on: app.db).filter(\.$toAddress == "ann@group.test").first())
            #expect(!mail.subject.contains("\n") && !mail.subject.contains("\r"))
            #expect(
                try await DirectoryUpdateLink.query(on: app.db).filter(\.$tokenHash == String(url.split(separator: "/").last!)).count() == 0,
                "only the token's hash is stored")

            // The group, with no account: its own entry's form, the hostile name escaped.
            let group = Browser(app)
            let form = try await group.get(url)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Ann &quot;&#39;&lt;&gt; =SUM(A1)") || form.body.string.contains("Ann &quot;'&lt;&gt; =SUM(A1)"))
            #expect(!form.body.string.contains("owner_organisation_id"), "the keeper is not the group's to change")

            // Bad input is named; the link still works and nothing is kept.
            let bad = try await group.post(
                url, pairs: [("name", ""), ("summary", "Tea"), ("category", "charity"), ("website", "javascript:alert(1)")])
            #expect(bad.status == .badRequest)
            for field in ["name", "website", "place_ids"] { #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) named") }
            #expect(try await DirectoryUpdateLink.query(on: app.db).filter(\.$status == "open").count() == 1)

            // Good input, with a try at reaching another entry and changing the keeper: kept for review, the link spent.
            let sent = try await group.post(
                url,
                pairs: [
                    ("name", "Ann's Tea Club"), ("summary", "Tea, talk and walks"), ("category", "charity"), ("place_ids", w.quay.uuidString),
                    ("email", "ann@group.test"), ("phone", "0161 496 0000"), ("id", other.uuidString), ("owner_organisation_id", f.nhsID.uuidString),
                ])
            #expect(sent.status == .ok && sent.body.string.contains("your changes are sent"))
            let unchanged = try #require(try await DirectoryEntry.find(entry, on: app.db))
            #expect(unchanged.name == hostile, "nothing changes before review")
            #expect(try await DirectoryEntry.find(other, on: app.db)?.name == "Other Group")
            let again = try await group.post(url, pairs: [("name", "Twice"), ("summary", "x"), ("category", "charity"), ("borough_wide", "true")])
            #expect(again.status == .gone && again.body.string.contains("This link has been used"))
            #expect(try await group.get(url).status == .gone)

            // Another partner neither sees nor reviews it.
            let nhs = try await D.staff(app, try await D.nhsOfficer(app, f))
            let theirs = try await nhs.get(SiteURL.Directory.changes).body.string
            #expect(!theirs.contains("Ann&#39;s Tea Club") && !theirs.contains("Ann's Tea Club"))
            let change = try #require(try await DirectoryUpdateLink.query(on: app.db).filter(\.$status == "submitted").first())
            #expect(try await nhs.post(SiteURL.Directory.approveChange(change.id!), pairs: []).status == .forbidden)

            // The keeper sees what would change, field by field, and approves.
            let list = try await officer.get(SiteURL.Directory.list).body.string
            #expect(list.contains("waiting for review: 1"))
            let review = try await officer.get(SiteURL.Directory.changes).body.string
            #expect(review.contains("Tea, talk and walks") && review.contains("Quay") && review.contains("0161 496 0000"))
            #expect(try await officer.post(SiteURL.Directory.approveChange(change.id!), pairs: []).status == .seeOther)
            let saved = try #require(try await DirectoryEntry.find(entry, on: app.db))
            #expect(saved.name == "Ann's Tea Club" && saved.phone == "0161 496 0000" && saved.$owner.id == f.councilID)
            #expect(saved.assuredDay == Day(Date()).ordinal, "approving marks it checked today")
            let wards = try await DirectoryLink.query(on: app.db).filter(\.$entry.$id == entry).filter(\.$link == "place").all(\.$targetID)
            #expect(wards == [w.quay])
            #expect(try await officer.post(SiteURL.Directory.approveChange(change.id!), pairs: []).status == .conflict)
            let page = try await officer.get(SiteURL.Directory.entry(entry)).body.string
            #expect(page.contains("Changes approved"))
        }
    }

    @Test func expiredAndUnknownLinksAreRefusedAndAnEntryWithoutEmailGetsNone() async throws {
        try await TestApp.run { app, f in
            let officer = try await D.staff(app, f.officer)
            let entry = try await Self.added(
                officer, .group,
                [("name", "Quiet Group"), ("summary", "x"), ("category", "charity"), ("borough_wide", "true"), ("email", "q@group.test")])
            let noEmail = try await Self.added(
                officer, .group, [("name", "No Email"), ("summary", "x"), ("category", "charity"), ("borough_wide", "true")])
            _ = try await officer.get(SiteURL.Directory.entry(noEmail))
            let refused = try await officer.post(SiteURL.Directory.sendUpdateLink(noEmail), pairs: [])
            #expect(refused.status == .badRequest && refused.body.string.contains("no email address to send a link to"))
            _ = try await officer.get(SiteURL.Directory.entry(entry))
            _ = try await officer.post(SiteURL.Directory.sendUpdateLink(entry), pairs: [])
            let url = try await Self.link(to: "q@group.test", app)
            let link = try #require(try await DirectoryUpdateLink.query(on: app.db).first())
            link.expiresAt = Date().addingTimeInterval(-60)
            try await link.update(on: app.db)
            let group = Browser(app)
            let expired = try await group.get(url)
            #expect(expired.status == .gone && expired.body.string.contains("This link has expired"))
            #expect(try await group.get(SiteURL.Directory.update("du_" + String(repeating: "x", count: 43))).status == .notFound)
            #expect(try await group.get(SiteURL.Directory.update("<script>")).status == .notFound)
            // Another partner cannot send one for an entry it does not keep.
            let nhs = try await D.staff(app, try await D.nhsOfficer(app, f))
            _ = try await nhs.get(SiteURL.Directory.list)
            #expect(try await nhs.post(SiteURL.Directory.sendUpdateLink(entry), pairs: []).status == .forbidden)
        }
    }

    @Test func theReminderEmailsEntriesFallingDueOncePerCheck() async throws {
        try await TestApp.run { app, f in
            let officer = try await D.staff(app, f.officer)
            let today = Day(Date())
            for (name, days, email) in [("Due Group", 340, "due@group.test"), ("Fresh Group", 100, "fresh@group.test"), ("Stale No Email", 500, "")] {
                _ = try await Self.added(
                    officer, .group,
                    [
                        ("name", name), ("summary", "x"), ("category", "charity"), ("borough_wide", "true"), ("email", email),
                        ("assured_on", today.adding(days: -days).description),
                    ])
            }
            await app.jobSweep.tick(app)
            let reminders = try await OutboxEmail.query(on: app.db).filter(\.$kind == DirectoryUpdates.emailKind).all()
            #expect(reminders.map(\.toAddress) == ["due@group.test"])
            #expect(reminders.first?.body.contains("marked out of date on") == true)
            await app.jobSweep.tick(app)
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$kind == DirectoryUpdates.emailKind).count() == 1, "once per check")
        }
    }
}
