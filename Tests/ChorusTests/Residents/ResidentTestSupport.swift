import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore

/// Residents in HTTP tests: signing in as a resident would (the form, the code read from the outbox), and the
/// records of every feature a resident can have.
enum Residents {
    /// The hidden fields of the first POST form on a page (the bot stamp, the request id, `back`).
    static func hidden(_ html: String, action: String) -> [String: String] {
        let form = HTMLForms.forms(in: html).first { $0.method == "post" && $0.action == action }
        return Dictionary((form?.fixed ?? []).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// Asks for a code for `email` through the form; returns the response (a redirect to the code page when sent).
    @discardableResult
    static func askForCode(_ b: Browser, _ email: String, extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
        let page = try await b.get(SiteURL.Residents.signInPage)
        var fields = hidden(page.body.string, action: SiteURL.Residents.signInPage)
        fields["_csrf"] = nil
        fields["email"] = email
        fields.merge(extra) { _, new in new }
        return try await b.post(SiteURL.Residents.signInPage, fields)
    }

    /// The newest sign-in email to `email`: its code and link path.
    static func lastCode(_ app: Application, _ email: String) async throws -> (code: String, link: String, request: UUID) {
        let mail = try #require(
            try await OutboxEmail.query(on: app.db).filter(\.$toAddress == email).filter(\.$kind == ResidentSignInService.emailKind)
                .sort(\.$createdAt, .descending).first())
        let code = try #require(mail.subject.split(separator: " ").last.map(String.init))
        let line = try #require(mail.body.split(separator: "\n").first { $0.contains("/my-account/sign-in/link/") })
        let link = String(line[try #require(line.range(of: "/my-account/sign-in/link/")).lowerBound...])
        return (code, link, mail.referenceID)
    }

    /// Signs in as `email` by the emailed code; the browser keeps the resident's session.
    @discardableResult
    static func signIn(_ app: Application, _ b: Browser, _ email: String) async throws -> TestingHTTPResponse {
        let asked = try await askForCode(b, email)
        #expect(asked.status == .seeOther || asked.status == .found, "asking for a code goes on to the code page")
        let sent = try await lastCode(app, email)
        _ = try await b.get(SiteURL.Residents.code(sent.request, back: nil))
        let res = try await b.post(SiteURL.Residents.codeForm, ["request": sent.request.uuidString, "code": sent.code])
        #expect(res.headers.first(name: .location) == SiteURL.Residents.account)
        return res
    }

    static func resident(_ app: Application, _ email: String) async throws -> Resident {
        try #require(try await Resident.query(on: app.db).filter(\.$email == email).first())
    }

    /// An insight a member of staff recorded for a resident who wants to hear back.
    @discardableResult
    static func insight(_ app: Application, org: UUID, text: String, email: String?, heard: Day = Day(Date())) async throws -> UUID {
        let i = Insight()
        i.$organisation.id = org; i.kind = InsightKind.quote.rawValue; i.text = text; i.originalText = text + " (unredacted)"
        i.redactedKinds = ""; i.heardDay = heard.ordinal; i.peopleCount = 1; i.sharing = SharingLevel.organisation.rawValue
        i.contactEmail = email; i.feedbackOptIn = email != nil
        try await i.create(on: app.db)
        return i.id!
    }

    /// The files inside a stored (uncompressed) zip, by name: enough to read back what Chorus wrote.
    static func unzip(_ bytes: [UInt8]) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        var i = 0
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        while i + 30 <= bytes.count, u32(i) == 0x0403_4b50 {
            let size = u32(i + 18), nameLength = u16(i + 26), extra = u16(i + 28)
            let name = String(decoding: bytes[(i + 30)..<(i + 30 + nameLength)], as: UTF8.self)
            let start = i + 30 + nameLength + extra
            files[name] = Array(bytes[start..<(start + size)])
            i = start + size
        }
        return files
    }
}
