import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The community champion role: records what residents say (form and API) for their own organisation, and nothing
/// an officer or admin does beyond that.
@Suite struct ChampionTests {
    @Test func aChampionRecordsAnInsightAndSeesTheirOrganisationsOriginalText() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let champion = Browser(app)
            #expect(try await champion.signIn(f.champion).status == .seeOther)
            #expect(try await champion.get("/insights/new").status == .ok)
            let text = "The bus to the clinic stopped running on Sundays, call me on 07700 900123"
            let fields = InsightHTTPTests().form(w, text: text, sharing: "organisation")
            #expect(try await champion.postActivity("/insights", fields).status == .ok, "the redaction preview comes first")
            let saved = try await champion.postActivity("/insights", fields + [("previewed", Tokens.hash(text))])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await Insight.query(on: app.db).first())
            #expect(stored.$organisation.id == f.councilID, "recorded for the champion's own organisation")
            #expect(!stored.text.contains("07700 900123") && stored.originalText == text)
            let page = try await champion.get(SiteURL.Insights.show(stored.id!)).body.string
            #expect(page.contains("07700 900123"), "the champion's organisation keeps the original")

            let api = try await APIClient.forUser(app, f.champion)
            let created = try await api.send(
                .POST, "/api/v1/insights",
                json: #"{"text":"More benches by the canal","kind":"quote","heard_on":"2026-11-02","sharing":"partnership"}"#)
            #expect(created.status == .created)
        }
    }

    @Test func aChampionCannotRegisterActivitiesCurateOrAdminister() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let champion = Browser(app)
            try await champion.signIn(f.champion)
            #expect(try await champion.get("/activities/new").status == .forbidden)
            #expect(try await champion.get("/admin/people").status == .forbidden)
            #expect(try await champion.get("/admin/audit").status == .forbidden)
            let api = try await APIClient.forUser(app, f.champion)
            let activity = try await api.send(
                .POST, "/api/v1/activities", json: #"{"title":"x","purpose":"y","starts_on":"2026-01-01","ends_on":"2026-01-02"}"#)
            #expect(activity.status == .forbidden)
            #expect(try await api.send(.GET, "/api/v1/people").status == .forbidden)
            #expect(!Role.champion.canCurateInsight && !Role.champion.canAdministerPartnership && Role.champion.canRecordInsight)
        }
    }
}
