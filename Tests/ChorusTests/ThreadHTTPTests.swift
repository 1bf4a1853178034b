import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The thread from activity to "You said, we did" through HTTP (issue 17): one "heard from" figure for an activity on
/// the board's briefing, the report editor and the public page; the analyst's named themes reaching the briefing and
/// the report through the agenda item; publishing only after a tick that names how many residents will be emailed;
/// a report started while the activity is still open.
@Suite struct ThreadHTTPTests {
    let decisions = DecisionsHTTPTests()

    func location(_ res: TestingHTTPResponse) throws -> String { try #require(res.headers.first(name: .location)) }
    func id(in path: String) throws -> UUID { try #require(UUID(uuidString: String(path.split(separator: "/").last!.prefix(36)))) }

    /// An insight heard during the activity, straight into the store.
    @discardableResult
    func insight(_ app: Application, org: UUID, activity: UUID, text: String, sharing: SharingLevel, people: Int) async throws -> UUID {
        let i = Insight()
        i.$organisation.id = org; i.$activity.id = activity; i.kind = InsightKind.quote.rawValue; i.text = text; i.redactedKinds = ""
        i.heardDay = Day(iso: "2026-10-05")!.ordinal; i.peopleCount = people; i.sharing = sharing.rawValue; i.feedbackOptIn = false
        try await i.create(on: app.db)
        return i.id!
    }

    /// A bundle of the activity's insights on a public board's agenda; returns the item.
    func itemOnTheAgenda(_ app: Application, _ f: Fixture, _ x: DecisionsHTTPTests.World) async throws -> UUID {
        try await x.officer.get("/insights")
        let bundle = try await x.officer.postActivity(
            SiteURL.Insights.bundles, [("title", "Heard in the park survey"), ("query", "activity=\(x.activity.uuidString)")])
        #expect(bundle.status == .seeOther, "\(bundle.body.string.prefix(300))")
        let bundleID = try #require(try await InsightBundle.query(on: app.db).first()).id!
        let (_, meetingID) = try await decisions.spaceAndMeeting(app, f, x)
        try await x.secretary.get(SiteURL.Decisions.meeting(meetingID))
        let item = try await x.secretary.postActivity(SiteURL.Decisions.items(meetingID), [("bundle_id", bundleID.uuidString)])
        #expect(item.status == .seeOther, "\(item.body.string.prefix(300))")
        return try id(in: try location(item))
    }

    @Test func theBriefingTheReportEditorAndThePublicPageShowOneHeardFromFigure() async throws {
        try await TestApp.run { app, f in
            // 7 insights of one person each (one public, six partnership) and 3 organisation-only group notes of 4
            // people: the activity heard 10 insights from 19 people, whoever reads the figure.
            let x = try await decisions.world(app, f)
            for n in 0..<3 {
                try await insight(
                    app, org: f.councilID, activity: x.activity, text: "Group conversation \(n) about the swings", sharing: .organisation, people: 4)
            }
            let itemID = try await itemOnTheAgenda(app, f, x)
            let briefing = try await x.secretary.get(SiteURL.Decisions.item(itemID)).body.string
            #expect(briefing.contains("Heard from, by activity"), "\(briefing.prefix(200))")
            let row = try #require(briefing.range(of: "Quayside park survey</a></td>").map { String(briefing[$0.upperBound...].prefix(80)) })
            #expect(row.contains("<td>10</td>") && row.contains("<td>19</td>"), "\(row)")

            // The report: its draft, the editor's trail and the public page say the same.
            try await x.comms.get(SiteURL.Feedback.reports)
            let reportID = try id(in: try location(try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])))
            // The draft leaves the people count to the page, which shows it live (once).
            #expect(!(try #require(try await FeedbackReport.find(reportID, on: app.db)).whatYouSaid.contains("We heard from")))
            let editor = try await x.comms.get(SiteURL.Feedback.edit(reportID)).body.string
            #expect(editor.contains("Heard from 19 people in 10 insights"), "\(editor)")
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            let page = try await Browser(app).get(SiteURL.Feedback.publicReport(reportID)).body.string
            #expect(page.components(separatedBy: "We heard from 19 people.").count == 2, "the public page shows the same people count, once")
            #expect(!page.contains("Group conversation"), "organisation-only insights are counted, never quoted")
            #expect(!page.contains("We heard from 7 people"), "no second, smaller figure")
        }
    }

    @Test func publishingNeedsATickThatSaysHowManyResidentsWillBeEmailed() async throws {
        try await TestApp.run { app, f in
            let x = try await decisions.world(app, f)
            // The activity is still open (its report may be drafted before it closes).
            let activity = try #require(try await Activity.find(x.activity, on: app.db))
            activity.status = ActivityStatus.open.rawValue
            try await activity.update(on: app.db)
            try await x.comms.get(SiteURL.Feedback.reports)
            let started = try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])
            #expect(started.status == .seeOther, "\(started.body.string.prefix(300))")
            let reportID = try id(in: try location(started))
            let editor = try await x.comms.get(SiteURL.Feedback.edit(reportID)).body.string
            #expect(editor.contains("Publish and email 2 residents"), "two residents asked to hear back")
            #expect(
                editor.range(of: "id=\"publish\"")!.lowerBound > editor.range(of: "id=\"trail\"")!.lowerBound,
                "publishing comes after the text and the trail")

            let refused = try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [])
            #expect(refused.status.code == 400)
            #expect(refused.body.string.contains("Tick the box to confirm") && refused.body.string.contains("href=\"#f-confirm\""))
            #expect(try await FeedbackReport.find(reportID, on: app.db)?.isPublished == false)
            #expect(try await OutboxEmail.query(on: app.db).count() == 0, "no one is emailed")

            let published = try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")])
            #expect(published.status == .seeOther)
            #expect(try await OutboxEmail.query(on: app.db).count() == 2)
            #expect(try await Activity.find(x.activity, on: app.db)?.status == ActivityStatus.open.rawValue, "an open activity stays open")
        }
    }

    @Test func anImportStartedFromTheActivityProposesItForAllRows() async throws {
        try await TestApp.run { app, f in
            let x = try await decisions.world(app, f)
            let form = try await x.officer.get(SiteURL.with(SiteURL.Insights.importCSV, ["activity": x.activity.uuidString]))
            #expect(form.body.string.contains("name=\"activity\" type=\"hidden\" value=\"\(x.activity.uuidString)\""))
            let csv = Array("Comment,Date\nDamp in the bedroom,03/10/2026\n".utf8)
            let uploaded = try await x.officer.postMultipart(
                SiteURL.Insights.importCSV,
                [FormPart(name: "file", filename: "notes.csv", bytes: csv), FormPart(name: "activity", bytes: Array(x.activity.uuidString.utf8))])
            #expect(uploaded.status == .seeOther)
            let mapping = try await x.officer.get(try location(uploaded)).body.string
            #expect(
                mapping.contains("name=\"default_activity\" spellcheck=\"false\" type=\"text\" value=\"Quayside park survey"),
                "the activity for all rows is proposed")
            // An id the person may not use is ignored, not proposed.
            let job = try location(uploaded).split(separator: "?").first.map(String.init) ?? ""
            let foreign = try await x.officer.get(SiteURL.with(job, ["activity": UUID().uuidString])).body.string
            #expect(foreign.contains("name=\"default_activity\" spellcheck=\"false\" type=\"text\" value/>"), "nothing proposed")
        }
    }

    @Test func aDecisionNamesOtherActivitiesByTypingTheirTitle() async throws {
        try await TestApp.run { app, f in
            let x = try await decisions.world(app, f)
            let itemID = try await itemOnTheAgenda(app, f, x)
            let page = try await x.secretary.get(SiteURL.Decisions.item(itemID)).body.string
            #expect(
                page.contains("<datalist id=\"decision-activities\">") && page.contains("list=\"decision-activities\"")
                    && !page.contains("name=\"activity_ids\""), "pickers, not a list of checkboxes")
            let other = Activity()
            other.title = "Riverside youth forum"; other.purpose = "Ask young people"; other.status = ActivityStatus.open.rawValue
            other.$organisation.id = f.councilID; other.startDay = Day(iso: "2026-09-01")!.ordinal; other.endDay = Day(iso: "2026-09-30")!.ordinal
            other.methods = "workshop"; other.ladderLevel = "consult"; other.isPublic = true; other.boroughWide = false
            try await other.create(on: app.db)

            let bad = try await x.secretary.postActivity(
                SiteURL.Decisions.decisions(itemID), [("text", "Fix it"), ("decided_on", "2026-11-20"), ("activity_1", "No such \"forum\" <b>")])
            #expect(bad.status.code == 400)
            #expect(
                bad.body.string.contains("Activity: no activity is called \"No such \"forum\" &lt;b&gt;\""), "the message names the field, escaped")
            #expect(bad.body.string.contains("value=\"No such &quot;forum&quot; &lt;b&gt;\""), "what was typed comes back, escaped in the attribute")
            #expect(try await Decision.query(on: app.db).count() == 0, "nothing saved")

            let ok = try await x.secretary.postActivity(
                SiteURL.Decisions.decisions(itemID), [("text", "Fix it"), ("decided_on", "2026-11-20"), ("activity_1", "riverside  youth FORUM")])
            #expect(ok.status == .seeOther, "\(ok.body.string.prefix(400))")
            let decision = try #require(try await Decision.query(on: app.db).first())
            let links = try await DecisionLink.query(on: app.db).filter(\.$decision.$id == decision.id!).all()
            #expect(links.contains { $0.kind == "activity" && $0.targetID == other.id! } && links.contains { $0.targetID == x.activity })
        }
    }

    @Test func theAnalystsNamedThemesReachTheBriefingAndTheReport() async throws {
        try await TestApp.run { app, f in
            let x = try await decisions.world(app, f)
            for (n, t) in (AnalysisHTTPTests.buses + AnalysisHTTPTests.parks).enumerated() {
                try await insight(app, org: f.councilID, activity: x.activity, text: t, sharing: n % 3 == 0 ? .public : .partnership, people: 1)
            }
            let run = try await AnalysisHTTPTests().runAnalysis(
                x.officer, app, title: "Park survey themes", query: "activity=\(x.activity.uuidString)")
            #expect(run.statusValue == .done, "\(run.error ?? "")")
            #expect(!run.privateToOrganisation)
            let themes = try await DiscoveredTheme.query(on: app.db).filter(\.$run.$id == run.id!).all()
            let largest = try #require(themes.max { $0.size < $1.size })
            largest.renamedLabel = "Named by the analyst"
            try await largest.update(on: app.db)

            let itemID = try await itemOnTheAgenda(app, f, x)
            // Bad input names the field and attaches nothing.
            let bad = try await x.secretary.postActivity(SiteURL.Decisions.itemAnalysis(itemID), [("analysis_run_id", UUID().uuidString)])
            #expect(bad.status.code == 400 && bad.body.string.contains("Select the analysis from the list"))
            #expect(try await AgendaItem.find(itemID, on: app.db)?.analysisRunID == nil)
            // Only the space's secretaries attach one.
            #expect(
                try await x.comms.postActivity(SiteURL.Decisions.itemAnalysis(itemID), [("analysis_run_id", run.id!.uuidString)]).status.code == 403)
            let attached = try await x.secretary.postActivity(SiteURL.Decisions.itemAnalysis(itemID), [("analysis_run_id", run.id!.uuidString)])
            #expect(attached.status == .seeOther, "\(attached.body.string.prefix(300))")
            let briefing = try await x.secretary.get(SiteURL.Decisions.item(itemID)).body.string
            #expect(
                briefing.contains("Themes from the analysis") && briefing.contains("Named by the analyst") && briefing.contains("Park survey themes"))

            // The board decides; the activity's report shows the analyst's themes, as the board saw them.
            let decided = try await x.secretary.postActivity(
                SiteURL.Decisions.decisions(itemID), [("text", "Fix the park and ask about buses"), ("decided_on", "2026-11-20")])
            #expect(decided.status == .seeOther)
            try await x.comms.get(SiteURL.Feedback.reports)
            let reportID = try id(in: try location(try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])))
            let editor = try await x.comms.get(SiteURL.Feedback.edit(reportID)).body.string
            #expect(editor.contains("Named by the analyst"), "the report editor shows the analysis's themes")
            #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
            #expect(try await Browser(app).get(SiteURL.Feedback.publicReport(reportID)).body.string.contains("Named by the analyst"))
        }
    }
}
