import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Campaigns through HTTP as staff and residents use them: a campaign written (bad input named, nothing saved),
/// given actions at three levels and published; pledges signed in and anonymous with a ward; hostile text escaped
/// in pages and inert in CSVs; "I did it"; counts by level and ward; an update emailed to the pledger who asked; a
/// comment recorded as an insight of the campaign's activity; another organisation's staff kept out. Run on SQLite
/// and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct CampaignHTTPTests {
    static let hostileComment = "=SUM(A1) Ann \"'<>\r\nsecond line"
    static let hostileGroup = "=SUM(A1) Ann \"'<>"

    struct Made {
        let id: UUID
        let activity: UUID
        let home: UUID
        let street: UUID
        let community: UUID
    }

    /// A live litter campaign of the council with one action per level, written through the staff forms.
    static func liveCampaign(_ app: Application, _ f: Fixture, withActivity: Bool = true) async throws -> Made {
        let activity = try await Surveys.activity(app, org: f.councilID, title: "Clean streets conversation")
        let staff = Browser(app)
        try await staff.signIn(f.officer)
        _ = try await staff.get(SiteURL.Campaigns.create)
        let made = try await staff.post(
            SiteURL.Campaigns.create,
            [
                "title": "Love where you live", "theme": "litter", "summary": "Less litter, street by street.",
                "introduction": "Litter costs the borough.\nSmall things add up.", "activity": withActivity ? activity.uuidString : "",
            ])
        #expect(made.status == .seeOther, "\(made.body.string.prefix(1500))")
        let c = try #require(try await Campaign.query(on: app.db).sort(\.$createdAt, .descending).first())
        var ids: [ActionLevel: UUID] = [:]
        for (level, title) in [(ActionLevel.home, "Recycle one more thing"), (.street, "Sweep your pavement"), (.community, "Join a clean-up")] {
            _ = try await staff.get(SiteURL.Campaigns.newAction(c.id!))
            let added = try await staff.post(
                SiteURL.Campaigns.newAction(c.id!),
                [
                    "level": level.rawValue, "action_title": title, "how_to": "Step one.\nStep two.", "poster": "Big words for \(title)",
                    "letter": "Dear neighbour,\nPlease join in.",
                ])
            #expect(added.status == .seeOther, "\(added.body.string.prefix(1500))")
            ids[level] = try #require(try await CampaignAction.query(on: app.db).filter(\.$title == title).first()?.id)
        }
        _ = try await staff.get(SiteURL.Campaigns.manageCampaign(c.id!))
        #expect(try await staff.post(SiteURL.Campaigns.status(c.id!), ["to": "live"]).status == .seeOther)
        // Live, residents find it on the front door.
        let front = try await Browser(app).get("/").body.string
        #expect(front.contains("Do your bit: at home, on your street, in your community") && front.contains(SiteURL.Campaigns.campaign(c.id!)))
        return Made(id: c.id!, activity: activity, home: ids[.home]!, street: ids[.street]!, community: ids[.community]!)
    }

    static func secondWard(_ app: Application) async throws {
        let p = Place()
        p.code = "E05009998"; p.name = "Quayside"; p.kind = PlaceKind.ward.rawValue; p.postcodeDistricts = "HS2"
        try await p.create(on: app.db)
    }

    @Test func staffWriteACampaignBadInputNamedNothingHalfSavedAndOnlyTheirOrganisationChangesIt() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            _ = try await staff.get(SiteURL.Campaigns.create)
            let bad = try await staff.post(
                SiteURL.Campaigns.create, ["title": "", "theme": "maybe", "summary": "", "introduction": "", "activity": "No such activity"])
            #expect(bad.status == .badRequest)
            for field in ["title", "theme", "summary", "introduction", "activity"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) is named in the error summary")
            }
            #expect(try await Campaign.query(on: app.db).count() == 0)

            // A campaign without actions cannot go live.
            _ = try await staff.post(
                SiteURL.Campaigns.create, ["title": "Be active", "theme": "be_active", "summary": "Move more.", "introduction": "Walk."])
            let draft = try #require(try await Campaign.query(on: app.db).first())
            _ = try await staff.get(SiteURL.Campaigns.manageCampaign(draft.id!))
            #expect(bad.body.string.contains("Register activity for comments: no activity is called"))
            let early = try await staff.post(SiteURL.Campaigns.status(draft.id!), ["to": "live"])
            #expect(early.status == .badRequest)
            #expect(early.body.string.contains("Add at least one action before publishing the campaign"))
            #expect(early.body.string.contains("comments left with pledges are kept on the pledge only"))
            // A draft is not public.
            #expect(try await Browser(app).get(SiteURL.Campaigns.campaign(draft.id!)).status == .notFound)
            // A bad action names each field and adds nothing.
            _ = try await staff.get(SiteURL.Campaigns.newAction(draft.id!))
            let badAction = try await staff.post(
                SiteURL.Campaigns.newAction(draft.id!), ["level": "garden", "action_title": "Two\r\nlines", "how_to": "", "poster": "", "letter": ""])
            #expect(badAction.status == .badRequest)
            for field in ["level", "action_title", "how_to", "poster", "letter"] {
                #expect(badAction.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) is named in the error summary")
            }
            #expect(try await CampaignAction.query(on: app.db).count() == 0)

            let c = try await Self.liveCampaign(app, f)
            #expect(try await Campaign.find(c.id, on: app.db)?.statusValue == .live)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == CampaignService.entity).count() >= 5)

            // An officer of another organisation reads the staff page but changes nothing.
            let other = Person()
            other.name = "Nina NHS"; other.email = "officer@nhs.test"; other.role = Role.officer.rawValue; other.$organisation.id = f.nhsID
            other.active = true; other.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
            try await other.create(on: app.db)
            let outsider = Browser(app)
            try await outsider.signIn("officer@nhs.test")
            let page = try await outsider.get(SiteURL.Campaigns.manageCampaign(c.id))
            #expect(page.status == .ok)
            #expect(!page.body.string.contains(SiteURL.Campaigns.status(c.id)))
            #expect(try await outsider.post(SiteURL.Campaigns.status(c.id), ["to": "closed"]).status == .forbidden)
            #expect(try await outsider.post(SiteURL.Campaigns.edit(c.id), ["title": "Mine now"]).status == .forbidden)
            #expect(
                try await outsider.post(
                    SiteURL.Campaigns.editAction(c.id, c.home),
                    ["level": "home", "action_title": "Changed", "how_to": "x", "poster": "x", "letter": "x"]
                ).status == .forbidden)
            #expect(try await outsider.post(SiteURL.Campaigns.staffUpdate(c.id), ["body": "Hello"]).status == .forbidden)
            #expect(try await outsider.get(SiteURL.Campaigns.commentsCSV(c.id)).status == .forbidden)
            #expect(try await Campaign.find(c.id, on: app.db)?.statusValue == .live)
            #expect(try await CampaignAction.find(c.home, on: app.db)?.title == "Recycle one more thing")
            // A viewer of the council's own partner cannot either.
            let viewer = Browser(app)
            try await viewer.signIn(f.viewer)
            #expect(try await viewer.post(SiteURL.Campaigns.status(c.id), ["to": "closed"]).status == .forbidden)
        }
    }

    @Test func residentsPledgeSignedInAndAnonymouslyAndSeeCountsByLevelAndWard() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            try await Self.secondWard(app)
            let c = try await Self.liveCampaign(app, f)

            // Anonymous: the ward is required, and what was typed comes back escaped.
            let visitor = Browser(app)
            let form = try await visitor.get(SiteURL.Campaigns.action(c.id, c.street))
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"ward\""))
            #expect(!form.body.string.contains("name=\"wants_updates\""), "updates only for signed-in residents")
            #expect(!form.body.string.contains("name=\"group_name\""), "groups pledge community actions only")
            let noWard = try await visitor.post(SiteURL.Campaigns.action(c.id, c.street), ["ward": "", "comment": Self.hostileComment])
            #expect(noWard.status == .badRequest)
            #expect(noWard.body.string.contains("href=\"#f-ward\""))
            #expect(!noWard.body.string.contains("\"'<>"))
            #expect(noWard.body.string.contains("&lt;&gt;"))
            #expect(try await CampaignPledge.query(on: app.db).count() == 0)
            let anon = try await visitor.post(SiteURL.Campaigns.action(c.id, c.street), ["ward": "E05009998", "comment": "More bins please"])
            #expect(anon.headers.first(name: .location) == SiteURL.Campaigns.action(c.id, c.street) + "?done=pledged")
            let after = try await visitor.get(SiteURL.Campaigns.action(c.id, c.street)).body.string
            #expect(after.contains("1 pledged, 0 done"))
            // A bot (the honeypot filled) is not counted.
            let bot = try await visitor.post(SiteURL.Campaigns.action(c.id, c.street), ["ward": "E05009998", "website": "http://spam.example"])
            #expect(bot.status == .badRequest)
            #expect(try await CampaignPledge.query(on: app.db).count() == 1)

            // Signed in, for a group, with a comment, asking for updates; the ward comes from the profile when set.
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "pledger@example.org")
            let signedForm = try await resident.get(SiteURL.Campaigns.action(c.id, c.community)).body.string
            #expect(signedForm.contains("name=\"wants_updates\"") && signedForm.contains("name=\"group_name\""))
            let twoLines = try await resident.post(
                SiteURL.Campaigns.action(c.id, c.community), ["ward": "E05009999", "group_name": "Two\r\nlines", "comment": "x"])
            #expect(twoLines.status == .badRequest)
            #expect(twoLines.body.string.contains("href=\"#f-group-name\""))
            let signed = try await resident.post(
                SiteURL.Campaigns.action(c.id, c.community),
                ["ward": "E05009999", "group_name": Self.hostileGroup, "comment": Self.hostileComment, "wants_updates": "true"])
            #expect(signed.headers.first(name: .location) == SiteURL.Campaigns.action(c.id, c.community) + "?done=pledged")
            // Pledging again is counted once.
            let again = try await resident.post(SiteURL.Campaigns.action(c.id, c.community), ["ward": "E05009999"])
            #expect(again.headers.first(name: .location) == SiteURL.Campaigns.action(c.id, c.community) + "?done=already")
            #expect(try await CampaignPledge.query(on: app.db).count() == 2)
            let mine = try #require(try await CampaignPledge.query(on: app.db).filter(\.$residentID != nil).first())
            #expect(mine.groupName == Self.hostileGroup && mine.wantsUpdates)

            // "I did it": only by the pledger.
            let page = try await resident.get(SiteURL.Campaigns.action(c.id, c.community)).body.string
            #expect(page.contains(SiteURL.Campaigns.done(mine.id!)))
            let other = Browser(app)
            try await Residents.signIn(app, other, "other@example.org")
            _ = try await other.get(SiteURL.Campaigns.list)
            #expect(try await other.post(SiteURL.Campaigns.done(mine.id!), [:]).status == .notFound)
            let did = try await resident.post(SiteURL.Campaigns.done(mine.id!), [:])
            #expect(did.headers.first(name: .location) == SiteURL.Campaigns.action(c.id, c.community) + "?done=done")
            #expect(try await CampaignPledge.find(mine.id, on: app.db)?.doneAt != nil)

            // Counts by level and ward: exact for staff, 1 to 4 hidden on the public page.
            let public_ = try await Browser(app).get(SiteURL.Campaigns.campaign(c.id)).body.string
            #expect(public_.contains("1 pledged, 1 done"))
            #expect(public_.contains("fewer than 5"))
            #expect(!public_.contains("=SUM(A1)"), "comments and group names are never public")
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let manage = try await staff.get(SiteURL.Campaigns.manageCampaign(c.id)).body.string
            #expect(manage.contains("Quayside") && manage.contains("Harbour"))
            let counts = try await staff.get(SiteURL.Campaigns.countsCSV(c.id))
            #expect(counts.headers.contentType?.description.hasPrefix("text/csv") == true)
            let countsText = counts.body.string
            #expect(countsText.contains("street,Sweep your pavement,E05009998,Quayside,1,0,0"))
            #expect(countsText.contains("community,Join a clean-up,E05009999,Harbour,1,1,1"))
            #expect(countsText.contains("all,All actions,,All wards,2,1,1"))
            let comments = try await staff.get(SiteURL.Campaigns.commentsCSV(c.id)).body.string
            #expect(comments.contains("\"'=SUM(A1) Ann \"\"'<>\r\nsecond line\""), "formula made inert, line break quoted")
            #expect(comments.contains(",'=SUM(A1) Ann \"\"'<>,") || comments.contains(",\"'=SUM(A1) Ann \"\"'<>\","))
            let rows = try CSV.parse(comments)
            #expect(rows.count == 3 && rows.allSatisfy { $0.count == 7 })

            // The comment is an insight of the campaign's activity (redacted, a quote); the anonymous one too.
            let insights = try await Insight.query(on: app.db).filter(\.$activity.$id == c.activity).all()
            #expect(insights.count == 2)
            #expect(insights.allSatisfy { $0.kind == InsightKind.quote.rawValue && ($0.sourceRef ?? "").hasPrefix("campaign:") })
            #expect(insights.contains { $0.text.contains("More bins please") })

            // An update is emailed to the pledger who asked, and to no one else.
            let update = try await staff.post(SiteURL.Campaigns.staffUpdate(c.id), ["body": "The skip arrives on Saturday."])
            #expect(update.status == .seeOther)
            let mail = try await OutboxEmail.query(on: app.db).filter(\.$kind == "campaign_update").all()
            #expect(mail.map(\.toAddress) == ["pledger@example.org"])
            #expect(mail.first?.body.contains("The skip arrives on Saturday.") == true)
            #expect(try await Browser(app).get(SiteURL.Campaigns.campaign(c.id)).body.string.contains("The skip arrives on Saturday."))

            // The toolkit prints the poster and the letter on pages of their own.
            let toolkit = try await Browser(app).get(SiteURL.Campaigns.toolkit(c.id, c.street)).body.string
            #expect(toolkit.contains("class=\"letter\"") && toolkit.contains("Big words for Sweep your pavement"))

            // Closed, it takes no more pledges but stays readable.
            #expect(try await staff.post(SiteURL.Campaigns.status(c.id), ["to": "closed"]).status == .seeOther)
            let closed = try await visitor.get(SiteURL.Campaigns.action(c.id, c.home))
            #expect(closed.status == .ok && !closed.body.string.contains("name=\"ward\""))
            #expect(try await visitor.post(SiteURL.Campaigns.action(c.id, c.home), ["ward": "E05009999"]).status == .badRequest)
        }
    }

    @Test func linkedCrowdfundingProjectsAndActivitiesShowOnTheCampaignPage() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let c = try await Self.liveCampaign(app, f)
            let project = try await CrowdfundHTTPTests.liveProject(app, f, resident: Browser(app), email: "maker@example.org")
            let walk = try await Surveys.activity(app, org: f.nhsID, title: "Health walks listening")
            let staff = Browser(app)
            try await staff.signIn(f.officer)
            let page = try await staff.get(SiteURL.Campaigns.manageCampaign(c.id)).body.string
            #expect(page.contains("Harbour Street planters"), "live projects are offered")
            // A project that is not offered, or an activity no one has, is named and nothing is linked.
            let bad = try await staff.post(
                SiteURL.Campaigns.links(c.id), pairs: [("project", UUID().uuidString), ("linked_activity", "No such walk")])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("href=\"#f-project\"") && bad.body.string.contains("href=\"#f-linked-activity\""))
            #expect(try await Campaign.find(c.id, on: app.db)?.crowdfundProjectIDs == [])
            let linked = try await staff.post(
                SiteURL.Campaigns.links(c.id),
                pairs: [("project", project.uuidString), ("linked_activity", walk.uuidString), ("linked_activity", "")])
            #expect(linked.status == .seeOther)
            let saved = try #require(try await Campaign.find(c.id, on: app.db))
            #expect(saved.crowdfundProjectIDs == [project] && saved.linkedActivityIDs == [walk])
            let public_ = try await Browser(app).get(SiteURL.Campaigns.campaign(c.id)).body.string
            #expect(public_.contains(SiteURL.Crowdfunding.project(project)) && public_.contains("Harbour Street planters"))
            #expect(public_.contains(SiteURL.Register.publicActivity(walk)) && public_.contains("Health walks listening"))
        }
    }

    @Test func withoutAnActivityACommentStaysOnThePledgeAndErasureRemovesIt() async throws {
        try await TestApp.run { app, f in
            try await Surveys.ward(app)
            let c = try await Self.liveCampaign(app, f, withActivity: false)
            let resident = Browser(app)
            try await Residents.signIn(app, resident, "quiet@example.org")
            _ = try await resident.get(SiteURL.Campaigns.action(c.id, c.home))
            let pledged = try await resident.post(SiteURL.Campaigns.action(c.id, c.home), ["ward": "E05009999", "comment": "Bins are too small"])
            #expect(pledged.status == .seeOther)
            #expect(try await Insight.query(on: app.db).count() == 0)
            #expect(try await CampaignPledge.query(on: app.db).first()?.comment == "Bins are too small")
            // Erasing what the resident said removes the pledge.
            let r = try await Residents.resident(app, "quiet@example.org")
            _ = try await app.db.transaction { tx in
                try await CampaignPersonalData.declaration.erase([ResidentKey(id: r.id, email: nil)], .contributions, tx)
            }
            #expect(try await CampaignPledge.query(on: app.db).count() == 0)
        }
    }
}
