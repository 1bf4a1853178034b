import Foundation
import Vapor
import Fluent
import SQLKit
import SQLiteNIO

/// `chorus backup PATH` and `chorus restore PATH` for SQLite (docs/operations.md). PostgreSQL is backed up with
/// `scripts/pg-backup.sh` (pg_dump) instead.
///
/// A backup is a folder: `chorus.sqlite`, a consistent copy made by `VACUUM INTO` on the live database (one read
/// transaction, so it holds exactly what was committed when it began, while the server carries on serving and
/// writing), and beside it what else in the data folder a restored server needs: `session-secret`, and the `outbox`,
/// `uploads` and `imports` folders (emails not yet sent, uploads waiting to be confirmed, files of queued imports).
public enum Backup {
    static let databaseFile = "chorus.sqlite"
    static let secretFile = "session-secret"
    static let folders = ["outbox", "uploads", "imports"]

    static let postgresMessage =
        "chorus backup and restore are for SQLite. On PostgreSQL use scripts/pg-backup.sh and scripts/pg-restore.sh "
        + "(pg_dump -Fc / pg_restore with DATABASE_URL); see docs/operations.md."

    /// Writes a backup of `app`'s database and data folder into `path`, which must not exist or be an empty folder.
    /// Returns what was copied, for the command to print.
    public static func write(_ app: Application, to path: String) async throws -> [String] {
        let config = app.chorusConfig
        guard case .sqliteFile = config.database else {
            if case .postgres = config.database { throw CommandFailure(message: postgresMessage) }
            throw CommandFailure(message: "the database is in memory (DATABASE_URL=sqlite::memory:); there is nothing to back up")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            guard try isEmptyFolder(path) else {
                throw CommandFailure(message: "\(path) already exists and is not an empty folder; choose a new folder for the backup")
            }
        }
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard let sql = app.db as? any SQLDatabase else { throw CommandFailure(message: "the database does not take SQL") }
        let migrated = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = '_fluent_migrations'").first()?
            .decode(column: "n", as: Int.self)
        guard migrated == 1 else { throw CommandFailure(message: "the database has no Chorus tables yet; there is nothing to back up") }
        let target = (path as NSString).appendingPathComponent(databaseFile)
        // One statement, one read transaction: a snapshot of everything committed when it began. WAL lets the server's
        // writes carry on meanwhile; they are not in the copy.
        try await sql.raw("VACUUM INTO \(bind: target)").run()
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        var copied = [databaseFile]
        let data = config.dataDirectory
        let secret = (data as NSString).appendingPathComponent(secretFile)
        if config.sessionSecret == nil, fm.fileExists(atPath: secret) {
            try fm.copyItem(atPath: secret, toPath: (path as NSString).appendingPathComponent(secretFile))
            copied.append(secretFile)
        }
        for folder in folders {
            let from = (data as NSString).appendingPathComponent(folder)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: from, isDirectory: &isDir), isDir.boolValue else { continue }
            try fm.copyItem(atPath: from, toPath: (path as NSString).appendingPathComponent(folder))
            copied.append(folder + "/")
        }
        return copied
    }

    /// Puts the backup in `path` back as `config`'s database and data folder. The data folder must be new or empty (no
    /// database, secret or folders), unless `force`, which replaces them; the server must be stopped. The backup's
    /// database must pass `PRAGMA integrity_check` and hold Chorus's migration log with no migration this version does
    /// not know (a backup from a newer Chorus); migrations it lacks run when the server starts.
    public static func restore(from path: String, into config: AppConfig, force: Bool) async throws -> [String] {
        guard case .sqliteFile(let databasePath) = config.database else {
            if case .postgres = config.database { throw CommandFailure(message: postgresMessage) }
            throw CommandFailure(message: "the database is in memory (DATABASE_URL=sqlite::memory:); set CHORUS_DATA_DIR to restore into")
        }
        let fm = FileManager.default
        let source = (path as NSString).appendingPathComponent(databaseFile)
        guard fm.fileExists(atPath: source) else {
            throw CommandFailure(message: "\(path) is not a Chorus backup: it has no \(databaseFile)")
        }
        try await check(source)

        let data = config.dataDirectory
        let existing =
            [databasePath, databasePath + "-wal", databasePath + "-shm", (data as NSString).appendingPathComponent(secretFile)]
            + folders.map { (data as NSString).appendingPathComponent($0) }
        let present = existing.filter { fm.fileExists(atPath: $0) }
        if !present.isEmpty {
            guard force else {
                throw CommandFailure(
                    message: "the data folder is not empty (\(present.joined(separator: ", "))); restore into a new CHORUS_DATA_DIR, "
                        + "or stop the server and add --force to replace them")
            }
            for p in present { try fm.removeItem(atPath: p) }
        }
        try fm.createDirectory(atPath: data, withIntermediateDirectories: true)
        let dbDir = (databasePath as NSString).deletingLastPathComponent
        if !dbDir.isEmpty { try fm.createDirectory(atPath: dbDir, withIntermediateDirectories: true) }
        // Copied under a temporary name and renamed, so a restore cut short never leaves half a database in place.
        let partial = databasePath + ".restoring"
        try? fm.removeItem(atPath: partial)
        try fm.copyItem(atPath: source, toPath: partial)
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
        try fm.moveItem(atPath: partial, toPath: databasePath)
        var restored = [databasePath]
        let secret = (path as NSString).appendingPathComponent(secretFile)
        if fm.fileExists(atPath: secret) {
            let to = (data as NSString).appendingPathComponent(secretFile)
            try fm.copyItem(atPath: secret, toPath: to)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to)
            restored.append(to)
        }
        for folder in folders {
            let from = (path as NSString).appendingPathComponent(folder)
            guard fm.fileExists(atPath: from) else { continue }
            let to = (data as NSString).appendingPathComponent(folder)
            try fm.copyItem(atPath: from, toPath: to)
            restored.append(to + "/")
        }
        return restored
    }

    /// The backup's database is whole and is Chorus's.
    static func check(_ file: String) async throws {
        let conn = try await SQLiteConnection.open(storage: .file(path: file))
        do {
            let integrity = try await conn.query("PRAGMA integrity_check").compactMap { $0.columns.first?.data.string }
            guard integrity == ["ok"] else {
                throw CommandFailure(message: "\(file) is damaged (integrity check: \(integrity.prefix(3).joined(separator: "; ")))")
            }
            let hasLog = try await conn.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'")
            guard !hasLog.isEmpty else {
                throw CommandFailure(message: "\(file) is not a Chorus database: it has no migration log (_fluent_migrations)")
            }
            let names = try await conn.query("SELECT name FROM _fluent_migrations").compactMap { $0.column("name")?.string }
            let known = Set(Migrations.all.map(\.name))
            let unknown = names.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw CommandFailure(
                    message: "\(file) was made by a newer Chorus (it has migrations this version does not know: "
                        + "\(unknown.prefix(3).joined(separator: ", "))); restore it with that version")
            }
            guard names.contains(Migrations.all[0].name) else {
                throw CommandFailure(message: "\(file) is not a Chorus database: its migration log has none of Chorus's migrations")
            }
        } catch {
            try? await conn.close()
            throw error
        }
        try await conn.close()
    }

    static func isEmptyFolder(_ path: String) throws -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return false }
        return try FileManager.default.contentsOfDirectory(atPath: path).isEmpty
    }
}

struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "path", help: "A new (or empty) folder to write the backup to") var path: String
    }
    var help: String { "Copies the SQLite database (while the server runs) and the data folder's files into a new folder." }
    func run(using context: CommandContext, signature: Signature) async throws {
        let copied = try await Backup.write(context.application, to: signature.path)
        context.console.print("Backed up to \(signature.path): \(copied.joined(separator: ", ")).")
    }
}
