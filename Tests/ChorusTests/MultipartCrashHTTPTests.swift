import Foundation
import Testing
import VaporTesting

@testable import Chorus

/// A multipart body that traps MultipartKit 4.7.1's parser, sent to a form route through HTTP by someone not signed in:
/// 400 and the server carries on, rather than the process stopping (found by fuzzing, docs/fuzzing.md).
@Suite struct MultipartCrashHTTPTests {
    @Test func aTrappingBodyToAFormRouteIsRefusedAndTheServerCarriesOn() async throws {
        try await TestApp.run { app, _ in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=XB")
            headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let body = ByteBuffer(string: "--XB\r\nC\u{E9}: x\r\n\r\nv\r\n--XB--\r\n")
            let res = try await app.testing().sendRequest(.POST, "/sign-in", headers: headers, body: body)
            #expect(res.status.code == 400 || res.status.code == 403, "refused, got \(res.status.code)")
            #expect(try await Browser(app).get("/healthz").status == .ok, "and the server still answers")
        }
    }
}
