import ChorusCore
import Foundation
import Testing
import VaporTesting

@testable import Chorus

/// Bodies that trap MultipartKit 4.7.1's parser (found by fuzzing, docs/fuzzing.md): a header-name byte ≥ 0x80 and
/// an empty boundary. Each is refused with a message instead of stopping the server.
@Suite struct MultipartGuardTests {
    /// fuzz/corpus/multipart/non-ascii-header-name.bin
    let trapping = "--XB\r\nC\u{E9}: x\r\n\r\nv\r\n--XB--\r\n"

    @Test func aStreamedUploadWithANonASCIIHeaderNameIsMalformedAndLeavesNoFile() async throws {
        try await TestApp.run { app, _ in
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=XB")
            let req = Request(
                application: app, method: .POST, url: "/upload", headers: headers, collectedBody: ByteBuffer(string: trapping),
                on: app.eventLoopGroup.any())
            let path = NSTemporaryDirectory() + "multipart-guard-\(UUID().uuidString)/file.csv"
            await #expect(throws: StreamedUpload.Failure.malformed) {
                _ = try await StreamedUpload.receive(req, fileField: "file", to: path, maxFileBytes: 1 << 20)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func theFormDecoderRefusesWhatWouldTrapAndStillReadsGoodForms() throws {
        let decoder = GuardedFormDataDecoder()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=XB")
        #expect(throws: Abort.self) {
            _ = try decoder.decode([String: String].self, from: ByteBuffer(string: trapping), headers: headers)
        }
        let good = "--XB\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ncaf\u{E9} \u{2713}\r\n--XB--\r\n"
        #expect(try decoder.decode([String: String].self, from: ByteBuffer(string: good), headers: headers) == ["note": "caf\u{E9} \u{2713}"])
        var empty = HTTPHeaders()
        empty.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\"\"")
        #expect(throws: Abort.self) { _ = try decoder.decode([String: String].self, from: ByteBuffer(string: "x"), headers: empty) }
    }
}
