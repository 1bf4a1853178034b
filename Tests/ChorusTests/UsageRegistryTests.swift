import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Deleting shared reference data asks every feature what uses it (`UsageRegistry`): a theme used only by insights
/// (never by an activity) passed the register's old check and then failed the delete on a foreign key.
@Suite struct UsageRegistryTests {
    @Test func aThemeOrPlaceUsedOnlyByInsightsIsNotDeletedAndTheMessageNamesTheUse() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get("/insights/new")
            let text = "The hedges on the canal path need cutting back"
            let fields = InsightHTTPTests().form(w, text: text)
            #expect(try await officer.postActivity("/insights", fields + [("previewed", Tokens.hash(text))]).status == .seeOther)

            let api = try await APIClient.forUser(app, f.admin)
            for path in ["themes/\(w.parks.uuidString)", "places/\(w.quayside.uuidString)"] {
                let res = try await api.send(.DELETE, "/api/v1/" + path)
                #expect(res.status == .conflict, "\(path): \(res.status)")
                #expect(res.body.string.contains("is used by 1 insight;"), "\(path): \(res.body.string)")
            }
            let theme = try await Theme.find(w.parks, on: app.db)
            let place = try await Place.find(w.quayside, on: app.db)
            #expect(theme != nil && place != nil, "nothing was deleted")
            let admin = try await Browser.signedIn(app, f.admin)
            try await admin.get("/admin/themes/\(w.parks.uuidString)/edit")
            let page = try await admin.post("/admin/themes/\(w.parks.uuidString)/delete", [:])
            #expect(page.status == .badRequest && page.body.string.contains("Parks is used by 1 insight;"))
            // Every use is named: an activity on the same theme joins the list.
            try await officer.get("/activities/new")
            _ = try await officer.postActivity(
                "/activities",
                RegisterHTTPTests().activity(
                    w, title: "Canal walk", place: w.quayside, theme: w.parks, audience: nil, start: "2026-01-01", end: "2026-01-02"))
            let both = try await api.send(.DELETE, "/api/v1/themes/\(w.parks.uuidString)")
            #expect(both.body.string.contains("1 activity in the register and 1 insight;"), "\(both.body.string)")
        }
    }
}
