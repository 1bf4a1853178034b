import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Uploads written to disk as they arrive (`StreamedUpload`): the parser on its own, and the CSV import's upload over
/// a real socket, with its CSRF check made after the body is read.
@Suite struct StreamedUploadTests {
    let boundary = "b0undary-x"

    func multipart(_ parts: [(name: String, filename: String?, content: String)], close: Bool = true) -> ByteBuffer {
        FormPart.body(parts.map { FormPart(name: $0.name, filename: $0.filename, bytes: Array($0.content.utf8)) }, boundary: boundary, close: close)
    }

    /// A path no other test writes to.
    func freshPath() -> String { NSTemporaryDirectory() + "streamed-upload-test-\(UUID().uuidString)/file.csv" }

    func receive(
        _ app: Application, _ body: ByteBuffer, contentType: String? = nil, limit: Int = 1 << 20,
        to path: String? = nil
    ) async throws -> (StreamedUpload, String) {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType ?? "multipart/form-data; boundary=\(boundary)")
        let req = Request(application: app, method: .POST, url: "/upload", headers: headers, collectedBody: body, on: app.eventLoopGroup.any())
        let path = path ?? freshPath()
        return (try await StreamedUpload.receive(req, fileField: "file", to: path, maxFileBytes: limit), path)
    }

    @Test func fieldsAndTheFirstFileArriveAndOtherFilePartsAreDropped() async throws {
        try await TestApp.run { app, _ in
            let content = "Comments,Date\r\n\"Line one\r\n--b0undary- is not the boundary\",2025-01-01\r\n"
            let (upload, path) = try await receive(
                app,
                multipart([
                    ("_csrf", nil, "token"), ("file", "survey.csv", content), ("file", "second.csv", "not kept"), ("note", nil, "café ✓"),
                ]))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(upload.fields == ["_csrf": "token", "note": "café ✓"])
            #expect(upload.hasFile && upload.fileName == "survey.csv" && upload.bytes == content.utf8.count)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "uploads hold residents' words: readable by the server's user only")
        }
    }

    @Test func aFileOverTheLimitACutOffBodyAndAFormThatIsNotMultipartAreRefusedAndLeaveNoFile() async throws {
        try await TestApp.run { app, _ in
            let paths = (0..<3).map { _ in freshPath() }
            let big = String(repeating: "a,b\r\n", count: 300)
            await #expect(throws: StreamedUpload.Failure.tooLarge(limit: 1000)) {
                _ = try await receive(app, multipart([("file", "big.csv", big)]), limit: 1000, to: paths[0])
            }
            await #expect(throws: StreamedUpload.Failure.cutOff) {
                let half = "Comments,Date\r\n" + String(repeating: "The bus to the hospital runs twice a day,2025-01-01\r\n", count: 40)
                _ = try await receive(app, multipart([("_csrf", nil, "t"), ("file", "half.csv", half)], close: false), to: paths[1])
            }
            await #expect(throws: StreamedUpload.Failure.notMultipart) {
                _ = try await receive(app, ByteBuffer(string: "file=x"), contentType: "application/x-www-form-urlencoded", to: paths[2])
            }
            #expect(paths.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "a refused upload leaves nothing on disk")
        }
    }

    /// Every file in the imports folder that holds `marker`.
    func storedFiles(_ app: Application, containing marker: String) throws -> [String] {
        let dir = InsightImportService.directory(app)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { name in
            guard let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name)) else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }

    /// An officer signed in, on the upload page (so the browser holds its form token).
    func officerOnTheUploadPage(_ app: Application, _ f: Fixture) async throws -> Browser {
        _ = try await RegisterWorld.make(app)
        let b = Browser(app)
        try await b.signIn(f.officer)
        try await b.get(SiteURL.Insights.importCSV)
        return b
    }

    @Test func aLargeExportSentOverASocketIsStoredByteForByteWithTheTokenAfterTheFile() async throws {
        try await TestApp.run { app, f in
            let b = try await officerOnTheUploadPage(app, f)
            var csv = "Response ID,Submitted,Comments,Ward\r\n"
            for i in 1...15_000 {
                csv +=
                    "R\(i),2025-0\(i % 9 + 1)-1\(i % 10),\"Comment \(i): the park by the harbour needs more benches, bins and lights\",Quayside\r\n"
            }
            #expect(csv.utf8.count > 1_000_000, "large enough to arrive in many chunks")
            let res = try await b.postMultipartLive(
                SiteURL.Insights.importCSV, [FormPart(name: "file", filename: "survey.csv", bytes: Array(csv.utf8))], csrfLast: true)
            // The socket's client follows the redirect to the job's column-mapping page.
            #expect(res.status == .ok && res.body.contains("Comment 1: the park"), "\(res.body.suffix(1500))")
            let job = try #require(try await ImportJob.query(on: app.db).first())
            #expect(job.rowsTotal == 15_000 && job.fileName == "survey.csv")
            let stored = try #require(FileManager.default.contents(atPath: job.filePath))
            #expect(stored == Data(csv.utf8), "the file on disk is exactly the file sent")
            try? FileManager.default.removeItem(atPath: job.filePath)
        }
    }

    @Test func anUploadWithoutTheFormsTokenIsRefusedAndKeepsNothing() async throws {
        try await TestApp.run { app, f in
            let b = try await officerOnTheUploadPage(app, f)
            let marker = "forged-\(UUID().uuidString)"
            let file = FormPart(name: "file", filename: "x.csv", bytes: Array("Comments,Date\r\n\(marker),2025-01-01\r\n".utf8))
            let forged = try await b.postMultipart(SiteURL.Insights.importCSV, [file], csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            let stranger = Browser(app)  // no CSRF cookie at all
            try await stranger.signIn(f.officer)
            stranger.cookies["chorus_csrf"] = nil
            #expect(try await stranger.postMultipart(SiteURL.Insights.importCSV, [file], csrf: b.csrf).status == .forbidden)
            #expect(try await ImportJob.query(on: app.db).count() == 0)
            #expect(try storedFiles(app, containing: marker).isEmpty)
            // The same file with the page's token is taken.
            #expect(try await b.postMultipart(SiteURL.Insights.importCSV, [file]).status == .seeOther)
            #expect(try await ImportJob.query(on: app.db).count() == 1)
        }
    }
}
