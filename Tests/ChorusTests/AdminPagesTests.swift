import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct AdminPagesTests {
    @Test func adminCreatesEditsAndDeletesAPlaceAndEveryChangeIsAudited() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/new")
            let created = try await b.post("/admin/places", ["code": "e05099123", "name": "Quayside", "kind": "ward", "population": "11,240"])
            #expect(created.status == .seeOther)
            let place = try #require(try await Place.query(on: app.db).filter(\.$code == "E05099123").first())
            #expect(place.population == 11240)
            let list = try await b.get(created.headers.first(name: .location)!)
            #expect(list.body.string.contains("Saved: Quayside (E05099123)"))

            try await b.get("/admin/places/\(place.id!.uuidString)/edit")
            #expect(
                try await b.post(
                    "/admin/places/\(place.id!.uuidString)",
                    ["code": "E05099123", "name": "Quayside East", "kind": "ward", "population": "11240"]
                ).status == .seeOther)
            let update = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == "update").first())
            #expect(update.actorName == "Ada Admin (Test Council)")
            #expect(AuditService.changes(update) == [AuditService.Change(field: "name", before: "Quayside", after: "Quayside East")])

            try await b.get("/admin/places/\(place.id!.uuidString)/edit")
            #expect(try await b.post("/admin/places/\(place.id!.uuidString)/delete", [:]).status == .seeOther)
            #expect(try await Place.find(place.id, on: app.db) == nil)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$entity == "place").all().map(\.action).sorted() == ["create", "delete", "update"])
        }
    }

    @Test func badFormInputShowsAnErrorSummaryNamingEachFieldAndSavesNothing() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/new")
            let res = try await b.post("/admin/places", ["code": "E123", "name": "  ", "kind": "castle", "population": "many"])
            #expect(res.status == .badRequest)
            let html = res.body.string
            #expect(html.contains("There is a problem"))
            for (anchor, message) in [
                ("#f-code", "Enter a GSS-style code"), ("#f-name", "Enter name"), ("#f-kind", "Kind must be one of"),
                ("#f-population", "Population must be a whole number"),
            ] {
                #expect(html.contains("href=\"\(anchor)\""), "\(anchor)")
                #expect(html.contains(message), "\(message)")
            }
            #expect(html.contains("value=\"E123\""), "the form keeps what was typed")
            #expect(try await Place.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$entity == "place").count() == 0)
        }
    }

    @Test func duplicateCodesAndCyclesAreRefused() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/new")
            try await b.post("/admin/places", ["code": "E09000001", "name": "Borough", "kind": "local_authority"])
            let borough = try await Place.query(on: app.db).first()!
            try await b.post("/admin/places", ["code": "E05000001", "name": "Ward", "kind": "neighbourhood", "parent_id": borough.id!.uuidString])
            let dup = try await b.post("/admin/places", ["code": "E09000001", "name": "Again", "kind": "ward"])
            #expect(dup.status == .badRequest && dup.body.string.contains("Code E09000001 is already used by Borough"))
            let ward = try await Place.query(on: app.db).filter(\.$code == "E05000001").first()!
            try await b.get("/admin/places/\(borough.id!.uuidString)/edit")
            let cycle = try await b.post(
                "/admin/places/\(borough.id!.uuidString)",
                ["code": "E09000001", "name": "Borough", "kind": "local_authority", "parent_id": ward.id!.uuidString])
            #expect(cycle.status == .badRequest && cycle.body.string.contains("cannot sit inside itself"))
            // A place with parts cannot be deleted; the edit page says why.
            let blocked = try await b.post("/admin/places/\(borough.id!.uuidString)/delete", [:])
            #expect(blocked.status == .badRequest && blocked.body.string.contains("contains 1 other places"))
        }
    }

    @Test func listsFilterPaginateAndExportWhatIsShown() async throws {
        try await TestApp.run { app, f in
            for i in 1...30 {
                let p = Place()
                p.code = String(format: "E050000%02d", i); p.name = (i % 2 == 0 ? "North " : "South ") + String(format: "%02d", i)
                p.kind = "ward"
                try await p.create(on: app.db)
            }
            let b = Browser(app)
            try await b.signIn(f.admin)
            let first = try await b.get("/admin/places").body.string
            #expect(first.contains("Showing 1 to 25 of 30"))
            #expect(first.contains("North 02") && !first.contains("South 29"))
            let second = try await b.get("/admin/places?page=2").body.string
            #expect(second.contains("Showing 26 to 30 of 30") && second.contains("South 29"))
            let filtered = try await b.get("/admin/places?q=north").body.string
            #expect(filtered.contains("Showing 1 to 15 of 15") && !filtered.contains("South 01"))
            let csv = try await b.get("/admin/places.csv?q=south")
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let rows = try CSV.parse(csv.body.string)
            #expect(rows.first == ["id", "code", "name", "kind", "parent_id", "population", "postcode_districts"])
            #expect(rows.count == 16)
        }
    }

    @Test func organisationsThemesAndAudiencesWorkTheSameWay() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/organisations/new")
            #expect(
                try await b.post("/admin/organisations", ["name": "Harbour Homes", "type": "housing", "contact_email": "bad-email"]).status
                    == .badRequest)
            #expect(
                try await b.post("/admin/organisations", ["name": "Harbour Homes", "type": "housing", "contact_email": "a@hh.example"]).status
                    == .seeOther)
            #expect(try await b.get("/admin/organisations?type=housing").body.string.contains("Harbour Homes"))
            #expect(!(try await b.get("/admin/organisations?type=police").body.string.contains("Harbour Homes")))
            // An organisation with staff cannot be deleted.
            try await b.get("/admin/organisations/\(f.councilID.uuidString)/edit")
            #expect(try await b.post("/admin/organisations/\(f.councilID.uuidString)/delete", [:]).body.string.contains("has 3 staff accounts"))

            try await b.get("/admin/themes/new")
            try await b.post("/admin/themes", ["name": "Environment & place"])
            let parent = try await Theme.query(on: app.db).first()!
            try await b.post("/admin/themes", ["name": "Climate change", "parent_id": parent.id!.uuidString])
            let themes = try await b.get("/admin/themes").body.string
            #expect(themes.contains("Environment &amp; place"))
            #expect(try await b.post("/admin/themes", ["name": "Climate change", "parent_id": parent.id!.uuidString]).status == .badRequest)

            try await b.get("/admin/audiences/new")
            #expect(try await b.post("/admin/audiences", ["name": "Young carers", "kind": "identity"]).status == .seeOther)
            #expect(try await b.get("/admin/audiences?kind=identity").body.string.contains("Young carers"))
        }
    }

    @Test func auditLogFiltersAndExports() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/audiences/new")
            try await b.post("/admin/audiences", ["name": "Young carers", "kind": "identity"])
            try await b.post("/admin/audiences", ["name": "Traders", "kind": "interest"])
            let page = try await b.get("/admin/audit?entity=audience&action=create").body.string
            #expect(page.contains("Young carers") && page.contains("Traders") && page.contains("Ada Admin"))
            #expect(!(try await b.get("/admin/audit?entity=place").body.string.contains("Young carers")))
            let csv = try CSV.parse(try await b.get("/admin/audit.csv?entity=audience").body.string)
            #expect(csv.count == 3)
            #expect(csv[0] == ["at", "actor", "action", "entity", "entity_id", "label", "before", "after"])
            #expect(try await b.get("/admin/audit?from=yesterday").status == .badRequest)
        }
    }
}
