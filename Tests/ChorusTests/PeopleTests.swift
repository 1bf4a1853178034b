import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct PeopleTests {
    @Test func adminInvitesAPersonWhoChoosesAPasswordAndSignsIn() async throws {
        try await TestApp.run { app, f in
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/admin/people/new")
            let created = try await admin.post(
                "/admin/people",
                [
                    "name": "Nia New", "email": "Nia@Council.test", "role": "officer",
                    "organisation_id": f.councilID.uuidString,
                ])
            #expect(created.status == .seeOther)
            let person = try #require(try await Person.query(on: app.db).filter(\.$email == "nia@council.test").first())
            #expect(person.passwordHash == nil && person.active)
            try await admin.get(created.headers.first(name: .location)!)
            let invite = try await admin.post("/admin/people/\(person.id!.uuidString)/invitation", [:])
            let html = invite.body.string
            let start = try #require(html.range(of: "/invitation/"))
            let token = String(html[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })

            let nia = Browser(app)
            try await nia.get("/invitation/\(token)")
            let short = try await nia.post("/invitation/\(token)", ["password": "short", "confirm": "short"])
            #expect(short.status == .badRequest && short.body.string.contains("at least 12 characters"))
            let ok = try await nia.post("/invitation/\(token)", ["password": "a long enough passphrase", "confirm": "a long enough passphrase"])
            #expect(ok.status == .seeOther)
            #expect(try await nia.get("/").body.string.contains("Signed in as <bdi>Nia New</bdi> of <bdi>Test Council</bdi>"))
            // The link works once.
            #expect(try await Browser(app).get("/invitation/\(token)").status == .notFound)
            #expect(try await Browser(app).signIn("nia@council.test", password: "a long enough passphrase").status == .seeOther)
        }
    }

    @Test func peopleCannotBeDeletedAndTheLastAdminIsProtected() async throws {
        try await TestApp.run { app, f in
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            let me = try await Person.query(on: app.db).filter(\.$email == f.admin).first()!
            try await admin.get("/admin/people/\(me.id!.uuidString)/edit")
            #expect(try await admin.post("/admin/people/\(me.id!.uuidString)/delete", [:]).status == .notFound)
            let demote = try await admin.post(
                "/admin/people/\(me.id!.uuidString)",
                ["name": "Ada Admin", "email": f.admin, "role": "viewer", "organisation_id": f.councilID.uuidString])
            #expect(demote.status == .badRequest && demote.body.string.contains("only active partnership admin"))
            let deactivate = try await admin.post("/admin/people/\(me.id!.uuidString)/deactivate", [:])
            #expect(deactivate.status == .badRequest && deactivate.body.string.contains("cannot deactivate your own account"))
            let dup = try await admin.post(
                "/admin/people", ["name": "X", "email": f.officer, "role": "officer", "organisation_id": f.councilID.uuidString])
            #expect(dup.status == .badRequest && dup.body.string.contains("already has the email address"))
        }
    }

    @Test func deactivationRevokesAPITokensForGoodAndStaffListsAreAdminOnly() async throws {
        try await TestApp.run { app, f in
            let officerAPI = try await APIClient.forUser(app, f.officer)
            #expect(try await officerAPI.send(.GET, "/api/v1/me").status == .ok)
            #expect(try await officerAPI.send(.GET, "/api/v1/people").status == .forbidden, "staff emails are for admins")
            let adminAPI = try await APIClient.forUser(app, f.admin)
            #expect(try await adminAPI.send(.GET, "/api/v1/people").status == .ok)
            let officer = try await Person.query(on: app.db).filter(\.$email == f.officer).first()!
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            try await admin.get("/admin/people/\(officer.id!.uuidString)/edit")
            try await admin.post("/admin/people/\(officer.id!.uuidString)/deactivate", [:])
            #expect(try await officerAPI.send(.GET, "/api/v1/me").status == .unauthorized)
            try await admin.get("/admin/people/\(officer.id!.uuidString)/edit")
            try await admin.post("/admin/people/\(officer.id!.uuidString)/reactivate", [:])
            #expect(try await officerAPI.send(.GET, "/api/v1/me").status == .unauthorized, "old tokens stay revoked")
        }
    }

    @Test func peopleListFiltersByRoleOrganisationAndStatus() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            let nhs = try await b.get("/admin/people?organisation_id=\(f.nhsID.uuidString)").body.string
            #expect(nhs.contains("Vera Viewer") && !nhs.contains("Oscar Officer"))
            let officers = try await b.get("/admin/people?role=officer").body.string
            #expect(officers.contains("Oscar Officer") && !officers.contains("Vera Viewer"))
        }
    }
}
