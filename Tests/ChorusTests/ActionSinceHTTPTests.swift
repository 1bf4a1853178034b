import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// "Agreed since …" under a decision: an action recorded before its decision's day (a decision dated for the coming
/// meeting) reads as agreed since the decision's day, not the day it was typed in.
@Suite struct ActionSinceHTTPTests {
    @Test func anActionAgreedWithALaterDatedDecisionShowsTheDecisionsDay() async throws {
        try await TestApp.run { app, f in
            let s = DecisionSpace()
            s.name = "Parks board"; s.kind = DecisionSpaceKind.board.rawValue; s.remit = "Parks"; s.isPublic = true
            try await s.create(on: app.db)
            let m = Meeting()
            m.$space.id = s.id!; m.title = "December board"; m.meetingDay = Day(iso: "2099-12-22")!.ordinal
            try await m.create(on: app.db)
            let i = AgendaItem()
            i.$meeting.id = m.id!; i.position = 1; i.title = "Park gates"
            try await i.create(on: app.db)
            let officerID = try #require(try await Person.query(on: app.db).filter(\.$email == f.officer).first()?.id)

            // A partnership admin runs any public space: decides (dated the meeting's day, ahead) and adds an action today.
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get(SiteURL.Decisions.item(i.id!))
            let decided = try await admin.post(SiteURL.Decisions.decisions(i.id!), ["text": "Open the gates at 7am", "decided_on": "2099-12-22"])
            #expect(decided.status == .seeOther, "\(decided.body.string.prefix(300))")
            let d = try #require(try await Decision.query(on: app.db).first())
            let added = try await admin.post(
                SiteURL.Decisions.actions(d.id!),
                ["title": "Change the lock timer", "owner_id": officerID.uuidString, "due_on": "2100-01-31", "status": "agreed"])
            #expect(added.status == .seeOther, "\(added.body.string.prefix(300))")
            let a = try #require(try await DecisionAction.query(on: app.db).first())
            #expect(a.statusDay == Day(Date()).ordinal, "stored as recorded")

            let item = try await admin.get(SiteURL.Decisions.item(i.id!)).body.string
            #expect(item.contains("since 22 Dec 2099") && !item.contains("since \(DayText.long(Day(Date())))"))
            #expect(try await admin.get(SiteURL.Decisions.action(a.id!)).body.string.contains("since 22 Dec 2099"))
        }
    }
}
