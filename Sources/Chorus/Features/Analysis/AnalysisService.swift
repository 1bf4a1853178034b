import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Thematic analysis runs: who may run, see and edit them, their scope (read through the running organisation's
/// wall), and the analysts' edits, each in one transaction with its audit entry.
enum AnalysisService {
    static let entity = "analysis_run"
    static let themeEntity = "discovered_theme"
    /// The most insights one run takes (the engine handles 100,000 in seconds; memory grows with more).
    static let maxInsights = 200_000

    static func canRun(_ user: CurrentUser) -> Bool { [.partnershipAdmin, .insightAnalyst, .officer].contains(user.role) }

    /// Analysts and partnership admins edit any run they can see; officers the runs of their own organisation.
    static func canEdit(_ user: CurrentUser, _ run: AnalysisRun) -> Bool {
        user.role == .insightAnalyst || user.role == .partnershipAdmin || (user.role == .officer && run.$organisation.id == user.organisationID)
    }

    /// A run whose scope held an organisation-level insight is seen by its own organisation only (its counts, key
    /// phrases and quotes come from insights other partners may not see); other runs by every partner.
    static func canSee(_ user: CurrentUser, _ run: AnalysisRun) -> Bool {
        run.$organisation.id == user.organisationID || !run.privateToOrganisation
    }

    static func findVisible(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> AnalysisRun {
        guard let id, let run = try await AnalysisRun.find(id, on: db), canSee(user, run) else { throw Abort(.notFound) }
        return run
    }

    static func findEditable(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> AnalysisRun {
        let run = try await findVisible(id, user: user, db)
        guard canEdit(user, run) else {
            throw Abort(
                .forbidden,
                reason: "Only insight analysts, partnership admins and officers of the organisation that ran this analysis change its themes")
        }
        guard run.statusValue == .done else { throw Abort(.conflict, reason: "The analysis has not finished") }
        return run
    }

    static func findTheme(_ id: UUID?, in run: AnalysisRun, _ db: any Database) async throws -> DiscoveredTheme {
        guard let id, let t = try await DiscoveredTheme.find(id, on: db), t.$run.id == run.id else { throw Abort(.notFound) }
        return t
    }

    /// The insights a run analyses: its bundle or query, seen by `organisation` (never wider).
    static func scopeFilter(query: String, bundleID: UUID?, organisation: UUID, _ db: any Database) async throws -> InsightQueries.Filter {
        var raw = InsightBundleService.parseQuery(query)
        var bundleSelection: UUID? = nil
        if let bundleID {
            guard let b = try await InsightBundle.find(bundleID, on: db) else { throw FieldError("bundle_id", "Choose a bundle from the list") }
            if let q = b.query { raw = InsightBundleService.parseQuery(q) } else { bundleSelection = b.id }
        }
        var f = try InsightQueries.filter(raw, viewer: nil)
        f.wall = .organisation(organisation)
        f.bundle = bundleSelection
        return f
    }

    /// Checks the form and queues a run; the job starts once the caller has committed. `scope`: the filter's values
    /// (`AnalysisScope.values`); `bundleID` as sent. Every problem, of the title, seed or scope, names its field.
    static func create(
        title raw: String?, scope: [String: String], bundleID rawBundle: String?, seed rawSeed: String?,
        user: CurrentUser, on db: any Database
    ) async throws -> AnalysisRun {
        guard canRun(user) else { throw Abort(.forbidden, reason: "Only insight analysts, officers and partnership admins run analyses") }
        var v = Validator()
        let title = v.required("title", raw, label: "Title", max: 200)
        var seed = 1
        if let s = rawSeed?.trimmingCharacters(in: .whitespaces), !s.isEmpty {
            if let n = Int(s), n >= 0, n <= 1_000_000_000 {
                seed = n
            } else {
                v.add("seed", "The seed must be a whole number from 0 to 1,000,000,000")
            }
        }
        var errors = v.errors
        let choices = try await AnalysisScope.choices(viewer: user, activity: scope["activity"].flatMap { UUID(uuidString: $0) }, db)
        var checked: AnalysisScope.Checked? = nil
        do {
            checked = try await AnalysisScope.check(scope, bundleID: rawBundle, user: user, choices: choices, db)
        } catch let failure as ValidationFailure {
            errors.append(contentsOf: failure.errors)
        }
        guard let checked, errors.isEmpty else { throw ValidationFailure(errors) }
        return try await queue(
            title: title, query: checked.query, bundle: checked.bundle, organisation: user.organisationID, person: user.id,
            seed: seed, previous: nil, actor: user.actor, on: db)
    }

    /// A new run of the same scope, wall and seed, matched to this one when it finishes.
    static func rerun(_ previous: AnalysisRun, user: CurrentUser, on db: any Database) async throws -> AnalysisRun {
        guard canEdit(user, previous) else {
            throw Abort(
                .forbidden, reason: "Only insight analysts, partnership admins and officers of the organisation that ran this analysis run it again")
        }
        let run = try await queue(
            title: previous.title, query: previous.scopeQuery, bundle: previous.bundleID, organisation: previous.$organisation.id,
            person: user.id, seed: previous.seed, previous: previous.id, actor: user.actor, on: db)
        try await AnalysisScheduling.follow(from: previous.id!, to: run.id!, db)
        return run
    }

    /// Stores a queued run (the caller starts it once committed).
    static func queue(
        title: String, query: String, bundle: UUID?, organisation: UUID, person: UUID?, seed: Int, previous: UUID?,
        actor: Actor, on db: any Database
    ) async throws -> AnalysisRun {
        let run = AnalysisRun()
        run.title = title; run.scopeQuery = query; run.bundleID = bundle; run.$organisation.id = organisation; run.$person.id = person
        run.seed = seed; run.status = AnalysisRun.Status.queued.rawValue; run.progress = 0; run.insightCount = 0; run.unassignedCount = 0
        run.privateToOrganisation = true; run.previousRunID = previous
        try await db.transaction { tx in
            try await run.create(on: tx)
            // No title and no scope query: the run is private to its organisation (`AuditLabel`).
            try await AuditService.record(
                tx, actor: actor, action: .create, entity: entity, id: run.id, label: AuditLabel.analysisRun(run.id),
                after: ["bundle_id": bundle?.uuidString ?? "", "previous_run_id": previous?.uuidString ?? "", "seed": String(seed)])
        }
        return run
    }

    static func themes(_ run: AnalysisRun, _ db: any Database) async throws -> [DiscoveredTheme] {
        try await DiscoveredTheme.query(on: db).filter(\.$run.$id == run.id!).sort(\.$position).sort(\.$id).all()
    }

    /// Member ids by theme for a run.
    static func members(runID: UUID, _ db: any Database) async throws -> [UUID: [UUID]] {
        var out: [UUID: [UUID]] = [:]
        guard let sql = db as? any SQLDatabase else {
            for m in try await ThemeMember.query(on: db).filter(\.$runID == runID).all() { out[m.$theme.id, default: []].append(m.$insight.id) }
            return out
        }
        // Two columns, not whole models: a run of 100,000 insights has 100,000 rows here.
        for row in try await sql.raw("SELECT theme_id, insight_id FROM \(ident: ThemeMember.schema) WHERE run_id = \(bind: runID)").all() {
            out[try row.decode(column: "theme_id", as: UUID.self), default: []].append(try row.decode(column: "insight_id", as: UUID.self))
        }
        return out
    }

    /// Month and ward of every member of a run, for the trend and the ward table.
    struct MemberFacts: Sendable { let theme: UUID; let day: Int; let place: UUID? }

    static func facts(runID: UUID, _ db: any Database) async throws -> [MemberFacts] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(
            """
            SELECT m.theme_id AS theme_id, i.heard_day AS heard_day, i.place_id AS place_id FROM \(ident: ThemeMember.schema) m
            JOIN \(ident: Insight.schema) i ON i.id = m.insight_id WHERE m.run_id = \(bind: runID)
            """
        ).all()
        return try rows.map {
            MemberFacts(
                theme: try $0.decode(column: "theme_id", as: UUID.self), day: try $0.decode(column: "heard_day", as: Int.self),
                place: try $0.decode(column: "place_id", as: UUID?.self))
        }
    }

    /// The texts of a run's members, for relabelling after an edit (redacted text only).
    static func documents(runID: UUID, _ db: any Database) async throws -> [AnalysisDocument] {
        let ids = try await ThemeMember.query(on: db).filter(\.$runID == runID).all().map { $0.$insight.id }
        var docs: [AnalysisDocument] = []
        for chunk in ids.chunked(1000) {
            for i in try await Insight.query(on: db).filter(\.$id ~~ chunk).field(\.$id).field(\.$text).field(\.$peopleCount).all() {
                docs.append(AnalysisDocument(id: i.id!, text: i.text, weight: i.peopleCount))
            }
        }
        return inContentOrder(docs)
    }

    /// Documents in the order the engine sees them: by text, then id. The engine's seeded choices follow this
    /// order, so the same insights and seed give the same themes whatever ids the database handed out.
    static func inContentOrder(_ docs: [AnalysisDocument]) -> [AnalysisDocument] {
        docs.sorted { $0.text != $1.text ? $0.text < $1.text : $0.id.uuidString < $1.id.uuidString }
    }
}
