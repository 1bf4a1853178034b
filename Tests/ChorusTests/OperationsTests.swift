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
}
