import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// An activity and the directory through HTTP: the officer who runs it adds a suggested group as a partner (from the
/// activity's page and from the plan's advisor summary), names its venue, and residents see the venue's access facts
/// on the public page; another partner cannot change either; a venue is not a partner group; the overlap warning names
/// the groups already running something like it. Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryActivityHTTPTests {
    typealias D = DirectoryHTTPTests

    struct Setting {
        let world: D.World
        let activity: UUID
        let elders: UUID
        let parksGroup: UUID
        let hall: UUID
    }

    /// A public activity in Harbour on parks for older people, a group reaching older people there, a parks group there
    /// (already running something like it), and a step-free hall in Harbour.
    static func setting(_ app: Application, _ f: Fixture, _ officer: Browser) async throws -> Setting {
        let w = try await D.world(app)
        func added(_ kind: DirectoryKind, _ pairs: [(String, String)]) async throws -> UUID {
            let r = try await D.add(officer, kind, pairs)
            #expect(r.status == .seeOther, "\(kind) added")
            let location = try #require(r.headers.first(name: .location)?.split(separator: "?").first)
            return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        }
        let elders = try await added(
            .group,
            [
                ("name", "Harbour Elders"), ("summary", "Tea and talk"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                ("audience_ids", w.audience.uuidString), ("open_to_partnering", "true"),
            ])
        let parks = try await added(
            .group,
            [
                ("name", "Friends of Harbour Park"), ("summary", "Park walks and surveys"), ("category", "residents_association"),
                ("place_ids", w.harbour.uuidString), ("theme_ids", w.theme.uuidString),
            ])
        let hall = try await added(
            .venue,
            [
                ("name", "Harbour Hall"), ("summary", "A hall"), ("address", "1 Dock Street"), ("postcode", "HS1 2AB"),
                ("facts", "step_free_entrance"), ("facts", "hearing_loop"),
            ])
        let a = Activity()
        a.title = "Older people and parks"; a.purpose = "p"; a.$organisation.id = f.councilID; a.status = ActivityStatus.open.rawValue
        a.ladderLevel = "consult"; a.startDay = Day(Date()).ordinal; a.boroughWide = false; a.isPublic = true; a.methods = ",drop_in,"
        a.publicSummary = "Tell us about the park"
        try await a.create(on: app.db)
        try await ActivityPlace(activity: a.id!, place: w.harbour).create(on: app.db)
        try await ActivityTheme(activity: a.id!, theme: w.theme).create(on: app.db)
        try await ActivityAudience(activity: a.id!, audience: w.audience).create(on: app.db)
        return Setting(world: w, activity: a.id!, elders: elders, parksGroup: parks, hall: hall)
    }

    static func section(_ page: String, id: String) -> String {
        guard let start = page.range(of: "id=\"\(id)\"") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</ul>")?.upperBound ?? rest.endIndex)])
    }

    @Test func theOfficerAddsASuggestedGroupAsAPartnerAndNamesTheVenueResidentsSeeItsAccess() async throws {
        try await TestApp.run { app, f in
            let officer = try await D.staff(app, f.officer)
            let s = try await Self.setting(app, f, officer)
            var page = try await officer.get(SiteURL.Register.show(s.activity)).body.string
            #expect(Self.section(page, id: "directory-suggestions").contains("Harbour Elders"))
            #expect(page.contains("Add Harbour Elders as a partner group"))
            // The overlap warning names the parks group already running something like it here.
            #expect(Self.section(page, id: "directory-already-running").contains("Friends of Harbour Park"))

            let added = try await officer.post(
                SiteURL.Directory.activityPartners(s.activity), pairs: [("entry_id", s.elders.uuidString), ("back", "activity")])
            #expect(added.status == .seeOther)
            #expect(added.headers.first(name: .location) == SiteURL.Register.show(s.activity) + "#directory-panel")
            // Twice is once.
            _ = try await officer.post(SiteURL.Directory.activityPartners(s.activity), pairs: [("entry_id", s.elders.uuidString)])
            #expect(try await DirectoryActivityLink.query(on: app.db).filter(\.$role == "partner").count() == 1)
            page = try await officer.get(SiteURL.Register.show(s.activity)).body.string
            #expect(Self.section(page, id: "directory-partners").contains("Harbour Elders"))
            #expect(!Self.section(page, id: "directory-suggestions").contains("Harbour Elders"), "a partner is no longer suggested")

            let venue = try await officer.post(SiteURL.Directory.activityVenue(s.activity), pairs: [("venue_id", s.hall.uuidString)])
            #expect(venue.status == .seeOther)
            let history = try await AuditEvent.query(on: app.db).filter(\.$entityID == s.activity).all()
            #expect(history.contains { $0.after?.contains("Harbour Elders") == true })
            #expect(history.contains { $0.after?.contains("Harbour Hall") == true })

            // A resident sees where it is held and its access facts, in English and in Urdu, without signing in.
            let resident = Browser(app)
            let publicPage = try await resident.get(SiteURL.Register.publicActivity(s.activity)).body.string
            let venueSection = try #require(publicPage.range(of: "id=\"venue\"")).upperBound
            let shown = String(publicPage[venueSection...])
            #expect(shown.contains("Harbour Hall") && shown.contains("1 Dock Street, HS1 2AB"))
            #expect(shown.contains("Step-free entrance") && shown.contains("Hearing loop"))
            _ = try await resident.get(SiteURL.language("ur", back: "/"))
            let urdu = try await resident.get(SiteURL.Register.publicActivity(s.activity)).body.string
            #expect(urdu.contains("جگہ اور رسائی"))

            // Clearing the venue; removing the partner.
            _ = try await officer.post(SiteURL.Directory.activityVenue(s.activity), pairs: [("venue_id", "")])
            #expect(!(try await resident.get(SiteURL.Register.publicActivity(s.activity)).body.string.contains("Harbour Hall")))
            _ = try await officer.post(SiteURL.Directory.activityPartnerRemove(s.activity, s.elders), pairs: [])
            #expect(try await DirectoryActivityLink.query(on: app.db).count() == 0)
        }
    }

    @Test func onlyTheActivitysEditorsChangeItAndAVenueIsNotAPartnerGroup() async throws {
        try await TestApp.run { app, f in
            let officer = try await D.staff(app, f.officer)
            let s = try await Self.setting(app, f, officer)
            let nhs = try await D.staff(app, try await D.nhsOfficer(app, f))
            let page = try await nhs.get(SiteURL.Register.show(s.activity)).body.string
            #expect(page.contains("Harbour Elders") && !page.contains("as a partner group"), "another partner sees suggestions, not the buttons")
            _ = try await nhs.get(SiteURL.Register.show(s.activity))
            #expect(
                try await nhs.post(SiteURL.Directory.activityPartners(s.activity), pairs: [("entry_id", s.elders.uuidString)]).status == .forbidden)
            #expect(try await nhs.post(SiteURL.Directory.activityVenue(s.activity), pairs: [("venue_id", s.hall.uuidString)]).status == .forbidden)
            #expect(try await DirectoryActivityLink.query(on: app.db).count() == 0)

            let venueAsPartner = try await officer.post(SiteURL.Directory.activityPartners(s.activity), pairs: [("entry_id", s.hall.uuidString)])
            #expect(venueAsPartner.status == .badRequest)
            #expect(venueAsPartner.body.string.contains("a venue is where the activity is held"))
            let groupAsVenue = try await officer.post(SiteURL.Directory.activityVenue(s.activity), pairs: [("venue_id", s.elders.uuidString)])
            #expect(groupAsVenue.status == .badRequest && groupAsVenue.body.string.contains("Choose a venue from the list"))
            let nonsense = try await officer.post(SiteURL.Directory.activityVenue(s.activity), pairs: [("venue_id", "\"'<>")])
            #expect(nonsense.status == .badRequest && !nonsense.body.string.contains("\"'<>"))
            #expect(
                try await officer.post(SiteURL.Directory.activityPartners(UUID()), pairs: [("entry_id", s.elders.uuidString)]).status == .notFound)
            #expect(try await DirectoryActivityLink.query(on: app.db).count() == 0)
        }
    }

    @Test func thePlansAdvisorSummarySuggestsGroupsAndReturnsThereAfterAdding() async throws {
        try await TestApp.run { app, f in
            let officer = try await D.staff(app, f.officer)
            let s = try await Self.setting(app, f, officer)
            let summary = try await officer.get(SiteURL.Plan.summary(s.activity)).body.string
            #expect(Self.section(summary, id: "directory-suggestions").contains("Harbour Elders"))
            #expect(summary.contains("name=\"back\" type=\"hidden\" value=\"plan\""))
            let added = try await officer.post(
                SiteURL.Directory.activityPartners(s.activity), pairs: [("entry_id", s.elders.uuidString), ("back", "plan")])
            #expect(added.headers.first(name: .location) == SiteURL.Plan.summary(s.activity) + "#directory-panel")
            #expect(
                Self.section(try await officer.get(SiteURL.Plan.summary(s.activity)).body.string, id: "directory-partners").contains("Harbour Elders")
            )
        }
    }
}
