import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Issue 15, items 5–7, tried as the staff of another organisation would: the audit log carries no text that its
/// readers may not see, residents' equality answers stay with the organisation that recorded them (and counts under
/// an equality filter are suppressed under 5), and "You said, we did" reports are changed and published only by the
/// comms of the organisations behind them (or a partnership admin).
@Suite struct WallTests {
    static let phrase = "quokkaorchestra rehearses behind the pharmacy"

    func person(_ app: Application, _ name: String, _ email: String, _ role: Role, _ org: UUID) async throws -> String {
        _ = try await DecisionsHTTPTests.person(app, name, email, role, org)
        return email
    }

    func organisation(_ app: Application, _ name: String, _ type: OrganisationType) async throws -> UUID {
        let o = Organisation()
        o.name = name; o.type = type.rawValue
        try await o.create(on: app.db)
        return o.id!
    }

    // MARK: - Item 5: the audit log

    @Test func anOrganisationOnlyInsightsTextNeverReachesAnotherOrganisationsAdminThroughTheAuditLog() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let nhsOfficer = try await person(app, "Nia NHS", "officer@nhs.test", .officer, f.nhsID)
            let officer = try await Browser.signedIn(app, nhsOfficer)
            try await officer.get("/insights/new")
            let saved = try await officer.postActivity(
                "/insights",
                [
                    ("text", "Residents say the \(Self.phrase) every night"), ("kind", "quote"), ("heard_on", "2026-11-01"),
                    ("sharing", "organisation"), ("place_id", w.quayside.uuidString), ("people_count", "1"),
                ])
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
            let insight = try #require(try await Insight.query(on: app.db).first())
            // Re-tagging it is audited too, and through the API.
            try await officer.get(SiteURL.Insights.show(insight.id!))
            #expect(try await officer.postActivity(SiteURL.Insights.themes(insight.id!), [("theme_ids", w.parks.uuidString)]).status == .seeOther)
            let api = try await APIClient.forUser(app, nhsOfficer)
            let viaAPI = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"Also the \(Self.phrase) at weekends","kind":"observation","heard_on":"2026-11-02","sharing":"organisation"}
                    """)
            #expect(viaAPI.status == .created)

            // The council's partnership admin cannot see the insight…
            let admin = try await Browser.signedIn(app, f.admin)
            #expect(try await admin.get(SiteURL.Insights.show(insight.id!)).status == .notFound)
            // …nor its words in the audit log, its CSV or the API; the entries name the insight by kind and id.
            let page = try await admin.get("/admin/audit?entity=insight").body.string
            #expect(!page.contains("quokkaorchestra"))
            #expect(page.contains("Insight (quote) \(insight.id!.uuidString.prefix(8))"))
            #expect(page.contains("Insight (observation)"))
            let csv = try await admin.get("/admin/audit.csv")
            #expect(csv.status == .ok && csv.body.string.contains("Insight (quote)") && !csv.body.string.contains("quokkaorchestra"))
            let adminAPI = try await APIClient.forUser(app, f.admin)
            let events = try await adminAPI.send(.GET, "/api/v1/audit-events?entity=insight")
            #expect(events.status == .ok && events.body.string.contains("Insight (quote)") && !events.body.string.contains("quokkaorchestra"))
            #expect(try await AuditEvent.query(on: app.db).all().allSatisfy { !$0.label.contains("quokka") && !($0.after ?? "").contains("quokka") })
        }
    }

    @Test func aPrivateDecisionSpacesNamesStayOutOfTheAuditLog() async throws {
        try await TestApp.run { app, f in
            let d = DecisionsHTTPTests()
            let x = try await d.world(app, f, insights: 1)
            let (spaceID, meetingID) = try await d.spaceAndMeeting(app, f, x, isPublic: false, name: "Wombatcase review panel")
            let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("title", "Wombatcase family of four")])
            let itemID = try d.id(in: try d.location(item))
            _ = try await x.secretary.postActivity(SiteURL.Decisions.decisions(itemID), [("text", "Wombatcase: move the family")])
            let decision = try #require(try await Decision.query(on: app.db).first())
            _ = try await x.secretary.postActivity(
                SiteURL.Decisions.actions(decision.id!),
                [
                    ("title", "Wombatcase rehousing"), ("owner_id", x.officerID.uuidString),
                    ("due_on", "2027-05-01"),
                ])
            #expect(try await DecisionAction.query(on: app.db).count() == 1)
            let admin = try await Browser.signedIn(app, f.admin)
            #expect(try await admin.get(SiteURL.Decisions.space(spaceID)).status == .notFound, "the admin is not a member")
            let csv = try await admin.get("/admin/audit.csv").body.string
            #expect(csv.contains("in a private decision space") && !csv.contains("Wombatcase"))
            // A public space is seen by every partner, so its entries keep their names.
            let (openID, _) = try await d.spaceAndMeeting(app, f, x, isPublic: true, name: "Open parks board")
            #expect(try await admin.get("/admin/audit.csv").body.string.contains("Open parks board"))

            // Entries the old code wrote about the private space and what is in it are scrubbed by the migration; the
            // public space's are not.
            let action = try #require(try await DecisionAction.query(on: app.db).first())
            let sam = Actor(id: nil, name: "Sam")
            try await AuditService.record(
                app.db, actor: sam, action: .update, entity: "decision_space", id: spaceID, label: "Wombatcase review panel",
                before: ["name": "Wombatcase panel"], after: ["name": "Wombatcase review panel"])
            try await AuditService.record(
                app.db, actor: sam, action: .create, entity: "meeting", id: meetingID, label: "Wombatcase review panel: November")
            try await AuditService.record(app.db, actor: sam, action: .create, entity: "agenda_item", id: itemID, label: "Wombatcase family of four")
            try await AuditService.record(
                app.db, actor: sam, action: .create, entity: "decision", id: decision.id!, label: "Wombatcase: move the family")
            try await AuditService.record(
                app.db, actor: sam, action: .update, entity: "decision_action", id: action.id!, label: "Wombatcase rehousing",
                before: ["status": "agreed"], after: ["status": "in_progress", "note": "Wombatcase flat viewed"])
            try await AuditService.record(
                app.db, actor: sam, action: .update, entity: "decision_space", id: openID, label: "Open parks board",
                before: ["name": "Parks board"], after: ["name": "Open parks board"])
            try await ScrubAuditWallText().prepare(on: app.db)
            let rows = try await AuditEvent.query(on: app.db).all()
            #expect(
                rows.allSatisfy {
                    !$0.label.contains("Wombatcase") && !($0.before ?? "").contains("Wombatcase") && !($0.after ?? "").contains("Wombatcase")
                },
                "\(rows.map(\.label))")
            #expect(
                rows.contains { $0.entityID == openID && $0.label == "Open parks board" && ($0.before ?? "").contains("Parks board") },
                "a public space's entries are left as they were")
        }
    }

    @Test func theMigrationScrubsEntriesWrittenBeforeTheFix() async throws {
        try await TestApp.run { app, f in
            let nhsOfficer = try await person(app, "Nia NHS", "officer@nhs.test", .officer, f.nhsID)
            let api = try await APIClient.forUser(app, nhsOfficer)
            let res = try await api.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"The \(Self.phrase)","kind":"complaint","heard_on":"2026-11-02","sharing":"organisation"}
                    """)
            let id = try #require(UUID(uuidString: try api.object(res)["id"] as? String ?? ""))
            // Entries as the old code wrote them.
            let actor = Actor(id: nil, name: "Nia NHS")
            try await AuditService.record(app.db, actor: actor, action: .create, entity: "insight", id: id, label: "The \(Self.phrase)")
            try await AuditService.record(
                app.db, actor: actor, action: .create, entity: "analysis_run", id: UUID(), label: "Quokka complaints",
                after: ["query": "q=quokkaorchestra", "bundle_id": ""])
            try await AuditService.record(
                app.db, actor: actor, action: .update, entity: "discovered_theme", id: UUID(), label: "Renamed theme to quokkaorchestra",
                before: ["label": "buses"], after: ["label": "quokkaorchestra", "run_id": UUID().uuidString])
            try await AuditService.record(
                app.db, actor: actor, action: .update, entity: "discovered_theme", id: UUID(), label: "Pinned theme",
                after: ["pinned": "true"])
            try await ScrubAuditWallText().prepare(on: app.db)
            let all = try await AuditEvent.query(on: app.db).all()
            #expect(
                all.allSatisfy {
                    !$0.label.contains("quokka") && !$0.label.contains("Quokka") && !($0.after ?? "").contains("quokka")
                        && !($0.before ?? "").contains("buses")
                })
            #expect(all.filter { $0.entity == "insight" && $0.entityID == id }.allSatisfy { $0.label.hasPrefix("Insight (complaint)") })
            #expect(all.contains { $0.entity == "discovered_theme" && $0.after == #"{"pinned":"true"}"# }, "values without text stay")
        }
    }

    // MARK: - Item 6: equality answers

    /// The council officer records 3 insights from gay or lesbian residents and 6 from straight ones (partnership level).
    func equalityWorld(_ app: Application, _ f: Fixture) async throws -> APIClient {
        let council = try await APIClient.forUser(app, f.officer)
        for n in 0..<9 {
            let orientation = n < 3 ? "gay_lesbian" : "straight"
            let res = try await council.send(
                .POST, "/api/v1/insights",
                json: """
                    {"text":"The library should open later, number \(n)","kind":"survey_answer","heard_on":"2026-10-0\(n + 1)","sharing":"partnership",
                     "sexual_orientation":"\(orientation)","religion":"buddhist","age_band":"25_29"}
                    """)
            #expect(res.status == .created, "\(res.body.string)")
        }
        return council
    }

    @Test func anotherOrganisationGetsNoEqualityAnswersFromTheAPIOrTheCSV() async throws {
        try await TestApp.run { app, f in
            let council = try await equalityWorld(app, f)
            let nhs = try await APIClient.forUser(app, f.viewer)
            let list = try nhs.object(try await nhs.send(.GET, "/api/v1/insights?organisation=\(f.councilID.uuidString)&size=50"))
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 9, "the insights themselves are shared with the partnership")
            for item in items {
                for q in EqualityMonitoring.questions { #expect(item[q.field] is NSNull, "\(q.field) of another organisation's insight") }
            }
            let id = try #require(items.first?["id"] as? String)
            let one = try nhs.object(try await nhs.send(.GET, "/api/v1/insights/\(id)"))
            #expect(one["sexual_orientation"] is NSNull && one["religion"] is NSNull && one["age_band"] is NSNull)
            #expect(one.keys.contains("sexual_orientation"), "the field is there, null")
            let viewer = try await Browser.signedIn(app, f.viewer)
            let csv = try CSV.parse(try await viewer.get("/insights.csv?organisation=\(f.councilID.uuidString)").body.string)
            let header = try #require(csv.first)
            #expect(csv.count == 10)
            for q in EqualityMonitoring.questions {
                let column = try #require(header.firstIndex(of: q.field))
                #expect(csv.dropFirst().allSatisfy { $0[column] == "" }, "\(q.field) is blank in another organisation's export")
            }

            // The recording organisation still sees them everywhere.
            let own = try council.object(try await council.send(.GET, "/api/v1/insights?size=50"))
            let ownItems = try #require(own["items"] as? [[String: Any]])
            #expect(ownItems.filter { $0["sexual_orientation"] as? String == "gay_lesbian" }.count == 3)
            #expect(ownItems.allSatisfy { $0["religion"] as? String == "buddhist" })
            let ownOne = try council.object(try await council.send(.GET, "/api/v1/insights/\(id)"))
            #expect(ownOne["age_band"] as? String == "25_29")
            let officer = try await Browser.signedIn(app, f.officer)
            let ownCSV = try CSV.parse(try await officer.get("/insights.csv").body.string)
            let orientation = try #require(ownCSV.first?.firstIndex(of: "sexual_orientation"))
            #expect(ownCSV.dropFirst().filter { $0[orientation] == "gay_lesbian" }.count == 3)
        }
    }

    @Test func anEqualityFilterFindsOnlyTheViewersOwnOrganisationsInsightsAndHidesSmallCounts() async throws {
        try await TestApp.run { app, f in
            let council = try await equalityWorld(app, f)
            // Another organisation learns nothing from filtering: no rows, no count, in the API, the list and the CSV.
            let nhs = try await APIClient.forUser(app, f.viewer)
            for query in [
                "sexual_orientation=gay_lesbian", "sexual_orientation=gay_lesbian&organisation=\(f.councilID.uuidString)",
                "sexual_orientation=straight", "religion=buddhist&age_band=25_29",
            ] {
                let body = try nhs.object(try await nhs.send(.GET, "/api/v1/insights?\(query)"))
                #expect(body["total"] as? Int == 0 && (body["items"] as? [Any])?.isEmpty == true, "\(query)")
            }
            let viewer = try await Browser.signedIn(app, f.viewer)
            let nhsList = try await viewer.get("/insights?sexual_orientation=gay_lesbian").body.string
            #expect(!nhsList.contains("The library should open later"))
            #expect(nhsList.contains("your organisation&#39;s insights only") || nhsList.contains("your organisation's insights only"))
            #expect(try CSV.parse(try await viewer.get("/insights.csv?sexual_orientation=straight").body.string).count == 1, "the header only")
            // Public pages never filter on equality answers (they have no list of insights; the query finds none).
            var publicFilter = try InsightQueries.filter(["sexual_orientation": "straight"], viewer: nil)
            publicFilter.wall = .publicOnly
            #expect(try await InsightQueries.query(app.db, publicFilter).count() == 0)

            // The recording organisation: 3 matches is a small count, so it is not given; 6 is.
            let few = try council.object(try await council.send(.GET, "/api/v1/insights?sexual_orientation=gay_lesbian"))
            #expect(few["total"] is NSNull && few["total_suppressed"] as? Bool == true)
            #expect((few["items"] as? [Any])?.count == 3, "its own insights, whose answers it may see")
            let many = try council.object(try await council.send(.GET, "/api/v1/insights?sexual_orientation=straight"))
            #expect(many["total"] as? Int == 6 && many["total_suppressed"] as? Bool == false)
            let none = try council.object(try await council.send(.GET, "/api/v1/insights?sexual_orientation=bisexual"))
            #expect(none["total"] as? Int == 0 && none["total_suppressed"] as? Bool == false, "zero identifies no one")
            let unfiltered = try council.object(
                try await council.send(.GET, "/api/v1/insights?q=library&kind=survey_answer&from=2026-10-01&to=2026-10-03"))
            #expect(unfiltered["total"] as? Int == 3 && unfiltered["total_suppressed"] as? Bool == false, "no equality filter, no suppression")

            let officer = try await Browser.signedIn(app, f.officer)
            let page = try await officer.get("/insights?sexual_orientation=gay_lesbian").body.string
            #expect(page.contains("Fewer than 5 insights match") && !page.contains("Showing 1 to 3 of 3"))
            #expect(page.contains("fewer than 5)") && !page.contains("Re-tag all 3"))
            let sixPage = try await officer.get("/insights?sexual_orientation=straight").body.string
            #expect(sixPage.contains("Showing 1 to 6 of 6"))
            // A saved search with the filter says "fewer than 5" too, and re-tagging does not give the count away.
            let saved = try await officer.postActivity(
                SiteURL.Insights.bundles, [("title", "Gay and lesbian residents"), ("query", "sexual_orientation=gay_lesbian")])
            let bundle = try #require(saved.headers.first(name: .location))
            let bundlePage = try await officer.get(bundle).body.string
            #expect(bundlePage.contains("fewer than 5 insights you can see") && !bundlePage.contains("of 3"))
            let theme = Theme()
            theme.name = "Libraries"
            try await theme.create(on: app.db)
            let retag = try await officer.postActivity(
                SiteURL.Insights.retag,
                [
                    ("query", "sexual_orientation=gay_lesbian"), ("theme_id", theme.id!.uuidString),
                    ("action", "add"),
                ])
            let notice = try await officer.get(try #require(retag.headers.first(name: .location))).body.string
            #expect(notice.contains("Fewer than 5 insights re-tagged"))
            #expect(try await InsightTheme.query(on: app.db).filter(\.$theme.$id == theme.id!).count() == 3)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$label ~~ "Re-tagged").all()
            #expect(audit.count == 1 && audit[0].label.contains("fewer than 5") && !audit[0].label.contains("3"))
        }
    }

    // MARK: - Item 7: "You said, we did"

    @Test func onlyTheCommsOfTheActivitysOrganisationsOrAPartnershipAdminChangeAndPublishItsReport() async throws {
        try await TestApp.run { app, f in
            let d = DecisionsHTTPTests()
            let x = try await d.world(app, f, insights: 2)  // a closed council activity; council comms signed in
            let youth = try await organisation(app, "Test Youth Trust", .vcse)
            let youthComms = try await Browser.signedIn(app, try await person(app, "Yan Youth", "comms@youth.test", .comms, youth))
            let youthAdmin = try await Browser.signedIn(app, try await person(app, "Yas Admin", "admin@youth.test", .partnershipAdmin, youth))

            // Another organisation's comms may not start the report…
            try await youthComms.get(SiteURL.Feedback.reports)
            let waiting = try await youthComms.get(SiteURL.Feedback.reports).body.string
            #expect(waiting.contains("Quayside park survey") && !waiting.contains("action=\"\(SiteURL.Feedback.create(x.activity))\""))
            #expect(try await youthComms.postActivity(SiteURL.Feedback.create(x.activity), []).status == .forbidden)
            #expect(try await FeedbackReport.query(on: app.db).count() == 0)
            // …the leading organisation's comms may.
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            #expect(started.status == .seeOther)
            let reportID = try d.id(in: try d.location(started))
            let original = try #require(try await FeedbackReport.find(reportID, on: app.db)).title

            // Youth Trust comms: 403 on every change, no controls, no edit link, and nothing changes.
            let text = [("title", "Hijacked"), ("what_we_asked", "x"), ("what_you_said", "y"), ("what_we_did", "z")]
            let editPage = try await youthComms.get(SiteURL.Feedback.edit(reportID))
            #expect(editPage.status == .ok, "staff may read a draft")
            #expect(!editPage.body.string.contains("action=\"\(SiteURL.Feedback.publish(reportID))\"") && !editPage.body.string.contains(">Save<"))
            #expect(try await youthComms.postActivity(SiteURL.Feedback.edit(reportID), text).status == .forbidden)
            #expect(try await youthComms.postActivity(SiteURL.Feedback.translation(reportID, "ur"), text).status == .forbidden)
            #expect(try await youthComms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .forbidden)
            let youthList = try await youthComms.get(SiteURL.Feedback.reports).body.string
            #expect(!youthList.contains("href=\"\(SiteURL.Feedback.edit(reportID))#text\""))
            let after = try #require(try await FeedbackReport.find(reportID, on: app.db))
            #expect(after.title == original && after.status == "draft")
            #expect(try await FeedbackTranslation.query(on: app.db).count() == 0)
            #expect(try await OutboxEmail.query(on: app.db).count() == 0)
            #expect(try await Activity.find(x.activity, on: app.db)?.status == "closed")

            // The council's comms see the controls and the edit link, and may edit.
            let councilList = try await x.comms.get(SiteURL.Feedback.reports).body.string
            #expect(councilList.contains("href=\"\(SiteURL.Feedback.edit(reportID))#text\""))
            let councilPage = try await x.comms.get(SiteURL.Feedback.edit(reportID)).body.string
            #expect(councilPage.contains("action=\"\(SiteURL.Feedback.publish(reportID))\""))
            let ownText = [("title", "Your park"), ("what_we_asked", "What to fix"), ("what_you_said", "The swings"), ("what_we_did", "New swings")]
            #expect(try await x.comms.postActivity(SiteURL.Feedback.edit(reportID), ownText).status == .seeOther)

            // A partner organisation's comms may too, once the Youth Trust partners in the activity.
            try await ActivityPartner(activity: x.activity, organisation: youth).create(on: app.db)
            try await youthComms.get(SiteURL.Feedback.edit(reportID))
            #expect(try await youthComms.postActivity(SiteURL.Feedback.translation(reportID, "ur"), ownText).status == .seeOther)
            try await ActivityPartner.query(on: app.db).delete()
            #expect(try await youthComms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .forbidden)

            // A partnership admin of any organisation may edit and publish any report.
            let adminPage = try await youthAdmin.get(SiteURL.Feedback.edit(reportID)).body.string
            #expect(adminPage.contains("action=\"\(SiteURL.Feedback.publish(reportID))\""))
            #expect(try await youthAdmin.postActivity(SiteURL.Feedback.edit(reportID), ownText).status == .seeOther)
            #expect(try await youthAdmin.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            #expect(try await FeedbackReport.find(reportID, on: app.db)?.status == "published")
        }
    }

    @Test func aThemeReportBelongsToTheOrganisationsOfTheActivitiesThatHeardTheTheme() async throws {
        try await TestApp.run { app, f in
            let d = DecisionsHTTPTests()
            let x = try await d.world(app, f, insights: 2)  // the council's activity heard "Parks" in October 2026
            let youth = try await organisation(app, "Test Youth Trust", .vcse)
            let youthComms = try await Browser.signedIn(app, try await person(app, "Yan Youth", "comms@youth.test", .comms, youth))
            let fields = [("theme_id", x.w.parks.uuidString), ("from", "2026-01-01"), ("to", "2026-12-31")]
            try await youthComms.get(SiteURL.Feedback.reports)
            let refused = try await youthComms.postActivity(SiteURL.Feedback.createForTheme, fields)
            #expect(
                refused.status == .badRequest
                    && refused.body.string.contains("No activity that your organisation leads or partners in heard this theme"))
            #expect(try await FeedbackReport.query(on: app.db).count() == 0)
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.createForTheme, fields)
            #expect(started.status == .seeOther)
            let reportID = try d.id(in: try d.location(started))
            #expect(try await youthComms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .forbidden)
            #expect(!(try await youthComms.get(SiteURL.Feedback.reports)).body.string.contains("href=\"\(SiteURL.Feedback.edit(reportID))#text\""))
            try await x.comms.get(SiteURL.Feedback.edit(reportID))
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
        }
    }
}
