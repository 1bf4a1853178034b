import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct RegisterImportTests {
    let spreadsheet = """
        Activity,Why,Ward,Theme,Start date,End date,Level,Method,Lead
        Parks walkabout,Find out what parks need,Quayside,Parks,01/03/2026,15/03/2026,Consult,Drop-in session,officer@council.test
        Climate cafe,Talk about climate,E05000002; Quayside,Climate change,2026-04-01,2026-04-30,involve,survey; workshop,
        Bad dates,End before start,Quayside,Parks,2026-05-10,2026-05-01,consult,survey,
        Unknown ward,Nowhere,Atlantis,Parks,2026-06-01,2026-06-02,consult,survey,
        Bad method,Pigeons,Quayside,Parks,2026-07-01,2026-07-02,consult,carrier pigeon,
        """

    /// Uploads the file, reads the mapping form Chorus guessed, and submits it.
    func importFile(_ b: Browser, _ csv: String, validOnly: Bool) async throws -> TestingHTTPResponse {
        try await b.get("/activities/import")
        let mappingPage = try await b.upload("/activities/import", field: "file", filename: "activities.csv", content: csv)
        #expect(mappingPage.status == .ok)
        let html = mappingPage.body.string
        var fields: [(String, String)] = []
        for (field, _) in ActivityImport.fields {
            // The selected option of each map_<field> select, if any.
            guard let start = html.range(of: "name=\"map_\(field)\"") else { continue }
            let rest = html[start.upperBound...]
            let end = rest.range(of: "</select>")!.lowerBound
            if let sel = rest[..<end].range(of: "<option selected value=\"") {
                fields.append(("map_" + field, String(rest[sel.upperBound...].prefix { $0 != "\"" })))
            }
        }
        let uploadStart = html.range(of: "name=\"upload\" type=\"hidden\" value=\"")!.upperBound
        fields.append(("upload", String(html[uploadStart...].prefix { $0 != "\"" })))
        if validOnly { fields.append(("valid_only", "true")) }
        return try await b.postActivity("/activities/import/run", fields)
    }

    @Test func aSpreadsheetWithBadRowsReportsEachRowAndSavesNothing() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let res = try await importFile(b, spreadsheet, validOnly: false)
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("3 rows have problems") && html.contains("Nothing from this file was saved"))
            #expect(html.contains("<td>4</td>") && html.contains("The end date must be the same as or after the start date"))
            #expect(html.contains("<td>5</td>") && html.contains("Unknown ward or place \"Atlantis\""))
            #expect(html.contains("<td>6</td>") && html.contains("Unknown method \"carrier pigeon\""))
            #expect(try await Activity.query(on: app.db).count() == 0)
        }
    }

    @Test func importingOnlyValidRowsSavesThemWithNamesTurnedIntoLinks() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let res = try await importFile(b, spreadsheet, validOnly: true)
            #expect(res.status == .ok && res.body.string.contains("2 of 5 activities imported"), "\(res.body.string.suffix(3000))")
            let walk = try #require(try await Activity.query(on: app.db).filter(\.$title == "Parks walkabout").first())
            #expect(Day(ordinal: walk.startDay).description == "2026-03-01" && walk.methodList == ["drop_in"] && walk.ladderLevel == "consult")
            let cafe = try #require(try await Activity.query(on: app.db).filter(\.$title == "Climate cafe").first())
            let places = try await ActivityPlace.query(on: app.db).filter(\.$activity.$id == cafe.id!).all().map { $0.$place.id }
            #expect(Set(places) == [w.quayside, w.oldTown] && cafe.methodList == ["survey", "workshop"])
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "import").count() == 1)
        }
    }

    @Test func theRegistersOwnExportImportsBackUnchanged() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            _ = try await importFile(b, spreadsheet, validOnly: true)
            let export = try await b.get("/activities.csv").body.string
            try await Activity.query(on: app.db).all().asyncForEach {
                try await RegisterService.delete(
                    $0.id,
                    user: try await CurrentUser.load(
                        personID: (try await Person.query(on: app.db).filter(\.$email == f.officer).first()!).id!, on: app.db)!, on: app.db)
            }
            #expect(try await Activity.query(on: app.db).count() == 0)
            let again = try await importFile(b, export, validOnly: false)
            #expect(again.status == .ok && again.body.string.contains("2 of 2 activities imported"))
            let reExport = try await b.get("/activities.csv").body.string
            func withoutIDs(_ csv: String) throws -> [[String]] { try CSV.parse(csv).map { Array($0.dropFirst()) }.sorted { $0[0] < $1[0] } }
            #expect(try withoutIDs(reExport) == (try withoutIDs(export)))
        }
    }
}

extension Array where Element: Sendable {
    func asyncForEach(_ body: (Element) async throws -> Void) async rethrows {
        for e in self { try await body(e) }
    }
}
