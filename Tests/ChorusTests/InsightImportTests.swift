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
        _ app: Application, _ b: Browser, _ csv: String, validOnly: Bool = false, extra: [(String, String)] = [],
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
        fields += extra
        let started = try await b.postActivity(SiteURL.Insights.importJob(id), fields)
        #expect(
            started.status == .seeOther && started.headers.first(name: .location) == SiteURL.Insights.importJob(id),
            "\(started.status) \(started.body.string.components(separatedBy: "error-summary-list").dropFirst().first?.prefix(600) ?? "")")
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
            #expect(try await fileGoes(job.filePath), "the uploaded file is deleted when the job ends")
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

    // MARK: Heard during (the activity) and "Import the N valid rows"

    func activity(_ app: Application, _ title: String, org: UUID, status: String = "open", start: String = "2026-06-01") async throws -> UUID {
        let a = Activity()
        a.title = title; a.purpose = "To hear about " + title; a.$organisation.id = org; a.boroughWide = true; a.methods = ",survey,"
        a.ladderLevel = "consult"; a.status = status; a.startDay = Day(iso: start)!.ordinal; a.isPublic = true
        try await a.create(on: app.db)
        return a.id!
    }

    /// A "Heard during" column is guessed from its header; a cell may hold the activity's title, its full name as the
    /// form suggests it (any case) or its id; an empty cell takes the activity chosen for all rows.
    @Test func anActivityColumnAndAnActivityForAllRowsLinkEveryRowAndTheRowsOwnCellWins() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let walk = try await activity(app, "Harbour walk", org: f.councilID)
            let fair = try await activity(app, "Winter fair", org: f.nhsID, start: "2026-11-20")
            let drop = try await activity(app, "Library drop-in", org: f.councilID, start: "2026-10-02")
            let csv =
                "Response ID,Date,Comments,Heard during\n"
                + "A1,01/11/2025,The harbour wall is crumbling,Harbour walk\n"
                + "A2,01/11/2025,More stalls please,\"winter FAIR — Test NHS Trust,  20 Nov 2026\"\n"
                + "A3,01/11/2025,Open later on Sundays,\(drop.uuidString)\n"
                + "A4,01/11/2025,Nowhere to sit,\n"
            let b = Browser(app)
            try await b.signIn(f.officer)
            let job = try await runImport(app, b, csv, extra: [("default_activity", "Library drop-in — Test Council, 2 Oct 2026")]) { html in
                #expect(html.contains("name=\"map_activity\""), "the activity column can be mapped")
                #expect(html.contains("<option selected value=\"3\">Heard during</option>"), "guessed from the header")
                #expect(html.contains("<datalist id=\"f-default-activity-list\">"), "the activity for all rows is a picker")
                #expect(html.contains("<td>Harbour walk — Test Council, 1 Jun 2026</td>"), "the preview shows each row's activity")
            }
            #expect(job.statusValue == .done && job.rowsDone == 4, "\(job.message ?? "") \(job.problems)")
            let byRef = Dictionary(uniqueKeysWithValues: try await Insight.query(on: app.db).all().map { ($0.sourceRef ?? "", $0.$activity.id) })
            #expect(byRef["A1"] == walk && byRef["A3"] == drop)
            #expect(byRef["A4"] == drop, "an empty cell takes the activity for all rows")
            #expect(byRef["A2"] == fair, "its full name, in another case and spacing")

            // Without a column, every row takes the activity for all rows; a job remembers it.
            let plain = "Comments,Date\nThe bus is late,2025-11-02\nThe lift is broken,2025-11-03\n"
            let second = try await runImport(app, b, plain, extra: [("default_activity", walk.uuidString)])
            #expect(second.statusValue == .done && second.rowsDone == 2)
            #expect(InsightImportService.decode(second.mapping)?.defaultActivity == walk)
            let linked = try await Insight.query(on: app.db).filter(\.$activity.$id == walk).count()
            #expect(linked == 3)
        }
    }

    /// An activity nobody can find, one several share, or another organisation's draft: the row and its column are
    /// named and nothing is stored; a bad activity for all rows is refused on the mapping page, naming the field.
    @Test func anUnknownOrForeignDraftActivityNamesTheRowAndColumnAndStoresNothing() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            _ = try await activity(app, "Harbour walk", org: f.councilID)
            _ = try await activity(app, "Park walk", org: f.councilID)
            _ = try await activity(app, "Park walk", org: f.nhsID, start: "2026-07-01")
            let secret = try await activity(app, "Secret ward review", org: f.nhsID, status: "draft")
            let csv =
                "Comments,Date,Activity\n"
                + "Fine,2025-11-01,Harbour walk\n"
                + "Hmm,2025-11-01,\"=HYPERLINK(\"\"x\"\") <script>\"\n"
                + "Two,2025-11-01,Park walk\n"
                + "Hidden,2025-11-01,Secret ward review\n"
                + "Hidden id,2025-11-01,\(secret.uuidString)\n"
            let b = Browser(app)
            try await b.signIn(f.officer)
            let job = try await runImport(app, b, csv)
            #expect(job.statusValue == .failed && job.rowsRejected == 4 && job.rowsTotal == 5)
            #expect(try await Insight.query(on: app.db).count() == 0)
            let p = job.problems
            #expect(p.contains { $0.line == 3 && $0.field == "Activity" && $0.message.hasPrefix("Heard during: no activity is called") })
            #expect(p.contains { $0.line == 4 && $0.field == "Activity" && $0.message.contains("2 activity choices are called \"Park walk\"") })
            #expect(p.contains { $0.line == 5 && $0.field == "Activity" && $0.message.contains("no activity is called \"Secret ward review\"") })
            #expect(p.contains { $0.line == 6 && $0.field == "Activity" })
            let page = try await b.get(SiteURL.Insights.importJob(job.id!)).body.string
            #expect(page.contains("<td>3</td><td>Activity</td>"))
            #expect(page.contains("&lt;script&gt;") && !page.contains("<script>\""), "hostile text is escaped")

            // The activity for all rows: unknown, or another organisation's draft by id, names the field.
            let res = try await upload(b, Array("Comments,Date\nFine,2025-11-01\n".utf8))
            let location = try #require(res.headers.first(name: .location))
            _ = try await b.get(location)
            for bad in ["Atlantis", secret.uuidString] {
                let refused = try await b.postActivity(
                    location,
                    [
                        ("map_text", "0"), ("map_heard_on", "1"), ("default_sharing", "partnership"), ("default_kind", "quote"),
                        ("default_activity", bad), ("action", "start"),
                    ])
                #expect(refused.status == .badRequest, "\(bad)")
                #expect(refused.body.string.contains("href=\"#f-default-activity\""))
                #expect(refused.body.string.contains("value=\"\(bad)\""), "what was typed is shown again")
            }
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
            #expect(try await ImportJob.find(id, on: app.db)?.statusValue == .uploaded)
        }
    }

    /// After "Nothing from this file was saved", the uploader can import the valid rows without uploading again: those
    /// rows or none; the button is theirs only, and the kept file goes when the import ends or after a day.
    /// Whether the file is gone within 5 s: the runner removes it just after it stores the job's outcome, so a test
    /// that has seen the outcome may look a moment before, on a busy machine.
    func fileGoes(_ path: String) async throws -> Bool {
        for _ in 0..<50 where FileManager.default.fileExists(atPath: path) { try await Task.sleep(for: .milliseconds(100)) }
        return !FileManager.default.fileExists(atPath: path)
    }

    @Test func importTheValidRowsAfterNothingWasSavedWithoutUploadingAgain() async throws {
        try await TestApp.run { app, f in
            let w = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let failed = try await runImport(app, b, withBadRows)
            #expect(failed.statusValue == .failed && failed.rowsRejected == 2)
            #expect(FileManager.default.fileExists(atPath: failed.filePath), "the file is kept for a retry")
            let page = try await b.get(SiteURL.Insights.importJob(failed.id!)).body.string
            #expect(page.contains("Nothing from this file was saved"))
            #expect(page.contains("<button class=\"button\" name=\"action\" type=\"submit\" value=\"valid_rows\">Import the 2 valid rows</button>"))
            // An admin may see the job but not import for the uploader.
            let admin = try await Browser.signedIn(app, f.admin)
            #expect(!(try await admin.get(SiteURL.Insights.importJob(failed.id!)).body.string.contains("valid_rows")))
            #expect(try await admin.postActivity(SiteURL.Insights.importJob(failed.id!), [("action", "valid_rows")]).status == .forbidden)

            let go = try await b.postActivity(SiteURL.Insights.importJob(failed.id!), [("action", "valid_rows")])
            #expect(go.status == .seeOther)
            let job = try await waitFor(app, failed.id!)
            #expect(job.statusValue == .done && job.rowsDone == 2 && job.rowsRejected == 2, "\(job.statusValue) \(job.message ?? "") \(job.problems)")
            let stored = try await Insight.query(on: app.db).all()
            #expect(Set(stored.compactMap(\.sourceRef)) == ["R1", "R4"])
            #expect(stored.first { $0.sourceRef == "R4" }?.$place.id == w.oldTown)
            #expect(try await fileGoes(job.filePath))
            let done = try await b.get(SiteURL.Insights.importJob(job.id!)).body.string
            #expect(done.contains("2 insights imported from 4 rows") && !done.contains("valid_rows"))
            // Sending it again stores nothing more.
            #expect(try await b.postActivity(SiteURL.Insights.importJob(job.id!), [("action", "valid_rows")]).status == .seeOther)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await Insight.query(on: app.db).count() == 2)
        }
    }

    /// If a row that passed no longer passes when the valid rows are imported, none of them is stored.
    @Test func theValidRowsAreStoredAllOrNothing() async throws {
        try await TestApp.run { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let failed = try await runImport(app, b, withBadRows)
            // Old Town (R4's ward) goes between the failed run and the retry.
            let oldTown = try #require(try await Place.query(on: app.db).filter(\.$name == "Old Town").first())
            try await oldTown.delete(on: app.db)
            #expect(try await b.postActivity(SiteURL.Insights.importJob(failed.id!), [("action", "valid_rows")]).status == .seeOther)
            let job = try await waitFor(app, failed.id!)
            #expect(
                job.statusValue == .failed && job.message?.contains("2 rows passed the checks before, but 1 pass now") == true, "\(job.message ?? "")"
            )
            #expect(try await Insight.query(on: app.db).count() == 0)
        }
    }

    @Test func keptFilesGoAfterADayButNeverAFileStillInUse() async throws {
        // Its own data directory: another test's sweep, on another database, would see the aged files as nobody's.
        try await TestApp.run(ownDataDirectory: true) { app, f in
            _ = try await RegisterWorld.make(app)
            let b = Browser(app)
            try await b.signIn(f.officer)
            let failed = try await runImport(app, b, withBadRows)
            let res = try await upload(b, Array(withBadRows.utf8))
            let waiting = try #require(UUID(uuidString: String(res.headers.first(name: .location)?.split(separator: "/").last ?? "")))
            let waitingPath = InsightImportService.filePath(app, waiting)
            try await InsightImportRunner.purgeKeptFiles(app, now: Date())
            #expect(FileManager.default.fileExists(atPath: failed.filePath), "kept for a day")
            // A day on (the files are aged rather than the clock moved).
            let dayAgo = Date().addingTimeInterval(-25 * 3600)
            for path in [failed.filePath, waitingPath] {
                try FileManager.default.setAttributes([.modificationDate: dayAgo], ofItemAtPath: path)
            }
            try await InsightImportRunner.purgeKeptFiles(app, now: Date())
            #expect(!FileManager.default.fileExists(atPath: failed.filePath), "gone after a day")
            #expect(FileManager.default.fileExists(atPath: waitingPath), "a file waiting for its mapping stays")
            let page = try await b.get(SiteURL.Insights.importJob(failed.id!)).body.string
            #expect(!page.contains("valid_rows"), "no button once the file is gone")
        }
    }
}
