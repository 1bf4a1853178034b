import Fluent
import Foundation
import ChorusCore

/// Reads what `/readyz` judges (`Readiness` in ChorusCore): the migration log, the database, this server's sweep.
enum ReadinessCheck {
    struct Report: Sendable, Encodable {
        let status: String
        let database: String
        let migrations: Int
        let problems: [String]
    }

    static func report(databaseName: String, sweep: (workerStartedAt: Date?, lastFinished: Date?), now: Date, _ db: any Database)
        async throws -> Report
    {
        let applied = try await MigrationLog.query(on: db).all().map(\.name)
        let problems = Readiness.problems(
            known: Migrations.all.map(\.name), applied: applied,
            sweep: Readiness.Sweep(workerStarted: sweep.workerStartedAt != nil, lastFinished: sweep.lastFinished),
            startedAt: sweep.workerStartedAt ?? now, now: now)
        return Report(status: problems.isEmpty ? "ready" : "not ready", database: databaseName, migrations: applied.count, problems: problems)
    }
}
