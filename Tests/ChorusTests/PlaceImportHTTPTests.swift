import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

@Suite struct PlaceImportHTTPTests {
    let badFile = """
        code,name,kind,parent_code,population
        E09000001,Borough,local_authority,,
        E05000001,Good ward,ward,E09000001,1200
        NOTACODE,Bad code,ward,,
        E05000003,,ward,,
        E05000004,Bad number,ward,,lots
        """

    @Test func aFileWithBadRowsReportsEachRowAndSavesNothing() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/import")
            let res = try await b.upload("/admin/places/import", field: "file", filename: "places.csv", content: badFile)
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("3 rows have problems"))
            #expect(html.contains("Nothing from this file was saved"))
            for line in ["<td>4</td>", "<td>5</td>", "<td>6</td>"] { #expect(html.contains(line), "\(line)") }
            #expect(html.contains("is not a GSS-style code") && html.contains("Enter name") && html.contains("must be a whole number"))
            #expect(try await Place.query(on: app.db).count() == 0)
        }
    }

    @Test func choosingValidRowsOnlyImportsThoseWithTheirParents() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/import")
            let res = try await b.upload(
                "/admin/places/import", field: "file", filename: "places.csv", content: badFile, fields: ["valid_only": "yes"])
            #expect(res.status == .ok)
            #expect(res.body.string.contains("2 places imported"))
            let ward = try #require(try await Place.query(on: app.db).filter(\.$code == "E05000001").with(\.$parent).first())
            #expect(ward.parent?.code == "E09000001")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "import").count() == 1)
        }
    }

    @Test func aFileThatIsNotCSVOrLacksColumnsIsExplained() async throws {
        try await TestApp.run { app, f in
            let b = Browser(app)
            try await b.signIn(f.admin)
            try await b.get("/admin/places/import")
            let noColumns = try await b.upload("/admin/places/import", field: "file", filename: "x.csv", content: "ward,people\nA,1\n")
            #expect(noColumns.status == .badRequest && noColumns.body.string.contains("needs a header row with the columns: code, name"))
            try await b.get("/admin/places/import")
            let broken = try await b.upload("/admin/places/import", field: "file", filename: "x.csv", content: "code,name\n\"E05000001,unclosed\n")
            #expect(broken.status == .badRequest && broken.body.string.contains("could not be read as CSV (line 2"))
        }
    }
}
