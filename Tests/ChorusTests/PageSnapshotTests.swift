import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The main pages of every feature as a person sees them, compared with reviewable snapshots (see `Snapshot`).
/// One world for all: a closed council activity with insights, a bundle, a public decision space with a meeting.
@Suite struct PageSnapshotTests {
    @Test func theMainPagesOfEveryFeature() async throws {
        try await TestApp.run { app, f in
            let decisions = DecisionsHTTPTests()
            let x = try await decisions.world(app, f)
            try await x.officer.get("/insights")
            #expect(
                try await x.officer.postActivity(SiteURL.Insights.bundles, [("title", "Broken swings"), ("query", "q=swings")]).status == .seeOther)
            let (spaceID, meetingID) = try await decisions.spaceAndMeeting(app, f, x)
            let insight = try #require(try await Insight.query(on: app.db).sort(\.$heardDay, .descending).first()).id!
            let a = x.activity.uuidString
            let visitor = Browser(app)
            for (name, path) in [
                ("home-signed-out", "/"), ("sign-in", "/sign-in"), ("whats-on", "/whats-on"), ("whats-on-activity", "/whats-on/\(a)"),
                ("you-said-we-did", "/you-said-we-did"), ("groups-and-venues", "/groups-and-venues"),
            ] {
                let res = try await visitor.get(path)
                #expect(res.status == .ok, "\(path)")
                Snapshot.check(res.body.string, name)
            }
            let urdu = Browser(app)
            urdu.cookies[Request.languageCookie] = "ur"
            Snapshot.check(try await urdu.get("/whats-on").body.string, "whats-on-ur")
            Snapshot.check(try await urdu.get("/").body.string, "home-signed-out-ur")

            let admin = try await Browser.signedIn(app, f.admin)
            let pages: [(String, String)] = [
                ("home", "/"), ("activities", "/activities"), ("activity-new", "/activities/new"), ("activity", "/activities/\(a)"),
                ("activity-edit", "/activities/\(a)/edit"), ("calendar", "/activities/calendar?month=2026-10"),
                ("activity-import", "/activities/import"),
                ("plan", "/activities/\(a)/plan"), ("insights", "/insights"), ("insight-new", "/insights/new"),
                ("insight", "/insights/\(insight.uuidString)"),
                ("bundles", "/insights/bundles"), ("insight-import", "/insights/import"), ("analysis", "/analysis"),
                ("decision-spaces", "/decision-spaces"), ("decision-space", "/decision-spaces/\(spaceID.uuidString)"),
                ("meeting", "/meetings/\(meetingID.uuidString)"), ("feedback-reports", "/feedback-reports"),
                ("loop-closure", "/oversight/loop-closure"),
                ("admin-organisations", "/admin/organisations"), ("admin-places", "/admin/places"), ("admin-themes", "/admin/themes"),
                ("admin-audiences", "/admin/audiences"), ("tokens", "/account/tokens"), ("directory", "/directory"),
                ("directory-new-venue", "/directory/new/venue"),
            ]
            for (name, path) in pages {
                let res = try await admin.get(path)
                #expect(res.status == .ok, "\(path)")
                Snapshot.check(res.body.string, name)
            }
        }
    }

    /// Feedback's views are pure: rendered here from page models alone, without a server.
    @Test func feedbackViewsRenderFromTheirModelsAlone() {
        let id = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
        let trail = FeedbackTrail(
            activityID: id, activityTitle: "Quayside park survey", theme: nil, purpose: "Decide what to fix in Quayside park", publicSummary: nil,
            closedOn: Day(year: 2026, month: 10, day: 31), wards: ["Quayside"], themesOfActivity: ["Parks"], planDecision: nil,
            insights: SmallNumberTable.total(7), people: SmallNumberTable.total(7),
            themes: [Briefing.Row(label: "Parks", count: SmallNumberTable.total(7))],
            quotes: ["The swings in the park are broken"], decisions: [])
        let report = FeedbackPages.Report(
            id: id,
            text: .init(
                title: "You said, we did: the park", asked: "We asked about the park.",
                said: "You said the swings are broken.", did: "We are fixing them."), published: Day(year: 2026, month: 11, day: 20))
        let user = CurrentUser(
            id: id, name: "Cal Comms", email: "comms@council.test", role: .comms, organisationID: id, organisationName: "Test Council")
        let staff = PageContext(language: .english, csrfToken: "token", path: SiteURL.Feedback.edit(id), user: user)
        let editor = FeedbackPages.Editor(
            report: report, trail: trail, urdu: nil, canEdit: true, canPublish: false, recipients: 0,
            errors: [FieldError("title", "Enter a title")], input: Input(values: ["title": ""]), errorsFor: "en")
        Snapshot.check(FeedbackEditViews.edit(editor, staff).render(staff), "feedback-editor")
        let resident = PageContext(language: .urdu, csrfToken: "token", path: SiteURL.Feedback.publicReport(id), user: nil)
        let page = FeedbackPages.PublicReport(report: report, text: report.text, textLanguage: .english, trail: trail, otherLanguages: [.english])
        Snapshot.check(PublicFeedbackViews.report(page, resident).render(resident), "you-said-we-did-report-ur")
    }
}
