import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// A "You said, we did" page that reads well, through HTTP (issue 18): many small topics fold into one line, "most"
/// is never claimed of suppressed counts, "We heard from N people" is said once, and quotes come only from the
/// report's own themes (public insights, redacted).
@Suite struct ReportReadingHTTPTests {
    let d = DecisionsHTTPTests()

    /// An insight on the activity with these themes, heard on 5 October 2026 (a test seeds it directly, as the
    /// thread tests do; the recording form is tested elsewhere).
    func insight(_ app: Application, org: UUID, activity: UUID, text: String, sharing: SharingLevel, themes: [UUID], kind: InsightKind = .quote)
        async throws
    {
        let i = Insight()
        i.$organisation.id = org; i.$activity.id = activity; i.kind = kind.rawValue; i.text = text; i.redactedKinds = ""
        i.heardDay = Day(iso: "2026-10-05")!.ordinal; i.peopleCount = 1; i.sharing = sharing.rawValue; i.feedbackOptIn = false
        try await i.create(on: app.db)
        for t in themes { try await InsightTheme(insight: i.id!, theme: t).create(on: app.db) }
    }

    func theme(_ app: Application, _ name: String) async throws -> UUID {
        let t = Theme(); t.name = name; try await t.create(on: app.db); return t.id!
    }

    /// Starts and publishes the activity's report as comms; returns the draft's "what you said" and the public page.
    func publish(_ app: Application, _ x: DecisionsHTTPTests.World) async throws -> (said: String, page: String) {
        try await x.comms.get(SiteURL.Feedback.reports)
        let reportID = try d.id(in: try d.location(try await x.comms.postActivity(SiteURL.Feedback.create(x.activity), [])))
        let said = try #require(try await FeedbackReport.find(reportID, on: app.db)).whatYouSaid
        try await x.comms.get(SiteURL.Feedback.edit(reportID))
        #expect(try await x.comms.postActivity(SiteURL.Feedback.publish(reportID), [("confirm", "true")]).status == .seeOther)
        let page = try await Browser(app).get(SiteURL.Feedback.publicReport(reportID))
        #expect(page.status.code == 200)
        return (said, page.body.string)
    }

    @Test func manySmallTopicsFoldIntoOneLineQuotesStayOnTheReportsThemesAndTheCountIsSaidOnce() async throws {
        try await TestApp.run { app, f in
            // 7 insights on Parks (the activity's theme), then one or two each on 12 other themes: a public one about
            // bins (off the report's themes) must not be quoted, however well it reads.
            let x = try await d.world(app, f)
            var others: [UUID] = []
            for n in 0..<12 { others.append(try await theme(app, "Other topic \(n)")) }
            for (n, t) in others.enumerated() {
                try await insight(
                    app, org: f.councilID, activity: x.activity, text: "Bins were not collected again on Mill Lane this week, number \(n).",
                    sharing: .public, themes: [t])
                if n % 2 == 0 {
                    try await insight(app, org: f.councilID, activity: x.activity, text: "Partnership note \(n)", sharing: .partnership, themes: [t])
                }
            }
            try await insight(
                app, org: f.councilID, activity: x.activity, text: "The new trees by the Quayside play area make it a lovely place to sit.",
                sharing: .public, themes: [x.w.parks])
            try await insight(
                app, org: f.councilID, activity: x.activity, text: "Kept in the council: the park keeper's rota on the swings",
                sharing: .organisation, themes: [x.w.parks])
            let (said, page) = try await publish(app, x)

            // Parks leads with a shown count; the twelve small topics are one line, not twelve.
            #expect(said == "You told us most about Parks.", "\(said)")
            #expect(page.contains("Parks: 9 comments"), "7 + the public tree comment + the organisation-only one are counted")
            #expect(page.contains("And 12 other topics with fewer than 5 comments each."))
            #expect(!page.contains("Other topic 3"), "small topics are not listed one by one")
            // The people sentence once (the draft no longer repeats it; the page says it live).
            #expect(page.components(separatedBy: "We heard from 27 people.").count == 2, "\(page)")
            // Quotes: public insights on Parks only.
            #expect(page.contains("The new trees by the Quayside play area") && page.contains("The swings in the park are broken number 0"))
            #expect(!page.contains("Bins were not collected"), "a public comment on another theme is not quoted")
            #expect(!page.contains("Partnership note") && !page.contains("park keeper"), "only public insights are quoted")
        }
    }

    @Test func noMostClaimWhenEveryCountIsSuppressedAndOneSmallTopicIsSingular() async throws {
        try await TestApp.run { app, f in
            // 3 insights on Parks and 2 on Climate change: every count is under 5.
            let x = try await d.world(app, f, insights: 3)
            for n in 0..<2 {
                try await insight(
                    app, org: f.councilID, activity: x.activity, text: "Solar panels on the park cafe roof would be good, number \(n).",
                    sharing: .public, themes: [x.w.climate])
            }
            let (said, page) = try await publish(app, x)
            #expect(!said.contains("most") && said == "Here is what you told us.", "\(said)")
            #expect(!page.contains("You told us most"))
            #expect(page.contains("2 topics, each with fewer than 5 comments."), "\(page)")
            #expect(!page.contains("Parks: fewer than 5 comments"))
            #expect(page.components(separatedBy: "We heard from 5 people.").count == 2)
            #expect(!page.contains("Solar panels"), "the climate comments are not on the park survey's theme")
            // In Urdu the folded line is translated too.
            let resident = Browser(app)
            _ = try await resident.get(SiteURL.language("ur", back: "/"))
            let reportID = try #require(try await FeedbackReport.query(on: app.db).first()).id!
            let urdu = try await resident.get(SiteURL.Feedback.publicReport(reportID)).body.string
            #expect(urdu.contains("2 موضوعات، جن میں سے ہر ایک پر 5 سے کم تبصرے آئے۔"))
        }
    }
}
