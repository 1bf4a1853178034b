import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import ChorusCore

/// Progress of the imports running in this process. On SQLite the saving pass holds the only write lock inside
/// one transaction, so its progress cannot be written to the database until it commits; the job page reads it
/// from here instead. (On PostgreSQL progress is also written to the job row, for pages served by other servers.)
final class ImportProgress: Sendable {
    struct Snapshot: Sendable, Equatable {
        var phase: String
        var done: Int
    }
    private let box = NIOLockedValueBox<[UUID: Snapshot]>([:])

    func set(_ id: UUID, _ snapshot: Snapshot?) { box.withLockedValue { $0[id] = snapshot } }
    func get(_ id: UUID) -> Snapshot? { box.withLockedValue { $0[id] } }
}

extension Application {
    private struct ImportProgressKey: StorageKey { typealias Value = ImportProgress }
    var importProgress: ImportProgress {
        get { storage[ImportProgressKey.self] ?? ImportProgress() }
        set { storage[ImportProgressKey.self] = newValue }
    }
}

/// Runs an import job in the background, streaming the file twice in constant memory.
/// Pass 1 checks every row with the capture form's rules and counts the problems; if any row fails and the uploader
/// did not choose "valid rows only", nothing is stored. Pass 2 reads the file again and stores the rows in ONE
/// transaction, 1,000 at a time, so a failure part-way leaves nothing behind.
enum InsightImportRunner {
    static let chunk = 1_000

    /// A stop that is not about one row (the file or the reference data changed between the passes).
    struct Stopped: Error { let message: String }

    /// The saving pass holds one connection for its whole transaction. The database pools keep one connection per
    /// event loop, so on the main pool that would stall every request served by the same loop (and the job page with
    /// them). Imports therefore get their own pool, on the same database and configuration.
    static let databaseID = DatabaseID(string: "chorus-imports")

    static func jobs(_ j: FeatureJobs) {
        j.sweep("insight imports left behind") { app, now in try await resumeAbandoned(app, now: now) }
        j.sweep("insight import files kept for a retry") { app, now in try await purgeKeptFiles(app, now: now) }
        let app = j.app
        guard !app.databases.ids().contains(databaseID), let config = app.databases.configuration() else { return }
        app.databases.use(config, as: databaseID, isDefault: false)
    }

    static func database(_ app: Application) -> any Database {
        app.databases.ids().contains(databaseID) ? app.db(databaseID) : app.db
    }

    static let jobKind = "insight-import"

    /// Starts the job off the request, under its lease (`JobRunner`): on one server only, and again from the start
    /// by another server's sweep if this one stops (the saving pass is one transaction that also marks the job done,
    /// so nothing is stored twice).
    static func start(_ app: Application, jobID: UUID) {
        JobRunner.start(app, kind: jobKind, job: jobID) { await run(app, jobID: jobID) }
    }

    /// Imports still queued or running with no server holding their lease start again.
    static func resumeAbandoned(_ app: Application, now: Date = Date()) async throws {
        let stuck = try await ImportJob.query(on: app.db)
            .filter(\.$status ~~ [ImportJob.Status.queued.rawValue, ImportJob.Status.running.rawValue])
            .filter(\.$createdAt < JobRunner.abandonedBefore(app, now: now)).limit(100).all()
        try await JobRunner.resume(app, kind: jobKind, jobs: stuck.compactMap(\.id), now: now) { start(app, jobID: $0) }
    }

    static func run(_ app: Application, jobID: UUID) async {
        let db = app.db
        let progress = app.importProgress
        var path: String? = nil
        var total: Int? = nil
        // After "nothing was saved" because some rows failed, the file stays for "Import the N valid rows" (a day).
        var keepFile = false
        do {
            guard let job = try await ImportJob.find(jobID, on: db), let mapping = InsightImportService.decode(job.mapping) else { return }
            path = job.filePath
            guard let user = try await CurrentUser.load(personID: job.$person.id, on: db), user.role.canRecordInsight else {
                throw Stopped(message: "The person who uploaded the file can no longer record insights")
            }
            try await update(app, jobID) {
                $0.status = ImportJob.Status.running.rawValue; $0.phase = "checking"; $0.rowsDone = 0
            }
            progress.set(jobID, .init(phase: "checking", done: 0))
            let reference = try await InsightService.Reference.load(db, user: user)
            let lookup = try await RegisterImportService.Lookup.load(db)
            let today = Day(Date())

            // Pass 1: every row checked, nothing stored.
            let reader = try CSVFileReader(path: job.filePath)
            guard let head = try reader.next() else { throw Stopped(message: "The file is empty") }
            let header = head.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            var rows = 0, rejected = 0
            var problems: [InsightCSV.Problem] = []
            while let r = try reader.next() {
                rows += 1
                if case .rejected(let p) = InsightImportService.check(
                    r, header: header, mapping: mapping, user: user, reference: reference,
                    lookup: lookup, today: today)
                {
                    rejected += 1
                    problems += p.prefix(max(0, InsightCSV.maxProblems - problems.count))
                }
                if rows % chunk == 0 {
                    progress.set(jobID, .init(phase: "checking", done: rows))
                    let done = rows
                    try await update(app, jobID) { $0.rowsDone = done }
                }
            }
            total = rows
            if rejected > 0 && !mapping.validOnly {
                try await finish(app, jobID, .failed, total: rows, done: 0, rejected: rejected, problems: problems, message: nil)
                keepFile = rows > rejected
            } else if let expected = mapping.expectedValidRows, rows - rejected != expected {
                try await finish(
                    app, jobID, .failed, total: rows, done: 0, rejected: rejected, problems: problems,
                    message: Self.changedMessage(expected: expected, now: rows - rejected))
            } else if rows == rejected {
                try await finish(
                    app, jobID, .failed, total: rows, done: 0, rejected: rejected, problems: problems,
                    message: "No row could be imported")
            } else {
                progress.set(jobID, .init(phase: "saving", done: 0))
                try await update(app, jobID) {
                    $0.phase = "saving"; $0.rowsDone = 0
                }
                // `save` ends the job (done) in the transaction that stores the rows.
                _ = try await save(
                    app, jobID: jobID, path: job.filePath, fileName: job.fileName, header: header, mapping: mapping,
                    user: user, reference: reference, lookup: lookup, today: today, rejected: rejected, total: rows, problems: problems)
            }
        } catch {
            let message: String
            switch error {
            case let s as Stopped: message = s.message
            case let f as CSVStreamParser.Failure: message = InsightImportService.message(f)
            default:
                app.logger.error("insight import \(jobID) failed: \(String(reflecting: error))")
                message = "The import stopped because of an error on our side. Nothing was stored. Try again, or tell your administrator."
            }
            try? await finish(app, jobID, .failed, total: total, done: 0, rejected: 0, problems: [], message: message)
        }
        progress.set(jobID, nil)
        if let path, !keepFile { try? FileManager.default.removeItem(atPath: path) }
    }

    static func changedMessage(expected: Int, now: Int) -> String {
        "\(expected) rows passed the checks before, but \(now) pass now (a ward, theme, audience or activity may have changed). Nothing was stored; upload the file again to see which rows fail."
    }

    /// Removes files kept for "Import the N valid rows" once a day has passed, and any other upload left a day after
    /// its job ended or was removed (never a file whose job is waiting for its mapping, queued or running).
    static func purgeKeptFiles(_ app: Application, now: Date = Date()) async throws {
        let dir = InsightImportService.directory(app)
        let fm = FileManager.default
        let cutoff = now.addingTimeInterval(-UploadStash.maxAge)
        var old: [UUID: String] = [:]
        for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".csv") {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let id = UUID(uuidString: String(name.dropLast(4))),
                let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff
            else { continue }
            old[id] = path
        }
        guard !old.isEmpty else { return }
        let live = Set(
            try await ImportJob.query(on: app.db).filter(\.$id ~~ Array(old.keys))
                .filter(\.$status ~~ [ImportJob.Status.uploaded.rawValue, ImportJob.Status.queued.rawValue, ImportJob.Status.running.rawValue])
                .all().compactMap(\.id))
        for (id, path) in old where !live.contains(id) { try? fm.removeItem(atPath: path) }
    }

    /// Pass 2: stores every valid row in one transaction, in chunks (each chunk written while the next is checked), and
    /// reports progress between chunks.
    static func save(
        _ app: Application, jobID: UUID, path: String, fileName: String, header: [String], mapping: InsightCSV.Mapping, user: CurrentUser,
        reference: InsightService.Reference, lookup: RegisterImportService.Lookup, today: Day, rejected: Int, total: Int,
        problems: [InsightCSV.Problem]
    ) async throws -> Int {
        let db = app.db
        let progress = app.importProgress
        let onSQLite = (db as? any SQLDatabase)?.dialect.name == "sqlite"
        let importDB = database(app)
        return try await app.writeGate.run {
            @Sendable func storeRows(_ tx: any Database) async throws -> Int {
                let reader = try CSVFileReader(path: path)
                _ = try reader.next()
                var batch: [InsightService.Clean] = []
                batch.reserveCapacity(chunk)
                var stored = 0
                // The chunk being written while the next one is read and checked: the database works (SQLite on its
                // thread pool, PostgreSQL in its own process) while this task parses, so the two overlap on a second
                // core. At most two chunks are held, so memory stays constant.
                var writing: (task: Task<Void, any Error>, rows: Int)? = nil
                func settle() async throws {
                    guard let w = writing else { return }
                    writing = nil
                    try await w.task.value
                    stored += w.rows
                    progress.set(jobID, .init(phase: "saving", done: stored))
                    // Outside the transaction, on the main pool: PostgreSQL only (SQLite has one writer, and it is us).
                    if !onSQLite {
                        let done = stored
                        try await ImportJob.query(on: db).filter(\.$id == jobID).set(\.$rowsDone, to: done).update()
                    }
                }
                func flush() async throws {
                    guard !batch.isEmpty else { return }
                    try await settle()
                    let rows = batch
                    batch.removeAll(keepingCapacity: true)
                    writing = (Task { try await InsightService.insert(rows, on: tx) }, rows.count)
                }
                do {
                    while let r = try reader.next() {
                        switch InsightImportService.check(
                            r, header: header, mapping: mapping, user: user, reference: reference, lookup: lookup, today: today)
                        {
                        case .clean(let clean): batch.append(clean)
                        case .rejected:
                            if !mapping.validOnly {
                                throw Stopped(
                                    message:
                                        "Line \(r.line) no longer passes the checks (a ward, theme or audience may have changed while the file was being imported). Nothing was stored; run the import again."
                                )
                            }
                        }
                        if batch.count >= chunk { try await flush() }
                    }
                    try await flush()
                    try await settle()
                    // "Import the N valid rows": those N or nothing (a row may have stopped passing since pass 1).
                    if let expected = mapping.expectedValidRows, stored != expected {
                        throw Stopped(message: Self.changedMessage(expected: expected, now: stored))
                    }
                } catch {
                    // Never leave a write running on the transaction's connection while it is rolled back.
                    if let w = writing { _ = await w.task.result }
                    throw error
                }
                try await AuditService.record(
                    tx, actor: user.actor, action: .importFile, entity: InsightService.entity, id: nil,
                    label: "Imported \(stored) insights from \(fileName) (\(rejected) rows rejected)")
                // Done in the same transaction as the rows: a server that stops after the commit must not leave the job
                // running, or the next sweep would run it again and store every row twice (bench/crash_test.py).
                if let job = try await ImportJob.find(jobID, on: tx) {
                    try ended(.done, total: total, done: stored, rejected: rejected, problems: problems, message: nil)(job)
                    try await job.save(on: tx)
                }
                return stored
            }
            return try await importDB.transaction { tx in try await storeRows(tx) }
        }
    }

    static func update(_ app: Application, _ id: UUID, _ change: @escaping @Sendable (ImportJob) -> Void) async throws {
        try await app.writeGate.run {
            guard let job = try await ImportJob.find(id, on: app.db) else { return }
            change(job)
            try await job.save(on: app.db)
        }
    }

    static func finish(
        _ app: Application, _ id: UUID, _ status: ImportJob.Status, total: Int?, done: Int, rejected: Int,
        problems: [InsightCSV.Problem], message: String?
    ) async throws {
        try await update(app, id, try ended(status, total: total, done: done, rejected: rejected, problems: problems, message: message))
    }

    /// What the job's row says once it has ended.
    static func ended(
        _ status: ImportJob.Status, total: Int?, done: Int, rejected: Int, problems: [InsightCSV.Problem], message: String?
    ) throws -> @Sendable (ImportJob) -> Void {
        let errors = problems.isEmpty ? nil : String(decoding: try JSONEncoder().encode(problems), as: UTF8.self)
        return { job in
            job.status = status.rawValue
            job.phase = nil
            if let total { job.rowsTotal = total }
            job.rowsDone = done
            job.rowsRejected = rejected
            job.errors = errors
            job.message = message
            job.finishedAt = Date()
        }
    }
}
