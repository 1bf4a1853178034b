import Foundation
import Vapor
import Fluent
import SQLKit
import NIOPosix

extension Application {
    /// The advisory-lock key every Chorus server takes around its migrations ("chorus-m" as ASCII). PostgreSQL advisory
    /// locks belong to the whole database, not a schema, so servers (or test runs) on other schemas of the same database
    /// wait for each other's migrations too: harmless, they are a second or two at start.
    static let migrationLockKey: Int64 = 0x6368_6f72_7573_2d6d

    /// Runs the migrations that have not run yet, holding a lock so that servers starting at the same moment migrate
    /// once: the first takes the lock and migrates, the others wait for it, then find every migration in the log and do
    /// nothing. Without it two servers both read an empty log and both run `CreateOrganisations`, and the second fails.
    ///
    /// - PostgreSQL: `pg_advisory_lock` on one connection held from the pool for the whole run (migrations use the
    ///   others), released with `pg_advisory_unlock` after; a server that dies mid-way loses its connection and with it
    ///   the lock, so nobody waits for ever.
    /// - SQLite: one server process owns the database file (several servers need PostgreSQL), and within it writes
    ///   already go one at a time through SQLite's single-writer file lock and the write gate. That does not cover the
    ///   check-then-migrate of two *processes* on one file (say `chorus migrate` run while the server starts), so an
    ///   exclusive `flock` on `<database>.migrate-lock` is held around the run as well; the kernel drops it if the
    ///   process dies. An in-memory database belongs to one process: no lock.
    public func migrateUnderLock() async throws {
        switch chorusConfig.database {
        case .postgres:
            try await db.withConnection { conn in
                guard let held = conn as? any SQLDatabase else { return try await self.autoMigrate() }
                try await held.raw("SELECT pg_advisory_lock(\(bind: Self.migrationLockKey))").run()
                do {
                    try await self.autoMigrate()
                } catch {
                    try? await held.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
                    throw error
                }
                try await held.raw("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))").run()
            }
        case .sqliteFile(let path):
            let lock = try await FileLock.acquire(path + ".migrate-lock")
            do {
                try await autoMigrate()
            } catch {
                lock.release()
                throw error
            }
            lock.release()
        case .sqliteMemory:
            try await autoMigrate()
        }
    }
}

/// An exclusive `flock` on a file, taken on a thread-pool thread since it waits for another process.
private struct FileLock: Sendable {
    let fd: Int32

    static func acquire(_ path: String) async throws -> FileLock {
        try await NIOThreadPool.singleton.runIfActive {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CommandFailure(message: "cannot open the migration lock \(path): errno \(errno)") }
            while flock(fd, LOCK_EX) != 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                throw CommandFailure(message: "cannot lock \(path): errno \(e)")
            }
            return FileLock(fd: fd)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
