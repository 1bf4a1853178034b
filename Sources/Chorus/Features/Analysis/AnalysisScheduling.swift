import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Scheduled re-runs of saved analyses, and picking up runs a stopped server left behind. Both are steps of the
/// background sweep (`JobSweep`) every server runs; both are safe when several servers sweep at once.
enum AnalysisScheduling {
    static let entity = "analysis_schedule"

    static func jobs(_ j: FeatureJobs) {
        j.sweep("analysis runs left behind") { app, now in try await resumeAbandoned(app, now: now) }
        j.sweep("scheduled analyses") { app, now in try await startDue(app, now: now) }
    }

    static func schedule(of run: AnalysisRun, _ db: any Database) async throws -> AnalysisSchedule? {
        try await AnalysisSchedule.query(on: db).filter(\.$latestRun.$id == run.id!).first()
    }

    /// A run has been run again (by hand or by its schedule): its schedule now follows the new run.
    static func follow(from previous: UUID, to run: UUID, _ db: any Database) async throws {
        guard let s = try await AnalysisSchedule.query(on: db).filter(\.$latestRun.$id == previous).first() else { return }
        s.$latestRun.id = run
        try await s.save(on: db)
    }

    /// Sets (daily / weekly) or removes ("none") the schedule of a finished run: the newest of its chain only, so a
    /// chain of runs never forks.
    static func set(_ run: AnalysisRun, frequency raw: String?, user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> AnalysisSchedule?
    {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        let frequency = AnalysisFrequency(rawValue: value)
        guard frequency != nil || value == "none" else {
            throw ValidationFailure([FieldError("frequency", "Choose how often the analysis runs again: every night, every week, or not by itself")])
        }
        if try await AnalysisRun.query(on: db).filter(\.$previousRunID == run.id).first() != nil {
            throw ValidationFailure([FieldError("frequency", "This analysis has been run again since: schedule its newest run")])
        }
        let existing = try await schedule(of: run, db)
        return try await db.transaction { tx in
            guard let frequency else {
                if let existing {
                    try await existing.delete(on: tx)
                    try await AuditService.record(
                        tx, actor: user.actor, action: .delete, entity: entity, id: existing.id, label: AuditLabel.analysisRun(run.id),
                        before: ["frequency": existing.frequency])
                }
                return nil
            }
            let s = existing ?? AnalysisSchedule()
            let before = existing?.frequency
            s.$latestRun.id = run.id!
            s.frequency = frequency.rawValue
            s.nextRunAt = frequency.next(after: now)
            s.$person.id = user.id
            try await s.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: existing == nil ? .create : .update, entity: entity, id: s.id, label: AuditLabel.analysisRun(run.id),
                before: before.map { ["frequency": $0] }, after: ["frequency": frequency.rawValue])
            return s
        }
    }

    /// Starts the runs whose schedule is due. A schedule is claimed by writing a fresh token where the token read
    /// before is still there: of two servers, only one finds its own token afterwards.
    static func startDue(_ app: Application, now: Date = Date()) async throws {
        let db = app.db
        let due = try await AnalysisSchedule.query(on: db).filter(\.$nextRunAt <= now).sort(\.$nextRunAt).limit(50).all()
        for s in due {
            let token = UUID().uuidString
            let claimed: Bool = try await app.writeGate.run {
                guard let sql = db as? any SQLDatabase else { return false }
                let next = s.frequencyValue.next(after: now)
                if let old = s.claim {
                    try await sql.raw(
                        "UPDATE \(ident: AnalysisSchedule.schema) SET claim = \(bind: token), next_run_at = \(bind: next) WHERE id = \(bind: s.id!) AND claim = \(bind: old)"
                    ).run()
                } else {
                    try await sql.raw(
                        "UPDATE \(ident: AnalysisSchedule.schema) SET claim = \(bind: token), next_run_at = \(bind: next) WHERE id = \(bind: s.id!) AND claim IS NULL"
                    ).run()
                }
                return try await AnalysisSchedule.find(s.id, on: db)?.claim == token
            }
            guard claimed, let latest = try await AnalysisRun.find(s.$latestRun.id, on: db) else { continue }
            // Still running from last time: skip this turn (the next one is already set).
            guard latest.statusValue == .done || latest.statusValue == .failed else { continue }
            // After a failed run, match the new one to the last run that finished.
            var previous: AnalysisRun? = latest
            if latest.statusValue == .failed {
                previous = nil
                if let id = latest.previousRunID { previous = try await AnalysisRun.find(id, on: db) }
            }
            let previousID = previous?.statusValue == .done ? previous?.id : nil
            let run: AnalysisRun = try await app.writeGate.run {
                let run = try await AnalysisService.queue(
                    title: latest.title, query: latest.scopeQuery, bundle: latest.bundleID,
                    organisation: latest.$organisation.id, person: s.$person.id, seed: latest.seed,
                    previous: previousID,
                    actor: Actor(id: nil, name: "schedule (\(s.frequencyValue.rawValue))"), on: db)
                try await follow(from: latest.id!, to: run.id!, db)
                return run
            }
            AnalysisRunner.start(app, runID: run.id!)
        }
    }

    /// Runs still queued or running with no server holding their lease (their server stopped) start again.
    static func resumeAbandoned(_ app: Application, now: Date = Date()) async throws {
        let stuck = try await AnalysisRun.query(on: app.db)
            .filter(\.$status ~~ [AnalysisRun.Status.queued.rawValue, AnalysisRun.Status.running.rawValue])
            .filter(\.$createdAt < JobRunner.abandonedBefore(app, now: now)).limit(100).all()
        try await JobRunner.resume(app, kind: AnalysisRunner.jobKind, jobs: stuck.compactMap(\.id), now: now) { AnalysisRunner.start(app, runID: $0) }
    }
}
