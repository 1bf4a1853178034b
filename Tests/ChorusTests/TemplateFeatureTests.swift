import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// `Features/_Template` is what a new feature area copies; registered here on a test server (it is not in
/// `Features.all`), it must keep working against the current contract: routes, page, form errors, API, audit, wall.
@Suite struct TemplateFeatureTests {
    func withTemplate(_ body: (Application, Fixture) async throws -> Void) async throws {
        try await TestApp.run { app, f in
            Features.register(app, [TemplateFeature.self])
            for m in TemplateFeature.migrations { app.migrations.add(m) }
            try await app.autoMigrate()
            try await body(app, f)
        }
    }

    @Test func aNoteIsAddedThroughTheFormAndTheAPIAndStaysWithItsOrganisation() async throws {
        try await withTemplate { app, f in
            let officer = try await Browser.signedIn(app, f.officer)
            try await officer.get(SiteURL.Template.list)
            let bad = try await officer.post(SiteURL.Template.list, ["title": "", "text": "x"])
            #expect(bad.status == .badRequest && bad.body.string.contains("#f-title"), "the empty title is named")
            #expect(try await TemplateNote.query(on: app.db).count() == 0)
            let saved = try await officer.post(SiteURL.Template.list, ["title": #"Hall "booked" <soon>"#, "text": "Line one\nLine two"])
            #expect(saved.status == .seeOther)
            let page = try await officer.get(try #require(saved.headers.first(name: .location)))
            #expect(page.body.string.contains("Hall \"booked\" &lt;soon&gt;"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == TemplateService.entity).count() == 1)

            let api = try await APIClient.forUser(app, f.officer)
            #expect(try await api.send(.POST, "/api/v1/template-notes", json: #"{"title":"From the API","text":"ok"}"#).status == .created)
            #expect(try await api.send(.POST, "/api/v1/template-notes", json: #"{"text":"no title"}"#).status == .badRequest)
            let list = try api.object(try await api.send(.GET, "/api/v1/template-notes"))
            #expect((list["items"] as? [[String: Any]])?.count == 2)

            // Another organisation sees none of them, by page, link or API.
            let nhs = try await Browser.signedIn(app, f.viewer)
            #expect(try await nhs.get(SiteURL.Template.list).body.string.contains("No notes yet."))
            let id = try #require(try await TemplateNote.query(on: app.db).first()).id!
            #expect(try await nhs.get(SiteURL.Template.note(id)).status == .notFound)
            let nhsAPI = try await APIClient.forUser(app, f.viewer)
            #expect((try nhsAPI.object(try await nhsAPI.send(.GET, "/api/v1/template-notes"))["items"] as? [Any])?.isEmpty == true)
            // Its organisation cannot be deleted while it has notes (the usage registry asks every feature).
            #expect(try await UsageRegistry.blocker("Test Council", .organisation, f.councilID, usages: TemplateFeature.usages, on: app.db) != nil)
        }
    }

    @Test func itsPageRendersFromItsModelAlone() {
        let id = UUID(uuidString: "00000000-0000-4000-8000-000000000002")!
        let ctx = PageContext(language: .english, csrfToken: "token", path: SiteURL.Template.list, user: nil)
        let page = TemplateViews.list(TemplatePages.List(notes: [.init(id: id, title: "Hall booking", text: "Tuesday")]), ctx)
        Snapshot.check(page.render(ctx), "template-list")
    }
}
