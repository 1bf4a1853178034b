import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore

/// Staff answering requests received offline, and helping residents without email; the personal data registry
/// covers every table that refers to a resident.
@Suite struct ResidentStaffHTTPTests {
    @Test func aRequestGetsItsStatutoryDeadlineAndStaffActForAResidentWithoutEmail() async throws {
        try await TestApp.run { app, f in
            let admin = Browser(app)
            _ = try await admin.signIn(f.admin)
            _ = try await admin.get(SiteURL.Residents.staffList)
            let bad = try await admin.post(SiteURL.Residents.staffList, ["name": "", "email": "nope"])
            #expect(bad.status.code == 400 && bad.body.string.contains("href=\"#f-name\"") && bad.body.string.contains("href=\"#f-email\""))
            let made = try await admin.post(SiteURL.Residents.staffList, ["name": "Mrs \"O'Neil\" <x>", "phone": "01632 960000", "language": "ur"])
            #expect(made.status == .seeOther)
            let r = try #require(try await Resident.query(on: app.db).filter(\.$assisted == true).first())
            #expect(r.email == nil && r.$registeredBy.id != nil)
            let page = try await admin.get(SiteURL.Residents.staffResident(r.id!))
            #expect(page.body.string.contains(r.reference) && page.body.string.contains("&lt;x&gt;"))

            // A consent given by phone, recorded by staff: the Urdu wording, both names in the audit log.
            let web = try await admin.post(SiteURL.Residents.staffConsent(r.id!), ["purpose": "equality_monitoring", "channel": "web"])
            #expect(web.status.code == 400 && web.body.string.contains("href=\"#f-channel\""))
            _ = try await admin.post(SiteURL.Residents.staffConsent(r.id!), ["purpose": "equality_monitoring", "channel": "phone", "language": "ur"])
            let consent = try #require(try await ConsentRecord.query(on: app.db).filter(\.$channel == "phone").first())
            #expect(consent.channel == "phone" && consent.recordedByName == "Ada Admin (Test Council)" && consent.language == "ur")
            #expect(consent.wording == Catalogue.text("consent.equality_monitoring.v1", .urdu))
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$label ~~ "consent recorded").first())
            #expect(audit.actorName.contains("Ada Admin") && audit.actorName.contains(r.reference))

            // Equality answers from a paper form, with the consent given on it.
            let noChannel = try await admin.post(SiteURL.Residents.staffEquality(r.id!), ["sex": "female", "consent": "yes"])
            #expect(noChannel.status.code == 400 && noChannel.body.string.contains("href=\"#f-equality-channel\""))
            _ = try await admin.post(SiteURL.Residents.staffEquality(r.id!), ["sex": "female", "consent": "yes", "channel": "paper"])
            #expect(try await ResidentAccountService.equality(r.id!, app.db) == ["sex": "female"])
            #expect(
                try await ConsentRecord.query(on: app.db).filter(\.$purpose == "equality_monitoring").count() == 1,
                "the consent they gave by phone still stands; it is not recorded twice")

            // A subject access request by letter: due one calendar month on, moved off a weekend or bank holiday.
            _ = try await admin.get(SiteURL.Residents.requests)
            let nonsense = try await admin.post(
                SiteURL.Residents.requests, ["kind": "access", "requester": "", "who": "what", "received": "2026-13-01"])
            #expect(nonsense.status.code == 400)
            for field in ["requester", "who", "received"] { #expect(nonsense.body.string.contains("href=\"#f-\(field)\"")) }
            let recorded = try await admin.post(
                SiteURL.Residents.requests,
                ["kind": "access", "requester": "Mrs O'Neil, by letter", "who": r.reference.lowercased(), "received": "2026-01-31"])
            #expect(recorded.status == .seeOther)
            let request = try #require(try await DataRequest.query(on: app.db).first())
            #expect(request.$resident.id == r.id && Day(ordinal: request.dueDay) == DataRequestDeadline.due(received: Day(iso: "2026-01-31")!))
            let list = try await admin.get(SiteURL.Residents.requests)
            #expect(list.body.string.contains("Overdue"), "received last January, not closed")

            let download = try await admin.get(SiteURL.Residents.staffDownload(r.id!))
            let files = Residents.unzip(Array(download.body.readableBytesView))
            let json = String(decoding: try #require(files["my-data/data.json"]), as: UTF8.self)
            #expect(json.contains("01632 960000") && json.contains("equality_monitoring") && json.contains("access"))

            _ = try await admin.get(SiteURL.Residents.request(request.id!))
            let closeEmpty = try await admin.post(SiteURL.Residents.request(request.id!), ["outcome": ""])
            #expect(closeEmpty.status.code == 400)
            _ = try await admin.post(SiteURL.Residents.request(request.id!), ["outcome": "Sent their data by post"])
            #expect(try await DataRequest.find(request.id, on: app.db)?.closedAt != nil)

            // Erasure by staff: the resident goes; the request stays as evidence, without who asked.
            _ = try await admin.get(SiteURL.Residents.staffResident(r.id!))
            _ = try await admin.post(SiteURL.Residents.staffErase(r.id!), ["confirm": "yes"])
            #expect(try await Resident.find(r.id, on: app.db) == nil)
            let kept = try #require(try await DataRequest.find(request.id, on: app.db))
            #expect(kept.requester == "(erased)" && kept.$resident.id == nil && kept.closedAt != nil)

            // None of this is for anyone but partnership admins.
            let officer = Browser(app)
            _ = try await officer.signIn(f.officer)
            for path in [SiteURL.Residents.staffList, SiteURL.Residents.requests, SiteURL.Residents.request(request.id!)] {
                #expect(try await officer.get(path).status.code == 403)
            }
        }
    }

    /// Every table with a column that refers to a resident (their account or their email address) is declared by
    /// some feature's personal data registry, or is listed here with the reason it holds no resident's data.
    @Test func everyTableThatRefersToAResidentIsInTheRegistry() async throws {
        let notResidents: [String: String] = [
            "people": "staff accounts", "organisations": "organisations' contact addresses", "invitations": "staff invitations",
            "sign_in_failures": "staff sign-in attempts",
            "directory_entries":
                "community groups', venues' and connectors' contact details, kept by partners with the connector's consent (docs/directory.md), not residents' accounts",
        ]
        try await TestApp.run { app, _ in
            let columns = try await columnsByTable(app)
            let personal: Set<String> = ["resident_id", "email", "contact_email", "to_address"]
            let referring = columns.filter { !$0.value.isDisjoint(with: personal) }.map(\.key)
            #expect(referring.contains("residents") == false || PersonalDataRegistry.tables.contains("residents"))
            for table in referring where notResidents[table] == nil {
                #expect(
                    PersonalDataRegistry.tables.contains(table),
                    "\(table) refers to residents but no feature declares it (ChorusFeature.personalData)")
            }
            for table in PersonalDataRegistry.tables { #expect(columns[table] != nil, "\(table) is declared but does not exist") }
            #expect(referring.count >= 8)
        }
    }

    /// Each table's column names, on SQLite or PostgreSQL.
    func columnsByTable(_ app: Application) async throws -> [String: Set<String>] {
        let sql = try #require(app.db as? any SQLDatabase)
        struct Row: Decodable { let t: String; let c: String }
        let rows: [Row]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw(
                "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '%_fts%'"
            ).all(decoding: Row.self)
        } else {
            rows = try await sql.raw(
                "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema()"
            ).all(decoding: Row.self)
        }
        return Dictionary(grouping: rows, by: \.t).mapValues { Set($0.map(\.c)) }
    }
}
