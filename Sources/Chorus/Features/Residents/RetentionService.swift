import Fluent
import SQLKit
import Vapor
import ChorusCore

/// Retention: the periods staff set (a default for each kind of personal data, and per activity), the job that
/// removes or anonymises what is due, and its public log (counts by category, never people). The job runs once a
/// day under a job lease, so one server runs it however many sweep; each feature's `expire` works in short batches,
/// so SQLite's writer is never held for long.
enum RetentionService {
    static let jobKind = "retention"
    static let job = UUID(uuidString: "4E7E0000-0000-4000-8000-000000000001")!
    static let interval: TimeInterval = 86_400

    static func jobs(_ j: FeatureJobs) {
        j.sweep("retention") { app, now in
            guard try await isDue(now: now, app.db) else { return }
            await JobRunner.run(app, kind: jobKind, job: job) {
                do { _ = try await run(now: now, db: app.db, gate: app.writeGate) } catch {
                    app.logger.error("retention: \(String(describing: error))")
                }
            }
        }
    }

    static func isDue(now: Date, _ db: any Database) async throws -> Bool {
        guard let last = try await RetentionLogEntry.query(on: db).sort(\.$ranAt, .descending).first() else { return true }
        return now.timeIntervalSince(last.ranAt) >= interval
    }

    /// The schedule as staff set it.
    static func schedule(_ db: any Database) async throws -> RetentionSchedule {
        var s = RetentionSchedule()
        for rule in try await RetentionRule.query(on: db).all() {
            guard let kind = PersonalDataKind(rawValue: rule.kind) else { continue }
            if let activity = rule.$activity.id { s.activityDays[activity, default: [:]][kind] = rule.days } else { s.days[kind] = rule.days }
        }
        return s
    }

    struct Outcome: Sendable, Equatable {
        var removed: [PersonalDataKind: Int]
        /// The longest single batch, in seconds: how long the writer was held at most.
        var longestBatch: Double
        /// Every batch's hold, in order.
        var holds: [RetentionHold] = []
    }

    /// One pass over every feature's declarations; logs each kind's count (zero included, so the log shows it ran).
    static func run(now: Date, db: any Database, gate: WriteGate) async throws -> Outcome {
        let pass = RetentionPass(schedule: try await schedule(db), now: now, db: db, gate: TimedGate(gate))
        var removed: [PersonalDataKind: Int] = [:]
        for d in PersonalDataRegistry.declarations() {
            guard let expire = d.expire else { continue }
            pass.gate.label(d.kind.rawValue)
            removed[d.kind, default: 0] += try await expire(pass)
        }
        let counts = removed
        // Whole seconds: one run's rows are read back together however each driver rounds a time.
        let ranAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        try await gate.run {
            try await db.transaction { tx in
                for (kind, n) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    let e = RetentionLogEntry()
                    e.ranAt = ranAt; e.kind = kind.rawValue; e.removed = n
                    try await e.create(on: tx)
                }
            }
        }
        return Outcome(removed: removed, longestBatch: pass.gate.longest, holds: pass.gate.holds)
    }

    // MARK: - The public log

    struct LogDay: Sendable {
        let ranAt: Date
        let removed: [(kind: PersonalDataKind, count: Int)]
    }

    /// The most recent runs, newest first, a page at a time.
    static func log(page: Int, perPage: Int = 30, _ db: any Database) async throws -> (days: [LogDay], more: Bool) {
        struct Run: Decodable { let ran_at: Date }
        guard let sql = db as? any SQLDatabase else { return ([], false) }
        let runs = try await sql.select().distinct().column("ran_at").from(RetentionLogEntry.schema).orderBy("ran_at", .descending)
            .limit(perPage + 1).offset((page - 1) * perPage).all(decoding: Run.self).map(\.ran_at)
        let shown = Array(runs.prefix(perPage))
        guard let oldest = shown.last else { return ([], false) }
        let entries = try await RetentionLogEntry.query(on: db).filter(\.$ranAt >= oldest).all()
        let days = shown.map { at in
            LogDay(
                ranAt: at,
                removed: entries.filter { Int($0.ranAt.timeIntervalSince1970) == Int(at.timeIntervalSince1970) }.compactMap { e in
                    PersonalDataKind(rawValue: e.kind).map { ($0, e.removed) }
                }
                .sorted { $0.kind.label < $1.kind.label })
        }
        return (days, runs.count > perPage)
    }

    // MARK: - Staff: the periods

    struct Row: Sendable, Equatable {
        let kind: PersonalDataKind
        let days: Int
        let isDefault: Bool
    }

    /// Every kind of data that expires, with its period now.
    static func periods(_ db: any Database) async throws -> [Row] {
        let s = try await schedule(db)
        let expiring = Set(PersonalDataRegistry.declarations().filter { $0.expire != nil }.map(\.kind))
        return PersonalDataKind.allCases.filter(expiring.contains).map { Row(kind: $0, days: s.days(for: $0), isDefault: s.days[$0] == nil) }
    }

    /// Saves the periods typed on the form (`days.<kind>`); an empty field goes back to the default. Nothing is saved
    /// when one is wrong.
    static func savePeriods(_ input: Input, actor: Actor, now: Date, _ db: any Database) async throws {
        var v = Validator()
        var wanted: [PersonalDataKind: Int?] = [:]
        for row in try await periods(db) {
            let raw = (input["days.\(row.kind.rawValue)"] ?? "").trimmedWhitespace
            if raw.isEmpty { wanted[row.kind] = .some(nil); continue }
            switch RetentionSchedule.validateDays(raw, kind: row.kind) {
            case .success(let n): wanted[row.kind] = n
            case .failure(let e): v.add("days.\(row.kind.rawValue)", e.message)
            }
        }
        try v.check()
        let changes = wanted
        try await db.transaction { tx in
            for (kind, days) in changes {
                let existing = try await RetentionRule.query(on: tx).filter(\.$kind == kind.rawValue).filter(\.$activity.$id == nil).first()
                switch (existing, days) {
                case (let rule?, nil): try await rule.delete(on: tx)
                case (let rule?, let n?) where rule.days != n:
                    rule.days = n; rule.updatedAt = now
                    try await rule.update(on: tx)
                case (nil, let n?):
                    let rule = RetentionRule()
                    rule.kind = kind.rawValue; rule.days = n; rule.updatedAt = now
                    try await rule.create(on: tx)
                default: continue
                }
                try await AuditService.record(
                    tx, actor: actor, action: .update, entity: "retention_rule", id: nil, label: kind.label,
                    after: ["days": days.map(String.init) ?? "default (\(kind.defaultDays))"])
            }
        }
    }
}

extension RetentionService {
    /// One activity's own period for one kind of data.
    struct ActivityRow: Sendable, Equatable {
        let id: UUID
        let activity: String
        let kind: PersonalDataKind
        let days: Int
    }

    /// The kinds an activity may keep for a period of its own: what is collected for an activity.
    static let perActivityKinds: [PersonalDataKind] = [.insightContacts]

    static func activityPeriods(_ db: any Database) async throws -> [ActivityRow] {
        let rules = try await RetentionRule.query(on: db).filter(\.$activity.$id != nil).all()
        let titles = Dictionary(
            uniqueKeysWithValues: try await RegisterService.summaries(rules.compactMap { $0.$activity.id }, db).map { ($0.id, $0.title) })
        return rules.compactMap { r in
            guard let a = r.$activity.id, let kind = PersonalDataKind(rawValue: r.kind) else { return nil }
            return ActivityRow(id: r.id!, activity: titles[a] ?? "—", kind: kind, days: r.days)
        }.sorted { ($0.activity, $0.kind.rawValue) < ($1.activity, $1.kind.rawValue) }
    }

    /// Sets one activity's period for one kind (`activity`, typed as its title; `kind`; `days`), replacing the one it had.
    static func saveActivityPeriod(_ input: Input, choices: PickerChoices, actor: Actor, now: Date, _ db: any Database) async throws {
        var v = Validator()
        var activity: UUID? = nil
        switch choices.id(input["activity"], field: "activity", fieldLabel: "Activity", what: "activity") {
        case .success(let id): activity = id
        case .failure(let e): v.add(e.field, e.message)
        }
        if activity == nil && (input["activity"] ?? "").trimmedWhitespace.isEmpty { v.add("activity", "Choose the activity") }
        let kind = PersonalDataKind(rawValue: input["kind"] ?? "").flatMap { perActivityKinds.contains($0) ? $0 : nil }
        if kind == nil { v.add("kind", "Choose the kind of data") }
        var days: Int? = nil
        switch RetentionSchedule.validateDays(input["days"] ?? "", kind: kind ?? .insightContacts) {
        case .success(let n): days = n
        case .failure(let e): v.add("days", e.message)
        }
        try v.check()
        let (a, k, n) = (activity!, kind!, days!)
        try await db.transaction { tx in
            try await RetentionRule.query(on: tx).filter(\.$activity.$id == a).filter(\.$kind == k.rawValue).delete()
            let rule = RetentionRule()
            rule.kind = k.rawValue; rule.$activity.id = a; rule.days = n; rule.updatedAt = now
            try await rule.create(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: "retention_rule", id: rule.id, label: "\(k.label), one activity",
                after: ["days": String(n)])
        }
    }

    static func removeActivityPeriod(_ id: UUID?, actor: Actor, _ db: any Database) async throws {
        try await db.transaction { tx in
            guard let id, let rule = try await RetentionRule.find(id, on: tx), rule.$activity.id != nil else { throw Abort(.notFound) }
            try await rule.delete(on: tx)
            try await AuditService.record(tx, actor: actor, action: .delete, entity: "retention_rule", id: id, label: "one activity's period")
        }
    }
}
