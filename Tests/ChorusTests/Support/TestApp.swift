import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore

/// People every HTTP test can sign in as. Password for all: `TestApp.password`.
struct Fixture {
    let councilID: UUID
    let nhsID: UUID
    let admin: String = "admin@council.test"
    let officer: String = "officer@council.test"
    let viewer: String = "viewer@nhs.test"
    let champion: String = "champion@council.test"
}

enum TestApp {
    static let password = "correct horse battery"

    /// Runs `body` against a fresh app: in-memory SQLite, or a throwaway schema on PostgreSQL when DATABASE_URL is set.
    /// `fileDatabase`: a SQLite file in a temporary folder instead of memory (to test locking), unless on PostgreSQL.
    /// `ownDataDirectory` gives the app a data directory no other test shares, for a test whose checks depend on the
    /// files in it (tests run in parallel, and a sweep in another app would otherwise see this test's files).
    static func run(
        fileDatabase: Bool = false, ownDataDirectory: Bool = false, _ body: (Application, Fixture) async throws -> Void
    ) async throws {
        var config = AppConfig.testing()
        if fileDatabase, config.database == .sqliteMemory {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-test-" + UUID().uuidString).path
            config.database = .sqliteFile(path: dir + "/chorus.sqlite")
        }
        let ownDirectory =
            ownDataDirectory ? FileManager.default.temporaryDirectory.appendingPathComponent("chorus-data-" + UUID().uuidString).path : nil
        if let ownDirectory { config.dataDirectory = ownDirectory }
        defer { if let ownDirectory { try? FileManager.default.removeItem(atPath: ownDirectory) } }
        let schema: String? = {
            if case .postgres = config.database { return "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
            return nil
        }()
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: config, postgresSchema: schema)
            try await app.autoMigrate()
            let fixture = try await seed(app)
            try await body(app, fixture)
        } catch {
            try? await dropSchema(app, schema)
            try? await app.asyncShutdown()
            throw error
        }
        try await dropSchema(app, schema)
        try await app.asyncShutdown()
    }

    private static func dropSchema(_ app: Application, _ schema: String?) async throws {
        guard let schema, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }

    static func seed(_ app: Application) async throws -> Fixture {
        let hash = try Bcrypt.hash(password, cost: 4)
        func org(_ name: String, _ type: OrganisationType) async throws -> UUID {
            let o = Organisation()
            o.name = name; o.type = type.rawValue
            try await o.create(on: app.db)
            return o.id!
        }
        let council = try await org("Test Council", .council)
        let nhs = try await org("Test NHS Trust", .nhsTrust)
        for (name, email, role, orgID) in [
            ("Ada Admin", "admin@council.test", Role.partnershipAdmin, council),
            ("Oscar Officer", "officer@council.test", .officer, council),
            ("Vera Viewer", "viewer@nhs.test", .viewer, nhs),
            ("Cara Champion", "champion@council.test", .champion, council),
        ] {
            let p = Person()
            p.name = name; p.email = email; p.role = role.rawValue; p.$organisation.id = orgID; p.active = true; p.passwordHash = hash
            try await p.create(on: app.db)
        }
        return Fixture(councilID: council, nhsID: nhs)
    }
}

/// One part of a multipart form: a text field, or a file when `filename` is set.
struct FormPart {
    var name: String
    var filename: String? = nil
    var bytes: [UInt8]

    /// The parts as a `multipart/form-data` body with `boundary`; without `close`, the closing delimiter is left off
    /// (a body cut off after its last part).
    static func body(_ parts: [FormPart], boundary: String, close: Bool = true) -> ByteBuffer {
        var body = ByteBuffer()
        for part in parts {
            let file = part.filename.map { "; filename=\"\($0)\"\r\nContent-Type: text/csv" } ?? ""
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"\(file)\r\n\r\n")
            body.writeBytes(part.bytes)
            body.writeString("\r\n")
        }
        if close { body.writeString("--\(boundary)--\r\n") }
        return body
    }
}

/// A browser-like client: keeps cookies between requests and reads the CSRF token from pages.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String = ""
    /// The bot-protection stamp of the last page with a public form (`BotGuard`), sent back with forms as a browser would.
    var stamp: String = ""

    init(_ app: Application) { self.app = app }

    private var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    private func remember(_ res: TestingHTTPResponse) {
        for value in res.headers[.setCookie] {
            let pair = value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]), v = String(parts[1])
            if value.contains("Expires=Thu, 01 Jan 1970") || v.isEmpty { cookies[name] = nil } else { cookies[name] = v }
        }
        let body = res.body.string
        if let r = body.range(of: "name=\"\(BotGuard.stampField)\" type=\"hidden\" value=\"") {
            stamp = String(body[r.upperBound...].prefix { $0 != "\"" })
        }
        if let r = body.range(of: "name=\"_csrf\" type=\"hidden\" value=\"") ?? body.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(body[r.upperBound...].prefix { $0 != "\"" })
        } else if let r = body.range(of: "name=\"_csrf\""), let v = body[r.upperBound...].range(of: "value=\"") {
            csrf = String(body[v.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    func get(_ path: String, headers extra: [(String, String)] = []) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        for (k, v) in extra { headers.add(name: k, value: v) }
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(res)
        return res
    }

    /// Posts a urlencoded form, with the CSRF token unless `csrf: false`.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf sendToken: Bool = true) async throws -> TestingHTTPResponse {
        try await post(path, pairs: fields.map { ($0.key, $0.value) }, csrf: sendToken)
    }

    /// Posts a urlencoded form whose fields may repeat (a group of checkboxes), with the CSRF token unless `csrf: false`
    /// and the page's bot stamp unless the fields carry one.
    @discardableResult
    func post(_ path: String, pairs: [(String, String)], csrf sendToken: Bool = true) async throws -> TestingHTTPResponse {
        var all = pairs.filter { !sendToken || $0.0 != "_csrf" }
        if sendToken { all.append(("_csrf", csrf)) }
        if !stamp.isEmpty && !pairs.contains(where: { $0.0 == BotGuard.stampField }) { all.append((BotGuard.stampField, stamp)) }
        let body = all.map { k, v in "\(Self.encode(k))=\(Self.encode(v))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    /// Posts a multipart form with one file field.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, content: String, fields: [String: String] = [:]) async throws -> TestingHTTPResponse
    {
        try await postMultipart(
            path,
            fields.map { FormPart(name: $0.key, bytes: Array($0.value.utf8)) }
                + [FormPart(name: field, filename: filename, bytes: Array(content.utf8))])
    }

    /// Posts a multipart form as a browser would, with `_csrf` as the first part (or the last, or `csrf` instead of
    /// the page's token).
    @discardableResult
    func postMultipart(_ path: String, _ parts: [FormPart], csrf token: String? = nil, csrfLast: Bool = false) async throws -> TestingHTTPResponse {
        let (headers, body) = multipart(parts, csrf: token, csrfLast: csrfLast)
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        remember(res)
        return res
    }

    /// As `postMultipart`, through a real socket to the app served on a free port, so the server reads the body in
    /// chunks as it arrives; redirects are followed. Vapor's own `.running` tester gives up after 30 seconds, which a
    /// megabyte upload beside a full parallel test run on two cores has exceeded (CI, PostgreSQL); this waits up to
    /// three minutes.
    func postMultipartLive(_ path: String, _ parts: [FormPart], csrfLast: Bool = false) async throws -> (status: HTTPStatus, body: String) {
        var (headers, body) = multipart(parts, csrf: nil, csrfLast: csrfLast)
        headers.replaceOrAdd(name: .contentLength, value: String(body.readableBytes))
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(app.http.server.shared.localAddress?.port)
            let request = ClientRequest(
                method: .POST, url: URI(string: "http://127.0.0.1:\(port)\(path)"), headers: headers, body: body, timeout: .minutes(3))
            let response = try await app.client.send(request)
            await app.server.shutdown()
            return (response.status, response.body.map { String(buffer: $0) } ?? "")
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    private func multipart(_ parts: [FormPart], csrf token: String?, csrfLast: Bool) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "chorus-test-boundary"
        let csrfPart = FormPart(name: "_csrf", bytes: Array((token ?? csrf).utf8))
        let body = FormPart.body(csrfLast ? parts + [csrfPart] : [csrfPart] + parts, boundary: boundary)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookieHeader) }
        return (headers, body)
    }

    /// Signs in through the real form.
    @discardableResult
    func signIn(_ email: String, password: String = TestApp.password) async throws -> TestingHTTPResponse {
        try await get("/sign-in")
        return try await post("/sign-in", ["email": email, "password": password])
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// JSON API calls with a bearer token.
struct APIClient {
    let app: Application
    let token: String?

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func object(_ res: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(res.body.string.utf8)) as? [String: Any] ?? [:]
    }

    /// Signs in through the browser and creates a personal token on the tokens page, as a person would.
    static func forUser(_ app: Application, _ email: String) async throws -> APIClient {
        let b = Browser(app)
        try await b.signIn(email)
        try await b.get("/account/tokens")
        let res = try await b.post("/account/tokens", ["name": "test"])
        let body = res.body.string
        guard let r = body.range(of: "id=\"new-token\">") else { throw Abort(.internalServerError, reason: "no token on page") }
        return APIClient(app: app, token: String(body[r.upperBound...].prefix { $0 != "<" }))
    }
}
