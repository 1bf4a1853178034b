import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// CSV import of survey exports through HTTP: upload, the guessed mapping and preview, the background job and its
/// page, all-or-nothing storage, "valid rows only", files that are not CSV, and who may see a job.
@Suite struct InsightImportTests {
    let good =
        "Response ID,Date,Comments,Ward,Topic,Type,Age\r\n"
        + "R1,01/11/2025,\"My name is Joan Smith, email joan.smith@example.com, and the swings are broken\",Quayside,Parks,Quote,25 to 29\r\n"
        + "R2,2025-10-05,The bus to the hospital only runs twice a day,E05000002,Parks; Climate change,survey answer,\r\n"
        + "R3,15/09/2025,\"Two lines:\r\nthe library, and the pool\",old town,,,prefer_not_to_say\r\n"

    let withBadRows =
        "Response ID,Date,Comments,Ward,Topic\n"
        + "R1,01/11/2025,The park needs more bins,Quayside,Parks\n"
        + "R2,01/11/2025,Nobody answers the phone,Atlantis,Parks\n"
        + "R3,31/02/2025,The bridge is closed again,Old Town,Parks\n"
        + "R4,02/11/2025,More benches please,Old Town,Climate change\n"

    /// Uploads bytes as a multipart form, as a browser would.
    func upload(_ b: Browser, _ bytes: [UInt8], filename: String = "survey.csv") async throws -> TestingHTTPResponse {
        try await b.get(SiteURL.Insights.importCSV)
        return try await b.postMultipart(SiteURL.Insights.importCSV, [FormPart(name: "file", filename: filename, bytes: bytes)])
    }

    /// Uploads, reads the mapping Chorus guessed from the page, starts the job and waits for it to end.
    func runImport(
        _ app: Application, _ b: Browser, _ csv: String, validOnly: Bool = false,
        checkMappingPage: (String) -> Void = { _ in }
    ) async throws -> ImportJob {
        let res = try await upload(b, Array(csv.utf8))
        #expect(res.status == .seeOther, "\(res.body.string.suffix(2000))")
        let location = try #require(res.headers.first(name: .location))
        let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
        let page = try await b.get(location)
        #expect(page.status == .ok)
        let html = page.body.string
        checkMappingPage(html)
        var fields: [(String, String)] = [("default_sharing", "partnership"), ("default_kind", "survey_answer"), ("action", "start")]
        for (field, _) in InsightCSV.fields {
            guard let start = html.range(of: "name=\"map_\(field)\"") else { continue }
            let rest = html[start.upperBound...]
            let end = rest.range(of: "</select>")!.lowerBound
            if let sel = rest[..<end].range(of: "<option selected value=\"") {
                fields.append(("map_" + field, String(rest[sel.upperBound...].prefix { $0 != "\"" })))
            }
        }
        if validOnly { fields.append(("valid_only", "true")) }
        let started = try await b.postActivity(SiteURL.Insights.importJob(id), fields)
        #expect(started.status == .seeOther && started.headers.first(name: .location) == SiteURL.Insights.importJob(id))
        return try await waitFor(app, id)
    }

    /// The job runs in a background task: poll until it ends (up to ~10 s).
    func waitFor(_ app: Application, _ id: UUID) async throws -> ImportJob {
        for _ in 0..<200 {
            if let job = try await ImportJob.find(id, on: app.db), [.done, .failed].contains(job.statusValue) { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the import job did not finish within 10 seconds")
        throw Abort(.requestTimeout)
    }

    @Test func aSurveyExportImportsWithRedactionWardsByNameOrCodeThemesByNameAndUKDates() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let job = try await runImport(app, b, good) { html in
                #expect(html.contains("survey.csv has 3 rows"))
                #expect(html.contains("My name is"), "the preview shows the text as it would be stored")
                #expect(!html.contains("joan.smith@example.com") && !html.contains("Joan Smith"), "the preview shows redacted text only")
                #expect(html.contains("Ready to import"))
            }
            #expect(
                job.statusValue == .done && job.rowsDone == 3 && job.rowsTotal == 3 && job.rowsRejected == 0, "\(job.message ?? "") \(job.problems)")
            let page = try await b.get(SiteURL.Insights.importJob(job.id!))
            #expect(page.body.string.contains("3 insights imported from 3 rows"))
            #expect(!page.body.string.contains("http-equiv=\"refresh\""), "a finished job's page stops refreshing")

            let stored = try await Insight.query(on: app.db).all()
            #expect(stored.count == 3)
            let r1 = try #require(stored.first { $0.sourceRef == "R1" })
            #expect(!r1.text.contains("joan.smith@example.com") && !r1.text.contains("Joan Smith") && r1.text.contains("swings are broken"))
            #expect(r1.originalText?.contains("joan.smith@example.com") == true, "the original stays with the recording organisation")
            #expect(r1.$place.id == w.quayside && r1.kind == "quote" && r1.sharing == "partnership" && r1.ageBand == "25_29")
            #expect(Day(ordinal: r1.heardDay).description == "2025-11-01", "UK date 01/11/2025 is 1 November")
            #expect(r1.$organisation.id == f.councilID)
            let r2 = try #require(stored.first { $0.sourceRef == "R2" })
            #expect(r2.$place.id == w.oldTown, "ward by GSS code")
            #expect(r2.kind == "survey_answer")
            let themes = try await InsightTheme.query(on: app.db).filter(\.$insight.$id == r2.id!).all().map { $0.$theme.id }
            #expect(Set(themes) == [w.parks, w.climate])
            let r3 = try #require(stored.first { $0.sourceRef == "R3" })
            #expect(r3.$place.id == w.oldTown && r3.text.contains("the library, and the pool") && r3.kind == "survey_answer")
            #expect(Day(ordinal: r3.heardDay).description == "2025-09-15" && r3.ageBand == "prefer_not_to_say")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "import").count() == 1)
            #expect(!FileManager.default.fileExists(atPath: job.filePath), "the uploaded file is deleted when the job ends")
        }
    }

    @Test func oneBadRowStoresNothingAndListsTheRowWithLineAndColumnThenValidRowsOnlyStoresTheRest() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let failed = try await runImport(app, b, withBadRows)
            #expect(failed.statusValue == .failed && failed.rowsRejected == 2 && failed.rowsTotal == 4)
            #expect(try await Insight.query(on: app.db).count() == 0, "nothing is stored when a row fails")
            let problems = failed.problems
            #expect(problems.contains { $0.line == 3 && $0.field == "Ward" && $0.message.contains("Atlantis") })
            #expect(problems.contains { $0.line == 4 && $0.field == "Date" })
            let page = try await b.get(SiteURL.Insights.importJob(failed.id!)).body.string
            #expect(page.contains("2 rows have problems") && page.contains("Nothing from this file was saved"))
            #expect(page.contains("<td>3</td><td>Ward</td>") && page.contains("Atlantis"))

            let partial = try await runImport(app, b, withBadRows, validOnly: true)
            #expect(partial.statusValue == .done && partial.rowsDone == 2 && partial.rowsRejected == 2)
            let stored = try await Insight.query(on: app.db).all()
            #expect(Set(stored.compactMap(\.sourceRef)) == ["R1", "R4"])
            #expect(stored.first { $0.sourceRef == "R4" }?.$place.id == w.oldTown)
            let done = try await b.get(SiteURL.Insights.importJob(partial.id!)).body.string
            #expect(done.contains("2 insights imported from 4 rows") && done.contains("2 rows with problems were skipped"))
        }
    }

    @Test func emptyNotUTF8AndRandomGarbageFilesAreRefusedClearlyAndStoreNothing() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let empty = try await upload(b, [])
            #expect(empty.status == .badRequest && empty.body.string.contains("is empty"))
            let headerOnly = try await upload(b, Array("Comments,Date\r\n".utf8))
            #expect(headerOnly.status == .badRequest && headerOnly.body.string.contains("has a header row but no rows"))
            let noHeader = try await upload(b, Array("1,2025-01-01,3\n".utf8))
            #expect(noHeader.status == .badRequest && noHeader.body.string.contains("must be a header"))
            // "Café" saved by Excel as Windows-1252.
            let latin1 = Array("Comments,Date\r\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x2C] + Array("2025-01-01\r\n".utf8)
            let notUTF8 = try await upload(b, latin1)
            #expect(notUTF8.status == .badRequest)
            #expect(notUTF8.body.string.contains("not UTF-8") && notUTF8.body.string.contains("CSV UTF-8"))
            var rng = SystemRandomNumberGenerator()
            let words = (0..<(10 * 1024 * 1024 / 8)).map { _ in rng.next() as UInt64 }
            let garbage = words.withUnsafeBytes { Array($0) }
            let junk = try await upload(b, garbage, filename: "junk.csv")
            #expect(junk.status == .badRequest)
            #expect(junk.body.string.contains("not UTF-8") || junk.body.string.contains("could not be read as CSV"))
            #expect(try await ImportJob.query(on: app.db).count() == 0)
            #expect(try await Insight.query(on: app.db).count() == 0)
        }
    }

    @Test func anotherOrganisationsStaffCannotSeeOrStartAJob() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let res = try await upload(b, Array(good.utf8))
            let location = try #require(res.headers.first(name: .location))
            let other = Browser(app)
            try await other.signIn(f.viewer)
            #expect(try await other.get(location).status == .notFound, "the mapping page of an uploaded file")
            #expect(try await other.postActivity(location, [("action", "start"), ("map_text", "2"), ("map_heard_on", "1")]).status == .notFound)
            let job = try await runImport(app, b, good)
            #expect(try await other.get(SiteURL.Insights.importJob(job.id!)).status == .notFound, "a finished job")
            let admin = Browser(app)
            try await admin.signIn(f.admin)
            #expect(try await admin.get(SiteURL.Insights.importJob(job.id!)).status == .ok, "partnership admins may see every job")
        }
    }
}
