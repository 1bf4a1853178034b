import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// "You said, we did" for a theme across activities, through HTTP: the whole trail (insights of two activities on
/// the theme → a decision on a theme agenda item → an action → the theme report → the public page following the
/// action's status, and emails to residents who asked to hear back on those insights), who may do what, small
/// numbers suppressed, bad input naming its fields.
@Suite struct ThemeReportHTTPTests {
    let d = DecisionsHTTPTests()

    /// A second activity that heard about parks: two public/partnership insights (a small count), one kept in the
    /// organisation, one heard before the report's dates and one on another theme.
    func riverside(_ app: Application, _ x: DecisionsHTTPTests.World) async throws -> UUID {
        try await x.officer.get("/activities/new")
        let created = try await x.officer.postActivity(
            "/activities",
            [
                ("title", "Riverside play consultation"), ("purpose", "Ask families about the Riverside play area"),
                ("theme_ids", x.w.parks.uuidString),
                ("methods", "survey"), ("ladder_level", "consult"), ("status", "open"), ("starts_on", "2026-09-15"), ("ends_on", "2027-01-31"),
                ("place_ids", x.w.oldTown.uuidString), ("is_public", "true"),
            ])
        #expect(created.status == .seeOther, "\(created.body.string.prefix(400))")
        let activity = try #require(try await Activity.query(on: app.db).filter(\.$title == "Riverside play consultation").first()).id!
        try await x.officer.get("/insights/new")
        let rows: [(text: String, sharing: String, day: String, theme: UUID, email: String?)] = [
            ("The slide is dangerous, ring me on 07700 900123", "public", "2026-10-12", x.w.parks, nil),
            ("Riverside play area needs benches", "partnership", "2026-10-13", x.w.parks, "riverside@example.org"),
            ("Org only note about the playground", "organisation", "2026-10-14", x.w.parks, "org@example.org"),
            ("Out of range swings", "public", "2025-06-01", x.w.parks, "old@example.org"),
            ("Climate only comment", "public", "2026-10-15", x.w.climate, nil),
        ]
        for r in rows {
            var fields: [(String, String)] = [
                ("text", r.text), ("kind", "quote"), ("heard_on", r.day), ("sharing", r.sharing), ("place_id", x.w.oldTown.uuidString),
                ("theme_ids", r.theme.uuidString), ("activity_id", activity.uuidString), ("people_count", "1"),
                ("audience_ids", x.w.young.uuidString), ("ethnic_group", "white_british"),
                ("previewed", Tokens.hash(r.text)),
            ]  // the recorder has seen the redaction preview
            if let e = r.email { fields += [("feedback_opt_in", "true"), ("contact_email", e)] }
            let res = try await x.officer.postActivity("/insights", fields)
            #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
        }
        return activity
    }

    /// A decision on a "Parks" agenda item in a space, with one agreed action owned by the officer.
    func decide(_ app: Application, _ f: Fixture, _ x: DecisionsHTTPTests.World, isPublic: Bool, name: String, text: String, action: String)
        async throws -> UUID
    {
        let (_, meetingID) = try await d.spaceAndMeeting(app, f, x, isPublic: isPublic, name: name)
        try await x.secretary.get(SiteURL.Decisions.meeting(meetingID))
        let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("theme_id", x.w.parks.uuidString)])
        #expect(item.status == .seeOther)
        let itemID = try d.id(in: try d.location(item))
        let decided = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", text), ("decided_on", "2026-11-20")])
        #expect(decided.status == .seeOther)
        let decision = try #require(try await Decision.query(on: app.db).filter(\.$text == text).first())
        #expect(try await DecisionLink.query(on: app.db).filter(\.$decision.$id == decision.id!).filter(\.$kind == "theme").count() == 1)
        let res = try await x.secretary.postActivity(
            SiteURL.Decisions.actions(decision.id!),
            [
                ("title", action), ("owner_id", x.officerID.uuidString),
                ("due_on", "2027-02-28"), ("status", "agreed"),
            ])
        #expect(res.status == .seeOther)
        return try #require(try await DecisionAction.query(on: app.db).filter(\.$title == action).first()).id!
    }

    @Test func theWholeTrailOfAThemeReport() async throws {
        try await TestApp.run { app, f in
            let x = try await d.world(app, f)
            _ = try await riverside(app, x)
            let actionID = try await decide(
                app, f, x, isPublic: true, name: "Parks Board", text: "Make the play areas safer", action: "Repair the Riverside slide")
            _ = try await decide(
                app, f, x, isPublic: false, name: "Closed panel", text: "A confidential review of play", action: "Write the confidential review")

            // Comms start a report for the theme across every activity between two dates.
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(
                SiteURL.Feedback.createForTheme, [("theme_id", x.w.parks.uuidString), ("from", "2026-09-01"), ("to", "2026-12-31")])
            #expect(started.status == .seeOther, "\(started.body.string.prefix(500))")
            let editPath = try d.location(started)
            let reportID = try d.id(in: editPath)
            let draft = try #require(try await FeedbackReport.find(reportID, on: app.db))
            #expect(draft.$activity.id == nil && draft.$theme.id == x.w.parks)
            #expect(draft.title == "You said, we did: Parks, 1 Sep 2026 to 31 Dec 2026", "\(draft.title)")
            #expect(!draft.whatYouSaid.contains("We heard from"), "the page says how many, live: \(draft.whatYouSaid)")
            #expect(draft.whatYouSaid == "You told us about Parks.", "one topic: nothing to be \"most\" against: \(draft.whatYouSaid)")
            #expect(draft.whatWeAsked.contains("Quayside park survey") && draft.whatWeAsked.contains("Riverside play consultation"))
            #expect(draft.whatWeDid.contains("Make the play areas safer") && !draft.whatWeDid.contains("confidential"))
            // Starting it again opens the same report.
            #expect(
                try d.location(
                    try await x.comms.postActivity(
                        SiteURL.Feedback.createForTheme,
                        [("theme_id", x.w.parks.uuidString), ("from", "2026-09-01"), ("to", "2026-12-31")])) == editPath)
            let editor = try await x.comms.get(editPath)
            #expect(editor.status == .ok && editor.body.string.contains("Theme across activities: Parks"))
            #expect(editor.body.string.contains("Riverside play consultation (fewer than 5)"), "a small count is suppressed")
            #expect(editor.body.string.contains("Quayside park survey (not shown)"), "and the one that would give it away beside the total")
            let listed = try await x.comms.get(SiteURL.Feedback.reports)
            #expect(listed.body.string.contains("Theme: Parks, 1 Sep 2026 to 31 Dec 2026"))
            #expect(try await x.comms.get(SiteURL.Feedback.publicReport(reportID)).status == .notFound, "a draft is not public")

            // Publishing: the residents who asked to hear back on these insights are emailed, and no one else.
            try await x.comms.get(editPath)
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            let emailed = Set(try await OutboxEmail.query(on: app.db).filter(\.$kind == "report_published").all().map(\.toAddress))
            #expect(emailed == ["resident0@example.org", "resident1@example.org", "riverside@example.org", "org@example.org"], "\(emailed)")
            #expect(try await Activity.find(x.activity, on: app.db)?.status == "closed", "a theme report does not report an activity")
            let sent = DecisionsHTTPTests.FlakyTransport(failures: 0)
            _ = try await OutboxService.deliverDue(app.db, transport: sent)
            #expect(sent.sent.allSatisfy { $0.subject == "You said, we did: Parks" && $0.body.contains(SiteURL.Feedback.publicReport(reportID)) })

            // The public page.
            let resident = Browser(app)
            let page = try await resident.get(SiteURL.Feedback.publicReport(reportID)).body.string
            #expect(page.contains("What residents told us about this topic in every activity from 1 September 2026 to 31 December 2026"))
            #expect(page.contains("Where we heard it") && page.contains("Riverside play consultation: fewer than 5 comments"))
            #expect(page.contains("Quayside park survey: a number we do not show</li>"), "said on its own, not \"… comments\"")
            #expect(page.contains("Parks: 9 comments"))
            #expect(
                page.components(separatedBy: "We heard from 9 people.").count == 2, "7 + 2 public or partnership insights in the dates, said once")
            #expect(
                page.contains("The swings in the park are broken number 0") && page.contains("The slide is dangerous"), "public insights are quoted")
            #expect(!page.contains("07700 900123"), "quotes are redacted")
            for hidden in ["broken number 1", "Riverside play area needs benches", "Org only", "Out of range", "Climate only", "confidential"] {
                #expect(!page.contains(hidden), "\(hidden)")
            }
            #expect(page.contains("Repair the Riverside slide") && page.contains("agreed, due by 28 February 2027"))

            // The owner finishes the action: the page follows, and those who asked to hear back are told.
            try await x.officer.get(SiteURL.Decisions.action(actionID))
            #expect(
                try await x.officer.postActivity(
                    SiteURL.Decisions.action(actionID), [("status", "in_progress"), ("note", "Ordered"), ("note_on", "2026-11-21")]
                ).status == .seeOther)
            #expect(
                try await x.officer.postActivity(
                    SiteURL.Decisions.action(actionID), [("status", "done"), ("note", "Fixed"), ("note_on", "2026-11-22")]
                ).status == .seeOther)
            #expect(try await resident.get(SiteURL.Feedback.publicReport(reportID)).body.string.contains("done on 22 November 2026"))
            let done = Set(try await OutboxEmail.query(on: app.db).filter(\.$kind == "action_done").all().map(\.toAddress))
            #expect(done == emailed, "\(done)")

            // Listed by its theme, and under every ward (it is not one place's).
            #expect(
                try await resident.get(SiteURL.Feedback.publicList + "?theme=\(x.w.parks.uuidString)").body.string.contains("You said, we did: Parks")
            )
            #expect(
                !(try await resident.get(SiteURL.Feedback.publicList + "?theme=\(x.w.climate.uuidString)").body.string.contains(
                    "You said, we did: Parks")))
            let ward = try await resident.get(SiteURL.Feedback.publicList + "?ward=E05000001").body.string
            #expect(ward.contains("You said, we did: Parks") && ward.contains("Across activities"))
            // Activities' own reports are what loop closure measures: a theme report does not count.
            #expect(try await x.comms.get(SiteURL.Feedback.loopClosure).body.string.contains("0% (0 of 1)"))
        }
    }

    @Test func onlyCommsPublishAndBadInputNamesTheField() async throws {
        try await TestApp.run { app, f in
            let x = try await d.world(app, f, insights: 2)
            // Bad input: every field named, nothing saved.
            try await x.comms.get(SiteURL.Feedback.reports)
            let bad = try await x.comms.postActivity(SiteURL.Feedback.createForTheme, [("theme_id", "nope"), ("from", "2026-13-01"), ("to", "")])
            #expect(bad.status == .badRequest)
            for field in ["f-theme-id", "f-from", "f-to"] { #expect(bad.body.string.contains("href=\"#\(field)\""), "\(field)") }
            #expect(bad.body.string.contains("Enter the from date as YYYY-MM-DD"))
            let backwards = try await x.comms.postActivity(
                SiteURL.Feedback.createForTheme, [("theme_id", x.w.parks.uuidString), ("from", "2026-12-01"), ("to", "2026-01-01")])
            #expect(
                backwards.status == .badRequest && backwards.body.string.contains("href=\"#f-to\"")
                    && backwards.body.string.contains("value=\"2026-12-01\""))
            let unknown = try await x.comms.postActivity(
                SiteURL.Feedback.createForTheme, [("theme_id", UUID().uuidString), ("from", "2026-01-01"), ("to", "2026-12-31")])
            #expect(unknown.status == .badRequest && unknown.body.string.contains("Select a theme from the list"))
            #expect(try await FeedbackReport.query(on: app.db).count() == 0)

            // An officer may not start one; an admin may start and edit (and publish: WallTests); comms publish.
            try await x.officer.get(SiteURL.Feedback.reports)
            let fields = [("theme_id", x.w.parks.uuidString), ("from", "2026-01-01"), ("to", "2026-12-31")]
            #expect(try await x.officer.postActivity(SiteURL.Feedback.createForTheme, fields).status == .forbidden)
            #expect(!(try await x.officer.get(SiteURL.Feedback.reports)).body.string.contains("Start the theme report"))
            let admin = try await Browser.signedIn(app, f.admin)
            try await admin.get(SiteURL.Feedback.reports)
            let started = try await admin.postActivity(SiteURL.Feedback.createForTheme, fields)
            #expect(started.status == .seeOther)
            let reportID = try d.id(in: try d.location(started))
            try await admin.get(SiteURL.Feedback.edit(reportID))
            let edited = try await admin.postActivity(
                SiteURL.Feedback.edit(reportID),
                [
                    ("title", "Parks this year"), ("what_we_asked", "What do you think of the parks?"),
                    ("what_you_said", "Swings."), ("what_we_did", "We are looking at it."),
                ])
            #expect(edited.status == .seeOther)
            #expect(try await x.officer.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .forbidden)
            #expect(try await FeedbackReport.find(reportID, on: app.db)?.status == "draft")
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            let page = try await Browser(app).get(SiteURL.Feedback.publicReport(reportID))
            #expect(page.status == .ok && page.body.string.contains("Parks this year") && page.body.string.contains("Swings."))
            // Two insights heard: every count on the page is suppressed.
            #expect(
                page.body.string.contains("We heard from fewer than 5 people") && page.body.string.contains("1 topic, with fewer than 5 comments."))
        }
    }
}
