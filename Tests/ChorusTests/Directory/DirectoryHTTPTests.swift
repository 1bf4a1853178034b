import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// The directory through HTTP as officers, another partner's staff and residents use it: entries added through the
/// forms (bad input named, nothing saved), hostile text escaped in pages and inert in CSV; a venue's ward found from its
/// postcode and a resident finding a step-free venue near their postcode; connectors' contact details only as they
/// agreed; only the keeping organisation changes an entry; the Open Referral UK endpoints checked against the
/// standard's rules (`ORUKConformance`); and a feed import that reports bad records and saves nothing unless asked.
/// Run on SQLite and, with DATABASE_URL, PostgreSQL.
@Suite(.serialized) struct DirectoryHTTPTests {
    static let hostile = "=SUM(A1) Ann \"'<>"

    struct World {
        let harbour: UUID
        let quay: UUID
        let theme: UUID
        let audience: UUID
    }

    static func world(_ app: Application) async throws -> World {
        func ward(_ code: String, _ name: String, _ districts: String) async throws -> UUID {
            let p = Place()
            p.code = code; p.name = name; p.kind = PlaceKind.ward.rawValue; p.postcodeDistricts = districts; p.population = 10_000
            try await p.create(on: app.db)
            return p.id!
        }
        let borough = Place()
        borough.code = "E09000099"; borough.name = "Harbourside"; borough.kind = PlaceKind.localAuthority.rawValue
        try await borough.create(on: app.db)
        let t = Theme()
        t.name = "Parks"
        try await t.create(on: app.db)
        let a = Audience()
        a.name = "Older people"; a.kind = AudienceKind.identity.rawValue
        try await a.create(on: app.db)
        return World(
            harbour: try await ward("E05009999", "Harbour", "HS1"), quay: try await ward("E05009998", "Quay", "HS2"), theme: t.id!, audience: a.id!)
    }

    static func staff(_ app: Application, _ email: String) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        _ = try await b.get(SiteURL.Directory.list)
        return b
    }

    /// An officer of the NHS trust (the fixture's NHS person is a viewer).
    static func nhsOfficer(_ app: Application, _ f: Fixture) async throws -> String {
        let p = Person()
        p.name = "Nia NHS"; p.email = "officer@nhs.test"; p.role = Role.officer.rawValue; p.$organisation.id = f.nhsID; p.active = true
        p.passwordHash = try Bcrypt.hash(TestApp.password, cost: 4)
        try await p.create(on: app.db)
        return p.email
    }

    @discardableResult
    static func add(_ b: Browser, _ kind: DirectoryKind, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        _ = try await b.get(SiteURL.Directory.new(kind))
        return try await b.post(SiteURL.Directory.new(kind), pairs: pairs)
    }

    @Test func badInputIsNamedNothingIsSavedAndHostileTextIsEscapedInPagesAndInertInCSV() async throws {
        try await TestApp.run { app, f in
            let w = try await Self.world(app)
            let officer = try await Self.staff(app, f.officer)
            let bad = try await Self.add(
                officer, .group,
                [
                    ("name", ""), ("summary", ""), ("category", "secret_society"), ("website", "javascript:alert(1)"), ("email", "not-an-email"),
                    ("phone", "call me"), ("assured_on", "2999-01-01"), ("place_ids", "not-a-uuid"),
                ])
            #expect(bad.status == .badRequest)
            for field in ["name", "summary", "category", "website", "email", "phone", "assured_on", "place_ids"] {
                #expect(bad.body.string.contains("href=\"#\(Form.fieldID(field))\""), "\(field) is named in the error summary")
            }
            #expect(try await DirectoryEntry.query(on: app.db).count() == 0)
            // No wards and not borough-wide: named.
            let noWard = try await Self.add(officer, .group, [("name", "Group"), ("summary", "What"), ("category", "charity")])
            #expect(noWard.status == .badRequest && noWard.body.string.contains("Choose at least one ward"))
            #expect(try await DirectoryLink.query(on: app.db).count() == 0)

            let made = try await Self.add(
                officer, .group,
                [
                    ("name", Self.hostile), ("summary", "Line one\r\n\(Self.hostile)"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                    ("theme_ids", w.theme.uuidString), ("languages", "urdu, Punjabi"), ("website", "https://example.org/?a=1&b=2"),
                    ("open_to_partnering", "true"),
                ])
            #expect(made.status == .seeOther, "\(made.body.string.prefix(800))")
            let entry = try #require(try await DirectoryEntry.query(on: app.db).first())
            #expect(entry.languages == ",Urdu,Punjabi,")
            let page = try await officer.get(SiteURL.Directory.entry(entry.id!)).body.string
            #expect(!page.contains(Self.hostile))
            #expect(page.contains("=SUM(A1) Ann \"'&lt;&gt;") || page.contains("=SUM(A1) Ann &quot;&#39;&lt;&gt;"))
            let list = try await officer.get(SiteURL.Directory.list + "?q=SUM").body.string
            #expect(list.contains(SiteURL.Directory.entry(entry.id!)))
            let csv = try await officer.get(SiteURL.Directory.csv)
            #expect(csv.headers.contentType?.description.contains("text/csv") == true)
            let rows = try CSV.parse(csv.body.string)
            #expect(rows[0] == DirectoryCSV.header)
            #expect(rows[1][2] == "'" + Self.hostile, "a formula is neutralised, the text kept")
            #expect(rows[1][7] == "Harbour" && rows[1][10] == "Urdu; Punjabi")
            // The audit trail holds the text as typed, shown escaped.
            let audit = try await Browser.signedIn(app, f.admin).get(SiteURL.auditEntity(DirectoryService.entity, entry.id!)).body.string
            #expect(!audit.contains(Self.hostile))
            #expect(audit.contains("=SUM(A1) Ann \"'&lt;&gt;") || audit.contains("=SUM(A1) Ann &quot;&#39;&lt;&gt;"))
        }
    }

    @Test func aVenuesWardComesFromItsPostcodeAndAResidentFindsAStepFreeVenueNearThem() async throws {
        try await TestApp.run { app, f in
            let w = try await Self.world(app)
            let officer = try await Self.staff(app, f.officer)
            let step = try await Self.add(
                officer, .venue,
                [
                    ("name", "Harbour Hall"), ("summary", "A big hall"), ("address", "1 Dock Street"), ("postcode", "hs1 2ab"),
                    ("facts", "step_free_entrance"), ("facts", "hearing_loop"), ("capacity", "120"),
                ])
            #expect(step.status == .seeOther, "\(step.body.string.prefix(800))")
            try await Self.add(officer, .venue, [("name", "Stairs Hut"), ("summary", "Up the steps"), ("postcode", "HS1 3CD"), ("facts", "parking")])
            try await Self.add(
                officer, .venue, [("name", "Quay Room"), ("summary", "Elsewhere"), ("postcode", "HS2 1AA"), ("facts", "step_free_entrance")])
            let hall = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Harbour Hall").first())
            #expect(hall.postcode == "HS1 2AB")
            #expect(try await DirectoryQueries.linked(.place, w.harbour, app.db).contains(hall.id!))
            // A postcode outside the borough, no ward chosen: named.
            let away = try await Self.add(officer, .venue, [("name", "Far"), ("summary", "x"), ("postcode", "ZZ9 9ZZ")])
            #expect(away.status == .badRequest && away.body.string.contains("href=\"#f-place-ids\""))
            let bogus = try await Self.add(officer, .venue, [("name", "Far"), ("summary", "x"), ("postcode", "12345"), ("facts", "lift")])
            #expect(bogus.body.string.contains("href=\"#f-postcode\"") && bogus.body.string.contains("href=\"#f-facts\""))

            let resident = Browser(app)
            let finder = try await resident.get(SiteURL.Directory.finder + "?postcode=HS1+9ZZ&fact=step_free_entrance").body.string
            #expect(finder.contains("Harbour Hall") && !finder.contains("Stairs Hut") && !finder.contains("Quay Room"))
            #expect(finder.contains("Step-free entrance"))
            let all = try await resident.get(SiteURL.Directory.finder + "?ward=E05009999").body.string
            #expect(all.contains("Harbour Hall") && all.contains("Stairs Hut"))
            let urdu = Browser(app)
            urdu.cookies[Request.languageCookie] = "ur"
            let inUrdu = try await urdu.get(SiteURL.Directory.finder + "?ward=E05009999&fact=step_free_entrance").body.string
            #expect(inUrdu.contains("سیڑھیوں کے بغیر داخلہ") && inUrdu.contains("Harbour Hall"))
            let shown = try await resident.get(SiteURL.Directory.publicEntry(hall.id!))
            #expect(shown.status == .ok && shown.body.string.contains("Hearing loop") && shown.body.string.contains("1 Dock Street, HS1 2AB"))
            let badPostcode = try await resident.get(SiteURL.Directory.finder + "?postcode=nonsense")
            #expect(badPostcode.status == .badRequest && badPostcode.body.string.contains("href=\"#f-postcode\""))
        }
    }

    @Test func connectorsContactDetailsAreShownOnlyAsTheyAgreedAndOnlyTheKeepingOrganisationChangesAnEntry() async throws {
        try await TestApp.run { app, f in
            let w = try await Self.world(app)
            let officer = try await Self.staff(app, f.officer)
            let noConsent = try await Self.add(
                officer, .connector,
                [("name", "Pat"), ("summary", "Connects"), ("category", "social_prescriber"), ("place_ids", w.harbour.uuidString)])
            #expect(noConsent.status == .badRequest && noConsent.body.string.contains("href=\"#f-consent-on\""))
            for (name, sharing) in [("Private Pat", "own_organisation"), ("Public Priya", "residents")] {
                let r = try await Self.add(
                    officer, .connector,
                    [
                        ("name", name), ("summary", "Connects older people"), ("category", "social_prescriber"), ("place_ids", w.harbour.uuidString),
                        ("audience_ids", w.audience.uuidString), ("email", "\(name.split(separator: " ")[1].lowercased())@connect.test"),
                        ("phone", "07700 900123"), ("contact_sharing", sharing), ("consent_on", Day(Date()).adding(days: -3).description),
                    ])
                #expect(r.status == .seeOther, "\(r.body.string.prefix(600))")
            }
            let pat = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Private Pat").first())
            let priya = try #require(try await DirectoryEntry.query(on: app.db).filter(\.$name == "Public Priya").first())
            // Their own organisation sees the contact details.
            #expect(try await officer.get(SiteURL.Directory.entry(pat.id!)).body.string.contains("pat@connect.test"))
            // Another partner's staff see the connector, not their contact details, in the page and the CSV.
            let nhs = try await Self.staff(app, try await Self.nhsOfficer(app, f))
            let seen = try await nhs.get(SiteURL.Directory.entry(pat.id!)).body.string
            #expect(seen.contains("Private Pat") && !seen.contains("pat@connect.test") && !seen.contains("07700"))
            #expect(seen.contains("shares their contact details with them only"))
            let csv = try await nhs.get(SiteURL.Directory.csv + "?kind=connector").body.string
            #expect(csv.contains("Private Pat") && !csv.contains("pat@connect.test") && csv.contains("priya@connect.test"))
            // Residents: only the connector who agreed to be listed for them.
            let resident = Browser(app)
            #expect(try await resident.get(SiteURL.Directory.publicEntry(pat.id!)).status == .notFound)
            #expect(try await resident.get(SiteURL.Directory.publicEntry(priya.id!)).body.string.contains("priya@connect.test"))
            let finder = try await resident.get(SiteURL.Directory.finder + "?ward=E05009999").body.string
            #expect(finder.contains("Public Priya") && !finder.contains("Private Pat"))
            // Connectors are never in the Open Referral feed.
            let feed = try await resident.get(SiteURL.Directory.orukServices).body.string
            #expect(!feed.contains("Priya") && !feed.contains("Pat"))

            // Another partner's officer cannot change, check or remove the council's entry; nothing changes.
            _ = try await nhs.get(SiteURL.Directory.entry(pat.id!))
            #expect(try await nhs.get(SiteURL.Directory.edit(pat.id!)).status == .forbidden)
            #expect(try await nhs.post(SiteURL.Directory.entry(pat.id!), ["name": "Taken over", "summary": "x"]).status == .forbidden)
            #expect(try await nhs.post(SiteURL.Directory.assure(pat.id!), [:]).status == .forbidden)
            #expect(try await nhs.post(SiteURL.Directory.delete(pat.id!), [:]).status == .forbidden)
            #expect(try await DirectoryEntry.find(pat.id!, on: app.db)?.name == "Private Pat")
            // Nor can they add one kept by the council.
            let sneaky = try await Self.add(
                nhs, .group,
                [
                    ("name", "G"), ("summary", "S"), ("category", "charity"), ("borough_wide", "true"),
                    ("owner_organisation_id", f.councilID.uuidString),
                ])
            #expect(sneaky.status == .badRequest && sneaky.body.string.contains("href=\"#f-owner-organisation-id\""))
            // A viewer adds nothing.
            #expect(try await Self.staff(app, f.viewer).get(SiteURL.Directory.new(.group)).status == .forbidden)

            // The keeper checks it: assured today, in the audit trail; then removes it.
            #expect(try await officer.post(SiteURL.Directory.assure(pat.id!), [:]).status == .seeOther)
            #expect(try await DirectoryEntry.find(pat.id!, on: app.db)?.assuredDay == Day(Date()).ordinal)
            _ = try await officer.get(SiteURL.Directory.entry(pat.id!))
            #expect(try await officer.post(SiteURL.Directory.delete(pat.id!), [:]).status == .seeOther)
            #expect(try await DirectoryEntry.find(pat.id!, on: app.db) == nil)
            #expect(try await DirectoryLink.query(on: app.db).filter(\.$entry.$id == pat.id!).count() == 0)
        }
    }

    @Test func staleEntriesAreFlaggedAndFiltered() async throws {
        try await TestApp.run { app, f in
            let w = try await Self.world(app)
            let officer = try await Self.staff(app, f.officer)
            let today = Day(Date())
            for (name, age) in [("Fresh", 10), ("Due", DirectoryFreshness.staleAfterDays - 5), ("Old", DirectoryFreshness.staleAfterDays + 40)] {
                try await Self.add(
                    officer, .group,
                    [
                        ("name", name), ("summary", "s"), ("category", "charity"), ("place_ids", w.quay.uuidString),
                        ("assured_on", today.adding(days: -age).description),
                    ])
            }
            let stale = try await officer.get(SiteURL.Directory.list + "?freshness=stale").body.string
            #expect(stale.contains(">Old<") && !stale.contains(">Fresh<") && !stale.contains(">Due<") && stale.contains("Out of date"))
            let due = try await officer.get(SiteURL.Directory.list + "?freshness=due_soon").body.string
            #expect(due.contains(">Due<") && !due.contains(">Old<") && due.contains("Due for a check"))
        }
    }

    @Test func anActivityPageSuggestsTheGroupsAndConnectorsWhoAlreadyReachItsPeople() async throws {
        try await TestApp.run { app, f in
            let w = try await Self.world(app)
            let officer = try await Self.staff(app, f.officer)
            try await Self.add(
                officer, .group,
                [
                    ("name", "Harbour Elders"), ("summary", "Tea and talk"), ("category", "charity"), ("place_ids", w.harbour.uuidString),
                    ("audience_ids", w.audience.uuidString), ("open_to_partnering", "true"),
                ])
            try await Self.add(
                officer, .group,
                [
                    ("name", "Quay Parks"), ("summary", "Parks"), ("category", "charity"), ("place_ids", w.quay.uuidString),
                    ("theme_ids", w.theme.uuidString),
                ])
            try await Self.add(
                officer, .connector,
                [
                    ("name", "Connie Connector"), ("summary", "Connects"), ("category", "community_connector"), ("borough_wide", "true"),
                    ("theme_ids", w.theme.uuidString), ("contact_sharing", "own_organisation"), ("email", "connie@connect.test"),
                    ("consent_on", Day(Date()).description),
                ])
            let a = Activity()
            a.title = "Older people and parks"; a.purpose = "p"; a.$organisation.id = f.councilID; a.status = ActivityStatus.planned.rawValue
            a.ladderLevel = "consult"; a.startDay = Day(Date()).ordinal; a.boroughWide = false; a.isPublic = false; a.methods = ",survey,"
            try await a.create(on: app.db)
            try await ActivityPlace(activity: a.id!, place: w.harbour).create(on: app.db)
            try await ActivityTheme(activity: a.id!, theme: w.theme).create(on: app.db)
            try await ActivityAudience(activity: a.id!, audience: w.audience).create(on: app.db)
            let nhs = try await Self.staff(app, try await Self.nhsOfficer(app, f))
            let page = try await nhs.get(SiteURL.Register.show(a.id!)).body.string
            let section = try #require(page.range(of: "id=\"directory-suggestions\"")).upperBound
            let shown = String(page[section...])
            // The ward group reaching its audience first, then the borough-wide connector on its theme; not the group elsewhere.
            let elders = try #require(shown.range(of: "Harbour Elders")), connie = try #require(shown.range(of: "Connie Connector"))
            #expect(elders.lowerBound < connie.lowerBound)
            #expect(!shown.contains("Quay Parks") && shown.contains("Open to partnering on engagement"))
            #expect(!page.contains("connie@connect.test"), "the connector's contact details stay with their organisation")
        }
    }
}
