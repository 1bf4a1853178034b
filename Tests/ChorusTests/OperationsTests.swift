import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore

/// Running Chorus: migrations under a lock, the client address behind proxies, backup and restore.
@Suite struct OperationsTests {
    static var onPostgres: Bool {
        if case .postgres = AppConfig.testing().database { return true }
        return false
    }

    /// Two servers starting at once on one PostgreSQL: both migrate under the advisory lock, the second finds the work
    /// done; the log has each migration once and neither fails.
    @Test(.enabled(if: onPostgres, "needs PostgreSQL (DATABASE_URL); on SQLite one process owns the file"))
    func twoServersStartingAtOnceMigrateOnce() async throws {
        let config = AppConfig.testing()
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        do {
            try await configure(first, config: config, postgresSchema: schema)
            try await configure(second, config: config, postgresSchema: schema)
            async let a: Void = first.migrateUnderLock()
            async let b: Void = second.migrateUnderLock()
            _ = try await (a, b)
            let sql = first.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT name, COUNT(*) AS n FROM _fluent_migrations GROUP BY name").all()
            let counts = try rows.map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "n", as: Int.self)) }
            #expect(counts.count == Migrations.all.count)
            #expect(counts.allSatisfy { $0.1 == 1 }, "\(counts.filter { $0.1 != 1 })")
            // The lock was released: a third start takes it at once and has nothing to do.
            try await first.migrateUnderLock()
            let total = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()?.decode(column: "n", as: Int.self)
            #expect(total == Migrations.all.count)
        } catch {
            Issue.record(error)
        }
        try? await (first.db as? any SQLDatabase)?.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        try await first.asyncShutdown()
        try await second.asyncShutdown()
    }

    /// On a SQLite file two processes (a server starting while `chorus migrate` runs) are kept apart by a file lock;
    /// two apps in one process on one file stand in for them.
    @Test func twoAppsOnOneSQLiteFileMigrateOnce() async throws {
        guard !Self.onPostgres else { return }
        var config = AppConfig.testing()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-ops-" + UUID().uuidString).path
        config.database = .sqliteFile(path: dir + "/chorus.sqlite")
        config.dataDirectory = dir
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try await Application.make(.testing)
        let second = try await Application.make(.testing)
        do {
            try await configure(first, config: config)
            try await configure(second, config: config)
            async let a: Void = first.migrateUnderLock()
            async let b: Void = second.migrateUnderLock()
            _ = try await (a, b)
            let sql = first.db as! any SQLDatabase
            let total = try await sql.raw("SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS d FROM _fluent_migrations").first()
            #expect(try total?.decode(column: "n", as: Int.self) == Migrations.all.count)
            #expect(try total?.decode(column: "d", as: Int.self) == Migrations.all.count)
        } catch {
            Issue.record(error)
        }
        try await first.asyncShutdown()
        try await second.asyncShutdown()
    }

    // MARK: Client address behind proxies

    /// Posts the sign-in form through a real socket (so the server sees a peer address), with `forwardedFor` as the
    /// `X-Forwarded-For` header; the form's token and cookie come from `browser`.
    @discardableResult
    static func signIn(_ browser: Browser, _ email: String, forwardedFor: String?) async throws -> TestingHTTPResponse {
        try await browser.get("/sign-in")
        let body = ["email": email, "password": "not the password", "_csrf": browser.csrf]
            .map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
        return try await browser.app.testing(method: .running(port: 0))
            .sendRequest(.POST, "/sign-in", headers: headers, body: ByteBuffer(string: body))
    }

    /// Stores `count` recent failed sign-ins from `address` (each for a different account, so only the address limit
    /// is reached): the throttle then stops that address's next attempt.
    static func fail(_ app: Application, from address: String, count: Int) async throws {
        for i in 0..<count {
            let f = SignInFailure()
            f.account = "nobody\(i)@\(address).test"; f.address = address; f.at = Date()
            try await f.create(on: app.db)
        }
    }

    static func addresses(_ app: Application) async throws -> [String] {
        try await SignInFailure.query(on: app.db).all().map(\.address)
    }

    static let locked = "Too many failed attempts"

    /// With no trusted proxies an attacker cannot dodge the address limit by sending a new X-Forwarded-For each time:
    /// the header is ignored and the socket's peer is the key.
    @Test func aSpoofedForwardedForDoesNotChangeTheThrottleKey() async throws {
        try await TestApp.run { app, _ in
            #expect(app.chorusConfig.trustedProxies.ranges.isEmpty)
            let b = Browser(app)
            let first = try await Self.signIn(b, "a@nowhere.test", forwardedFor: "198.51.100.1")
            #expect(first.body.string.contains("not right"))
            try await Self.signIn(b, "b@nowhere.test", forwardedFor: "198.51.100.2, 203.0.113.2")
            let stored = try await Self.addresses(app)
            #expect(stored.count == 2 && Set(stored).count == 1, "\(stored)")
            let peer = try #require(stored.first)
            #expect(IPAddress(peer) != nil && !peer.hasPrefix("198.51.100") && !peer.hasPrefix("203.0.113"))
            try await Self.fail(app, from: peer, count: 18)
            let res = try await Self.signIn(b, "c@nowhere.test", forwardedFor: "192.0.2.\(Int.random(in: 1...254))")
            #expect(res.body.string.contains(Self.locked))
        }
    }

    /// Behind a trusted proxy each forwarded client is throttled on its own address, and a client cannot hide behind
    /// an address it writes into the header itself.
    @Test func behindATrustedProxyEachForwardedClientIsThrottledSeparately() async throws {
        try await TestApp.run { app, _ in
            app.chorusConfig.trustedProxies = try TrustedProxies.parse("127.0.0.0/8, ::1/128").get()
            let b = Browser(app)
            let first = try await Self.signIn(b, "a@nowhere.test", forwardedFor: "10.9.9.9, 198.51.100.1")
            #expect(first.body.string.contains("not right"))
            #expect(try await Self.addresses(app) == ["198.51.100.1"])
            try await Self.fail(app, from: "198.51.100.1", count: 19)
            // The throttled client is stopped whatever it writes to the left of the proxy's entry...
            let again = try await Self.signIn(b, "b@nowhere.test", forwardedFor: "192.0.2.55, 198.51.100.1")
            #expect(again.body.string.contains(Self.locked))
            // ...while another client behind the same proxy is not.
            let other = try await Self.signIn(b, "b@nowhere.test", forwardedFor: "198.51.100.2")
            #expect(other.body.string.contains("not right") && !other.body.string.contains(Self.locked))
            #expect(try await Self.addresses(app).filter { $0 == "198.51.100.2" }.count == 1)
        }
    }

    @Test func aMalformedTrustedProxyStopsStartUpNamingIt() {
        func problem(_ value: String) -> AppConfig.Problem? {
            do {
                _ = try AppConfig.fromEnvironment(["CHORUS_TRUSTED_PROXIES": value])
                return nil
            } catch { return error }
        }
        #expect(problem("10.0.0.0/8, fd00::/8") == nil)
        let p = problem("10.0.0.0/8, 10.0.0.0/40")
        #expect(p?.variable == "CHORUS_TRUSTED_PROXIES")
        #expect(p?.description.contains("\"10.0.0.0/40\"") == true)
        #expect(problem("proxy.internal")?.variable == "CHORUS_TRUSTED_PROXIES")
        #expect((try? AppConfig.fromEnvironment([:]))?.trustedProxies.ranges.isEmpty == true)
        #expect((try? AppConfig.fromEnvironment(["CHORUS_TRUSTED_PROXIES": " 10.0.0.0/8 ,::1 "]))?.trustedProxies.ranges.count == 2)
    }
}
