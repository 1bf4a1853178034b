import Foundation
import Testing
import VaporTesting
import Fluent
import SQLKit
@testable import Chorus
import ChorusCore
import SQLiteNIO

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
            // Every connection (one per event loop) has the larger page cache configure sets.
            for loop in first.eventLoopGroup.makeIterator() {
                let db = try #require(first.databases.database(.sqlite, logger: first.logger, on: loop) as? any SQLDatabase)
                #expect(try await db.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) == -65_536)
            }
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

    // MARK: Backup and restore

    static func sqliteConfig(_ dir: String) -> AppConfig {
        var config = AppConfig.testing()
        config.database = .sqliteFile(path: dir + "/chorus.sqlite")
        config.dataDirectory = dir
        config.sessionSecret = nil  // generated into the data folder, so the backup must carry it
        return config
    }

    /// A backup taken while several writers insert is a consistent copy holding everything committed before it began;
    /// restored into a fresh data folder, a server starts on it and finds those records, the secret and the outbox.
    @Test func aBackupTakenDuringWritesRestoresIntoAFreshDataFolder() async throws {
        guard !Self.onPostgres else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-backup-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let live = Self.sqliteConfig(root + "/live")
        let app = try await Application.make(.testing)
        var committedBefore: [UUID: String] = [:]
        var committedAfter = 0
        var writtenBeforeBackup = 0
        var secret = ""
        do {
            try await configure(app, config: live)
            try await app.migrateUnderLock()
            _ = try await TestApp.seed(app)
            secret = app.sessionSecret
            try FileManager.default.createDirectory(atPath: root + "/live/outbox", withIntermediateDirectories: true)
            try Data("Subject: waiting\r\n\r\nhello".utf8).write(to: URL(fileURLWithPath: root + "/live/outbox/1.eml"))
            for i in 0..<50 {
                let o = Organisation()
                o.name = "Before \(i) \"'<>"; o.type = OrganisationType.nhsTrust.rawValue
                try await o.create(on: app.db)
                committedBefore[o.id!] = o.name
            }
            let before = try await Organisation.query(on: app.db).count()
            // Four writers insert through the app's write gate from before the backup starts until after it ends.
            let progress = WriteProgress()
            let writing = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for w in 0..<4 {
                        group.addTask {
                            var i = 0
                            while await !progress.stopped {
                                let name = "During \(w)-\(i)"
                                try await app.writeGate.run {
                                    let o = Organisation()
                                    o.name = name; o.type = OrganisationType.council.rawValue
                                    try await o.create(on: app.db)
                                }
                                await progress.wrote()
                                i += 1
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            while await progress.count < 8 { try await Task.sleep(for: .milliseconds(5)) }
            writtenBeforeBackup = await progress.count
            let copied = try await Backup.write(app, to: root + "/backup")
            let writtenByTheEnd = await progress.count
            // The writers carry on after the backup (how many land while it runs depends on the machine's load: a
            // small copy can finish between two writes), and what they write after it is not in the copy.
            while await progress.count < writtenByTheEnd + 8 { try await Task.sleep(for: .milliseconds(5)) }
            await progress.stop()
            try await writing.value
            committedAfter = try await Organisation.query(on: app.db).count()
            #expect(copied.contains("chorus.sqlite") && copied.contains("session-secret") && copied.contains("outbox/"))
            #expect(before == committedBefore.count + 2)
            // A second backup into the same folder is refused rather than mixed in.
            await #expect(throws: CommandFailure.self) { _ = try await Backup.write(app, to: root + "/backup") }
        } catch {
            Issue.record(error)
        }
        try await app.asyncShutdown()

        // The copy is whole.
        let conn = try await SQLiteConnection.open(storage: .file(path: root + "/backup/chorus.sqlite"))
        let integrity = try await conn.query("PRAGMA integrity_check").compactMap { $0.columns.first?.data.string }
        try await conn.close()
        #expect(integrity == ["ok"])

        // Restore into a fresh data folder and start a server on it.
        let fresh = Self.sqliteConfig(root + "/fresh")
        let restored = try await Backup.restore(from: root + "/backup", into: fresh, force: false)
        #expect(restored.count == 3)
        let back = try await Application.make(.testing)
        do {
            try await configure(back, config: fresh)
            try await back.migrateUnderLock()
            #expect(back.sessionSecret == secret)
            #expect(FileManager.default.fileExists(atPath: root + "/fresh/outbox/1.eml"))
            let count = try await Organisation.query(on: back.db).count()
            // Everything committed before the backup began is there; nothing committed after it ended is.
            let atStart = committedBefore.count + 2 + writtenBeforeBackup
            #expect(count >= atStart && count < committedAfter, "\(atStart) ≤ \(count) < \(committedAfter)")
            print("backup during writes: \(atStart) rows committed at the start, \(count) in the copy, \(committedAfter) at the end")
            for (id, name) in committedBefore.shuffled().prefix(10) {
                #expect(try await Organisation.find(id, on: back.db)?.name == name)
            }
            #expect(try await Person.query(on: back.db).filter(\.$email == "admin@council.test").first() != nil)
            let res = try await Browser(back).signIn("admin@council.test")
            #expect(res.status.code == 303)
        } catch {
            Issue.record(error)
        }
        try await back.asyncShutdown()

        // A data folder that is in use is not overwritten without --force; with it, it is replaced.
        await #expect(throws: CommandFailure.self) { _ = try await Backup.restore(from: root + "/backup", into: fresh, force: false) }
        #expect(try await Backup.restore(from: root + "/backup", into: fresh, force: true).count == 3)
    }

    /// Restore checks it is given a Chorus backup: not a folder without a database, not some other SQLite file, not a
    /// damaged one, not one from a newer Chorus.
    @Test func restoreRefusesWhatIsNotAChorusBackup() async throws {
        guard !Self.onPostgres else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-restore-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/backup", withIntermediateDirectories: true)
        let target = Self.sqliteConfig(root + "/data")
        func refusal() async -> String {
            do {
                _ = try await Backup.restore(from: root + "/backup", into: target, force: false)
                return "restored"
            } catch { return "\(error)" }
        }
        #expect(await refusal().contains("has no chorus.sqlite"))
        let conn = try await SQLiteConnection.open(storage: .file(path: root + "/backup/chorus.sqlite"))
        _ = try await conn.query("CREATE TABLE notes (x TEXT)")
        #expect(await refusal().contains("no migration log"))
        _ = try await conn.query("CREATE TABLE _fluent_migrations (id TEXT, name TEXT, batch INTEGER)")
        _ = try await conn.query("INSERT INTO _fluent_migrations VALUES ('1', 'Chorus.CreateOrganisations', 1), ('2', 'Chorus.FromTheFuture', 2)")
        #expect(await refusal().contains("Chorus.FromTheFuture"))
        try await conn.close()
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: root + "/backup/chorus.sqlite"))
        #expect(await refusal() != "restored")
        #expect(!fm.fileExists(atPath: root + "/data/chorus.sqlite"))
    }

    /// On PostgreSQL `chorus backup` says what to use instead.
    @Test func onPostgresBackupPointsToTheScripts() async throws {
        guard Self.onPostgres else { return }
        try await TestApp.run { app, _ in
            do {
                _ = try await Backup.write(app, to: NSTemporaryDirectory() + "/never-" + UUID().uuidString)
                Issue.record("backup ran on PostgreSQL")
            } catch {
                #expect("\(error)".contains("scripts/pg-backup.sh"))
            }
        }
    }
}

/// Counts the writers' inserts and tells them when to stop.
actor WriteProgress {
    private(set) var count = 0
    private(set) var stopped = false
    func wrote() { count += 1 }
    func stop() { stopped = true }
}
