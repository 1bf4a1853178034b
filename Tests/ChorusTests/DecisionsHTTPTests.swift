import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// From insight to decision to "You said, we did" through HTTP: the whole trail (bundle → agenda item → decision →
/// action → report → public page showing the action's new status), the walls (private spaces, briefings per viewer),
/// who may do what, small-number suppression in briefings, bad input naming fields, the outbox and unsubscribing.
@Suite struct DecisionsHTTPTests {
    /// Adds a person with a role at an organisation.
    static func person(_ app: Application, _ name: String, _ email: String, _ role: Role, _ org: UUID) async throws -> UUID {
        let p = Person()
        p.name = name; p.email = email; p.role = role.rawValue; p.$organisation.id = org; p.active = true
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return p.id!
    }

    /// Failing the first `failures` sends, then recording what it sent.
    final class FlakyTransport: EmailTransport, @unchecked Sendable {
        var failures: Int
        var sent: [OutgoingEmail] = []
        init(failures: Int) { self.failures = failures }
        func send(_ email: OutgoingEmail) async throws {
            if failures > 0 { failures -= 1; throw Abort(.serviceUnavailable, reason: "relay down") }
            sent.append(email)
        }
    }

    struct World {
        let w: RegisterWorld
        let activity: UUID
        let secretary: Browser, comms: Browser, officer: Browser
        let secretaryID: UUID, officerID: UUID
    }

    /// A closed council activity in Quayside with insights from residents (two opted in to hear back), a bundle of
    /// them, and signed-in secretary, comms and officer.
    func world(_ app: Application, _ f: Fixture, insights: Int = 7) async throws -> World {
        let w = try await RegisterWorld.make(app)
        let secretaryID = try await Self.person(app, "Sam Secretary", "secretary@council.test", .secretary, f.councilID)
        _ = try await Self.person(app, "Cal Comms", "comms@council.test", .comms, f.councilID)
        let officerID = try await Person.query(on: app.db).filter(\.$email == f.officer).first()!.id!
        let officer = try await Browser.signedIn(app, f.officer)
        try await officer.get("/activities/new")
        let created = try await officer.postActivity(
            "/activities",
            [
                ("title", "Quayside park survey"), ("purpose", "Decide what to fix in Quayside park"), ("theme_ids", w.parks.uuidString),
                ("methods", "survey"), ("ladder_level", "consult"), ("status", "closed"), ("starts_on", "2026-09-01"), ("ends_on", "2026-10-31"),
                ("place_ids", w.quayside.uuidString), ("is_public", "true"),
            ])
        #expect(created.status == .seeOther, "\(created.body.string.prefix(400))")
        let activity = try #require(try await Activity.query(on: app.db).filter(\.$title == "Quayside park survey").first()).id!
        try await officer.get("/insights/new")
        for n in 0..<insights {
            var fields: [(String, String)] = [
                ("text", "The swings in the park are broken number \(n)"), ("kind", "quote"), ("heard_on", "2026-10-0\(n % 9 + 1)"),
                ("sharing", n == 0 ? "public" : "partnership"), ("place_id", w.quayside.uuidString),
                ("theme_ids", w.parks.uuidString), ("activity_id", activity.uuidString), ("people_count", "1"),
                ("audience_ids", w.young.uuidString),
            ]
            if n < 2 { fields += [("feedback_opt_in", "true"), ("contact_email", "resident\(n)@example.org")] }
            if n < 3 { fields.append(("ethnic_group", "asian_pakistani")) } else { fields.append(("ethnic_group", "white_british")) }
            let res = try await officer.postActivity("/insights", fields)
            #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
        }
        let secretary = try await Browser.signedIn(app, "secretary@council.test")
        let comms = try await Browser.signedIn(app, "comms@council.test")
        return World(w: w, activity: activity, secretary: secretary, comms: comms, officer: officer, secretaryID: secretaryID, officerID: officerID)
    }

    func location(_ res: TestingHTTPResponse) throws -> String { try #require(res.headers.first(name: .location)) }
    func id(in path: String) throws -> UUID { try #require(UUID(uuidString: String(path.split(separator: "/").last!.prefix(36)))) }

    /// Sets up a public space with a meeting; returns the meeting id.
    func spaceAndMeeting(_ app: Application, _ f: Fixture, _ x: World, isPublic: Bool = true, name: String = "Parks Board") async throws -> (
        UUID, UUID
    ) {
        try await x.secretary.get(SiteURL.Decisions.newSpace)
        var fields: [(String, String)] = [
            ("name", name), ("kind", "board"), ("remit", "Parks and green spaces"), ("organisation_ids", f.councilID.uuidString),
            ("theme_ids", x.w.parks.uuidString), ("external_members", "Amina Khan - Community representative"),
        ]
        if isPublic { fields.append(("is_public", "true")) }
        let space = try await x.secretary.postActivity(SiteURL.Decisions.spaces, fields)
        #expect(space.status == .seeOther, "\(space.body.string.prefix(400))")
        let spaceID = try id(in: try location(space))
        try await x.secretary.get(SiteURL.Decisions.space(spaceID))
        let meeting = try await x.secretary.postActivity(
            SiteURL.Decisions.meetings(spaceID), [("title", "November board"), ("meets_on", "2026-11-20")])
        #expect(meeting.status == .seeOther)
        return (spaceID, try id(in: try location(meeting)))
    }

    @Test func theWholeTrailFromBundleToThePublicPage() async throws {
        try await TestApp.run { app, f in
            let x = try await world(app, f)
            let transport = FlakyTransport(failures: 0)
            app.emailTransport = transport
            // A bundle of the park insights (a saved search).
            try await x.officer.get("/insights")
            let bundleRes = try await x.officer.postActivity(SiteURL.Insights.bundles, [("title", "Broken swings"), ("query", "q=swings")])
            #expect(bundleRes.status == .seeOther)
            let bundleID = try #require(try await InsightBundle.query(on: app.db).first()).id!

            let (spaceID, meetingID) = try await spaceAndMeeting(app, f, x)
            try await x.secretary.get(SiteURL.Decisions.meeting(meetingID))
            let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("bundle_id", bundleID.uuidString)])
            #expect(item.status == .seeOther)
            let itemID = try id(in: try location(item))
            // The briefing: reach, themes, quotes, who was heard; the Pakistani count (3) is under 5 and hidden.
            let briefing = try await x.secretary.get(SiteURL.Decisions.item(itemID))
            #expect(briefing.status == .ok)
            let page = briefing.body.string
            #expect(page.contains("Broken swings") && page.contains("7</span>insights") && page.contains("The swings in the park are broken"))
            #expect(page.contains("Who was not heard") && page.contains("Older people"), "an audience with no insights is named as not heard")
            #expect(page.contains("Pakistani") && !page.contains("<td>3</td>") && page.contains("fewer than 5"))
            #expect(page.contains("not shown"), "the 4 white British answers beside a shown total are hidden too")
            let printable = try await x.secretary.get(SiteURL.Decisions.itemPrint(itemID))
            #expect(printable.status == .ok && printable.body.string.contains("Printed"))

            // A decision and an action owned by the officer.
            let decided = try await x.secretary.postActivity(
                SiteURL.Decisions.decisions(itemID), [("text", "Replace the swings in Quayside park"), ("decided_on", "2026-11-20")])
            #expect(decided.status == .seeOther)
            let decision = try #require(try await Decision.query(on: app.db).first())
            let links = try await DecisionLink.query(on: app.db).filter(\.$decision.$id == decision.id!).all()
            #expect(
                links.contains { $0.kind == "bundle" && $0.targetID == bundleID }
                    && links.contains { $0.kind == "activity" && $0.targetID == x.activity })
            let action = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!),
                [
                    ("title", "Order new swings"), ("owner_id", x.officerID.uuidString),
                    ("due_on", "2027-03-31"), ("status", "agreed"),
                ])
            #expect(action.status == .seeOther)
            let actionID = try #require(try await DecisionAction.query(on: app.db).first()).id!

            // The insight's page says what happened because of it.
            let insight = try #require(try await Insight.query(on: app.db).filter(\.$sharing == "public").first())
            let insightPage = try await x.officer.get(SiteURL.Insights.show(insight.id!))
            #expect(
                insightPage.body.string.contains("What happened because of this")
                    && insightPage.body.string.contains("Replace the swings in Quayside park"))
            #expect(insightPage.body.string.contains("Order new swings"))

            // Comms write the report from the trail and publish it; two residents asked to hear back.
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            #expect(started.status == .seeOther)
            let reportID = try id(in: try location(started))
            let draft = try #require(try await FeedbackReport.find(reportID, on: app.db))
            #expect(draft.whatWeDid.contains("Replace the swings") && !draft.whatYouSaid.contains("We heard from"), "the page says it")
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            let saved = try await x.comms.postActivity(
                SiteURL.Feedback.edit(reportID),
                [
                    ("title", "You said, we did: Quayside park"),
                    ("what_we_asked", "We asked what to fix in the park."), ("what_you_said", "You told us the swings are broken."),
                    ("what_we_did", "The Parks Board agreed to replace them."),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await x.comms.get(SiteURL.Feedback.publicReport(reportID)).status == .notFound, "a draft is not public")
            let published = try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")])
            #expect(published.status == .seeOther)
            #expect(try await Activity.find(x.activity, on: app.db)?.status == "reported")
            #expect(try await OutboxEmail.query(on: app.db).count() == 2)

            // The public page: no sign-in, the action agreed and due.
            let resident = Browser(app)
            let before = try await resident.get(SiteURL.Feedback.publicReport(reportID))
            #expect(before.status == .ok && before.body.string.contains("You told us the swings are broken."))
            #expect(before.body.string.contains("Order new swings") && before.body.string.contains("agreed, due by 31 March 2027"))
            #expect(!before.body.string.contains("<script"))
            #expect(before.body.string.contains("The swings in the park are broken number 0"), "the public insight is quoted")
            #expect(!before.body.string.contains("broken number 1"), "a partnership insight is counted but not quoted")

            // The owner marks it done; the page changes and residents are told.
            try await x.officer.get(SiteURL.Decisions.action(actionID))
            let done = try await x.officer.postActivity(
                SiteURL.Decisions.action(actionID), [("status", "in_progress"), ("note", "Ordered"), ("note_on", "2026-11-21")])
            #expect(done.status == .seeOther)
            let done2 = try await x.officer.postActivity(
                SiteURL.Decisions.action(actionID), [("status", "done"), ("note", "Installed"), ("note_on", "2026-11-22")])
            #expect(done2.status == .seeOther)
            let after = try await resident.get(SiteURL.Feedback.publicReport(reportID))
            #expect(after.body.string.contains("done on 22 November 2026"))
            #expect(try await OutboxEmail.query(on: app.db).filter(\.$kind == "action_done").count() == 2)
            let delivery = try await OutboxService.deliverDue(app.db, transport: transport)
            #expect(delivery.sent == 4 && transport.sent.allSatisfy { $0.body.contains("/unsubscribe/") })
            #expect(transport.sent.contains { $0.subject == "Done: Order new swings" && $0.body.contains("done on 22 Nov 2026") })

            // Listed by ward and theme; an unknown ward names the field.
            #expect(try await resident.get(SiteURL.Feedback.publicList + "?ward=E05000001").body.string.contains("Quayside park"))
            #expect(
                !(try await resident.get(SiteURL.Feedback.publicList + "?ward=E05000002").body.string.contains("You said, we did: Quayside park")))
            #expect(try await resident.get(SiteURL.Feedback.publicList + "?theme=\(x.w.parks.uuidString)").body.string.contains("Quayside park"))
            let badWard = try await resident.get(SiteURL.Feedback.publicList + "?ward=NOPE")
            #expect(badWard.status == .badRequest && badWard.body.string.contains("href=\"#f-ward\""))

            // The loop-closure page counts it.
            let loop = try await x.comms.get(SiteURL.Feedback.loopClosure)
            #expect(loop.status == .ok && loop.body.string.contains("100% (1 of 1)"))
            _ = spaceID
        }
    }

    @Test func privateSpacesAndWhoMayChangeWhat() async throws {
        try await TestApp.run { app, f in
            let x = try await world(app, f)
            let (spaceID, meetingID) = try await spaceAndMeeting(app, f, x, isPublic: false, name: "Safeguarding panel")
            try await x.secretary.get(SiteURL.Decisions.meeting(meetingID))
            let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("title", "Confidential case review")])
            let itemID = try id(in: try location(item))
            _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", "Commission a review")])
            let decision = try #require(try await Decision.query(on: app.db).first())
            _ = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!),
                [
                    ("title", "Write the review"), ("owner_id", x.secretaryID.uuidString),
                    ("due_on", "2026-01-31"),
                ])
            let actionID = try #require(try await DecisionAction.query(on: app.db).first()).id!

            // A non-member (even another council officer) finds nothing: not in the list, 404 everywhere.
            let list = try await x.officer.get(SiteURL.Decisions.spaces)
            #expect(!list.body.string.contains("Safeguarding panel"))
            for path in [
                SiteURL.Decisions.space(spaceID), SiteURL.Decisions.meeting(meetingID), SiteURL.Decisions.item(itemID),
                SiteURL.Decisions.action(actionID),
            ] {
                #expect(try await x.officer.get(path).status == .notFound, "\(path)")
            }
            #expect(try await x.officer.postActivity(SiteURL.Decisions.action(actionID), [("status", "done")]).status == .notFound)
            // The secretary (a member) sees it, the overdue action is marked.
            let mine = try await x.secretary.get(SiteURL.Decisions.myActions)
            #expect(mine.body.string.contains("Write the review") && mine.body.string.contains("Overdue"))
            let all = try await x.secretary.get(SiteURL.Decisions.spaceActions(spaceID))
            #expect(all.status == .ok && all.body.string.contains("1 of 1 actions are overdue"))

            // In a public space, a non-owner non-secretary may read an action but not update it.
            let (_, publicMeeting) = try await spaceAndMeeting(app, f, x)
            let pItem = try id(
                in: try location(try await x.secretary.postActivity(SiteURL.Decisions.items(publicMeeting), [("title", "Play areas")])))
            _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(pItem), [("text", "Survey play areas")])
            let pDecision = try #require(try await Decision.query(on: app.db).filter(\.$agendaItem.$id == pItem).first())
            _ = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(pDecision.id!),
                [
                    ("title", "Survey every play area"), ("owner_id", x.secretaryID.uuidString),
                    ("due_on", "2027-05-01"),
                ])
            let pAction = try #require(try await DecisionAction.query(on: app.db).filter(\.$decision.$id == pDecision.id!).first()).id!
            #expect(try await x.officer.get(SiteURL.Decisions.action(pAction)).status == .ok)
            #expect(try await x.officer.postActivity(SiteURL.Decisions.action(pAction), [("status", "done")]).status == .forbidden)
            #expect(
                try await x.officer.postActivity(SiteURL.Decisions.decisions(pItem), [("text", "Something")]).status == .forbidden,
                "only secretaries decide")
            #expect(
                try await x.officer.postActivity(SiteURL.Decisions.spaces, [("name", "Mine"), ("kind", "board"), ("remit", "x")]).status == .forbidden
            )

            // An officer neither starts nor publishes a report (the activity's comms and partnership admins do: WallTests).
            try await x.comms.get(SiteURL.Feedback.reports)
            let reportID = try id(in: try location(try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])))
            #expect(try await x.officer.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .forbidden)
            #expect(try await x.officer.postActivity(SiteURL.Feedback.create(x.activity), []).status == .forbidden)
            #expect(try await FeedbackReport.find(reportID, on: app.db)?.status == "draft")
            // A private space's decision never reaches the public report.
            #expect(!(try await FeedbackReport.find(reportID, on: app.db)!.whatWeDid.contains("Commission a review")))
        }
    }

    @Test func badInputNamesTheFieldAndSavesNothing() async throws {
        try await TestApp.run { app, f in
            let x = try await world(app, f, insights: 1)
            try await x.secretary.get(SiteURL.Decisions.newSpace)
            let bad = try await x.secretary.postActivity(SiteURL.Decisions.spaces, [("name", ""), ("kind", "parliament"), ("remit", "")])
            #expect(bad.status == .badRequest)
            for field in ["f-name", "f-kind", "f-remit", "f-organisation-ids"] { #expect(bad.body.string.contains("href=\"#\(field)\""), "\(field)") }
            #expect(try await DecisionSpace.query(on: app.db).count() == 0)
            let (spaceID, meetingID) = try await spaceAndMeeting(app, f, x)
            let badMeeting = try await x.secretary.postActivity(SiteURL.Decisions.meetings(spaceID), [("title", "X"), ("meets_on", "2026-02-30")])
            #expect(badMeeting.status == .badRequest && badMeeting.body.string.contains("href=\"#f-meets-on\""))
            let badItem = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("bundle_id", UUID().uuidString)])
            #expect(badItem.status == .badRequest && badItem.body.string.contains("href=\"#f-bundle-id\""))
            let itemID = try id(
                in: try location(try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("theme_id", x.w.parks.uuidString)])))
            let badDecision = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", " ")])
            #expect(badDecision.status == .badRequest && badDecision.body.string.contains("href=\"#f-text\""))
            _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", "Act")])
            let decision = try #require(try await Decision.query(on: app.db).first())
            let badAction = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!), [("title", "Do it"), ("owner_id", "nobody"), ("due_on", "soon")])
            // Each decision's action form has its own field ids (the first decision's: f-action-0-…), and the summary links to them.
            #expect(
                badAction.status == .badRequest && badAction.body.string.contains("href=\"#f-action-0-owner-id\"")
                    && badAction.body.string.contains("href=\"#f-action-0-due-on\""))
            #expect(badAction.body.string.contains("id=\"f-action-0-owner-id\"") && badAction.body.string.contains("id=\"f-action-0-due-on\""))
            _ = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!), [("title", "Do it"), ("owner_id", x.secretaryID.uuidString), ("due_on", "2027-01-01")])
            let actionID = try #require(try await DecisionAction.query(on: app.db).first()).id!
            let noReason = try await x.secretary.postActivity(SiteURL.Decisions.action(actionID), [("status", "not_doing")])
            #expect(noReason.status == .badRequest && noReason.body.string.contains("href=\"#f-reason\""))
            let skip = try await x.secretary.postActivity(SiteURL.Decisions.action(actionID), [("status", "proposed")])
            #expect(skip.status == .badRequest && skip.body.string.contains("href=\"#f-status\""))
            #expect(try await DecisionAction.find(actionID, on: app.db)?.status == "agreed")
            #expect(try await ActionNote.query(on: app.db).count() == 0)
            // A report cannot be started for an activity still open.
            #expect(try await x.comms.postActivity(SiteURL.Feedback.create(UUID()), []).status == .notFound)
        }
    }

    @Test func theOutboxRetriesWithBackoffAndUnsubscribingIsHonouredAtOnce() async throws {
        try await TestApp.run { app, f in
            let x = try await world(app, f, insights: 2)
            try await x.comms.get(SiteURL.Feedback.reports)
            let reportID = try id(in: try location(try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])))
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            #expect(
                try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther,
                "publishing twice is harmless")
            #expect(try await OutboxEmail.query(on: app.db).count() == 2, "and emails no one twice")

            let flaky = FlakyTransport(failures: 3)
            let t0 = Date()
            var d = try await OutboxService.deliverDue(app.db, transport: flaky, now: t0)
            #expect(d.retrying == 2 && d.sent == 0)
            #expect(
                try await OutboxService.deliverDue(app.db, transport: flaky, now: t0.addingTimeInterval(30)) == .init(),
                "not due again before the backoff")
            d = try await OutboxService.deliverDue(app.db, transport: flaky, now: t0.addingTimeInterval(61))
            #expect(d.retrying == 1 && d.sent == 1, "the third failure backs off again; the other email goes")
            let waiting = try #require(try await OutboxEmail.query(on: app.db).filter(\.$status == "pending").first())
            #expect(waiting.attempts == 2 && waiting.nextAttemptAt > t0.addingTimeInterval(61 + 119) && waiting.lastError != nil)

            // The resident unsubscribes through the link in the email: nothing more is sent to them.
            let token = String(waiting.unsubscribeURL.split(separator: "/").last!)
            let resident = Browser(app)
            let confirm = try await resident.get(SiteURL.Feedback.unsubscribe(token))
            #expect(confirm.status == .ok && confirm.body.string.contains("Stop my emails"))
            #expect(try await resident.get(SiteURL.Feedback.unsubscribe(token + "x")).status == .notFound, "a forged token does nothing")
            let stopped = try await resident.post(SiteURL.Feedback.unsubscribe(token), [:], csrf: false)
            #expect(stopped.status == .ok && stopped.body.string.contains("You will not get any more emails"))
            #expect(try await OutboxEmail.find(waiting.id, on: app.db)?.status == "cancelled")
            d = try await OutboxService.deliverDue(app.db, transport: flaky, now: t0.addingTimeInterval(86_400))
            #expect(d.sent == 0 && flaky.sent.count == 1 && !flaky.sent.contains { $0.to == waiting.toAddress })

            // Giving up after the maximum number of attempts.
            let e = OutboxEmail()
            e.toAddress = "someone@example.org"; e.subject = "s"; e.body = "b"; e.kind = "test"; e.referenceID = UUID(); e.unsubscribeURL = "u"
            e.status = "pending"; e.attempts = OutboxService.retry.maxAttempts - 1; e.nextAttemptAt = t0
            try await e.create(on: app.db)
            let dead = FlakyTransport(failures: 1)
            d = try await OutboxService.deliverDue(app.db, transport: dead, now: t0.addingTimeInterval(86_400 * 2))
            let gaveUp = try await OutboxEmail.find(e.id, on: app.db)?.status
            #expect(d.failed == 1 && gaveUp == "failed")
            // The default transport writes an .eml file with the unsubscribe header.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-outbox-" + UUID().uuidString).path
            try await FileEmailTransport(directory: dir, from: "Chorus <no-reply@test>").send(
                OutgoingEmail(
                    id: UUID(), to: "a@example.org", subject: "Done: ünïcode",
                    body: "Hello", unsubscribeURL: "http://x/unsubscribe/t"))
            let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(files.count == 1 && files[0].hasSuffix(".eml"))
            let eml = try String(contentsOfFile: dir + "/" + files[0], encoding: .utf8)
            #expect(eml.contains("List-Unsubscribe: <http://x/unsubscribe/t>") && eml.contains("Subject: =?UTF-8?B?"))
        }
    }
}
