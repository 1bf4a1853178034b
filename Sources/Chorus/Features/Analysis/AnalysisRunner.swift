import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import ChorusCore

/// Progress (0…1) of the analyses running in this process, for the run page's progress region. The engine reports
/// it from its own thread; the database row holds only the status (other servers show "running").
final class AnalysisProgress: Sendable {
    private let box = NIOLockedValueBox<[UUID: Double]>([:])
    func set(_ id: UUID, _ value: Double?) { box.withLockedValue { $0[id] = value } }
    func get(_ id: UUID) -> Double? { box.withLockedValue { $0[id] } }
}

extension Application {
    private struct AnalysisProgressKey: StorageKey { typealias Value = AnalysisProgress }
    var analysisProgress: AnalysisProgress {
        get {
            if let p = storage[AnalysisProgressKey.self] { return p }
            let p = AnalysisProgress()
            storage[AnalysisProgressKey.self] = p
            return p
        }
        set { storage[AnalysisProgressKey.self] = newValue }
    }
}

/// Runs an analysis in the background: reads the scope through the running organisation's wall, runs the engine on
/// the thread pool (never on an event loop), matches the themes to the previous run's and stores everything in one
/// transaction, so a run is either complete or has no themes at all.
enum AnalysisRunner {
    struct Stopped: Error { let message: String }

    static let jobKind = "analysis"

    /// Runs it in the background under its lease (`JobRunner`): on one server only, and again from the start by
    /// another server's sweep if this one stops.
    static func start(_ app: Application, runID: UUID) {
        JobRunner.start(app, kind: jobKind, job: runID) { await run(app, runID: runID) }
    }

    static func run(_ app: Application, runID: UUID) async {
        let db = app.db
        let progress = app.analysisProgress
        progress.set(runID, 0)
        var stages = StageClock()
        do {
            guard let run = try await AnalysisRun.find(runID, on: db) else { progress.set(runID, nil); return }
            try await update(app, runID) {
                $0.status = AnalysisRun.Status.running.rawValue; $0.progress = 0
            }
            let filter = try await AnalysisService.scopeFilter(query: run.scopeQuery, bundleID: run.bundleID, organisation: run.$organisation.id, db)
            let total = try await InsightQueries.query(db, filter).count()
            guard total <= AnalysisService.maxInsights else {
                throw Stopped(message: "The scope holds \(total) insights; narrow it to at most \(AnalysisService.maxInsights)")
            }
            guard total >= 2 else { throw Stopped(message: "The scope holds \(total) insight\(total == 1 ? "" : "s"); an analysis needs at least 2") }
            var docs: [AnalysisDocument] = []
            var organisationLevel = false
            // Pages of 5,000 by id, each starting after the last id seen (an OFFSET would step over every row
            // before it again, for each page).
            var after: UUID? = nil
            while docs.count < total {
                var page = InsightQueries.query(db, filter).sort(\.$id).limit(5000)
                if let after { page = page.filter(\.$id > after) }
                let batch = try await page.field(\.$id).field(\.$text).field(\.$peopleCount).field(\.$sharing).all()
                guard let last = batch.last else { break }
                for i in batch {
                    docs.append(AnalysisDocument(id: i.id!, text: i.text, weight: i.peopleCount))
                    if i.sharing == SharingLevel.organisation.rawValue { organisationLevel = true }
                }
                after = last.id
            }
            let options = AnalysisOptions(seed: UInt64(run.seed), threads: min(2, ProcessInfo.processInfo.activeProcessorCount))
            let input = AnalysisService.inContentOrder(docs)
            stages.lap("insights")
            // Sentence embeddings when the model is available (stored ones reused), else TF-IDF + LSA.
            let sentence = try await AnalysisVectors.sentence(app, input)
            stages.lap("vectors")
            progress.set(runID, 0.1)
            let result = try await app.computePool.runIfActive {
                let report: @Sendable (Double) -> Void = { progress.set(runID, min(0.95, 0.1 + $0 * 0.85)) }
                if let sentence { return ThematicAnalyser.run(input, vectors: sentence.matrix, options: options, progress: report) }
                return ThematicAnalyser.run(input, options: options, progress: report)
            }
            stages.lap("engine")

            // Match to the previous run's themes, to carry the analysts' edits; pinned themes that found no match
            // persist with their members that are still in scope.
            var stored: [(result: DiscoveredThemeResult, previous: DiscoveredTheme?, status: String?)] = result.themes.map { ($0, nil, nil) }
            var unassigned = result.unassigned.count
            if let previousID = run.previousRunID, let previous = try await AnalysisRun.find(previousID, on: db) {
                let old = try await AnalysisService.themes(previous, db)
                let oldMembers = try await AnalysisService.members(runID: previousID, db)
                let matches = ThemeMatcher.match(
                    previous: old.map { ThemeSnapshot(key: $0.id!, memberIDs: oldMembers[$0.id!] ?? [], signature: $0.signatureValue) },
                    current: result.themes.map { ThemeSnapshot(key: UUID(), $0) })
                var previousByCurrent: [Int: DiscoveredTheme] = [:]
                for m in matches where m.status == .continuing {
                    if let p = m.previous, let c = m.current { previousByCurrent[c] = old[p] }
                }
                let matchedIDs = Set(previousByCurrent.values.compactMap(\.id))
                let pinnedLeft = old.filter { $0.pinned && !matchedIDs.contains($0.id!) }
                let groups = pinnedLeft.map { oldMembers[$0.id!] ?? [] }
                let outcome = try await app.computePool.runIfActive {
                    PinnedThemeCarry.carry(result, pinned: groups, documents: input, options: options)
                }
                stored = outcome.themes.indices.map { k in
                    if let o = outcome.origin[k] {
                        let p = previousByCurrent[o]
                        return (outcome.themes[k], p, p == nil ? "new" : "continuing")
                    }
                    return (outcome.themes[k], pinnedLeft[outcome.carried[k]!], "kept")
                }
                unassigned = outcome.unassigned.count
            }
            stages.lap("matching")
            let vectoriser = sentence.map { "sentence embeddings \($0.model)" } ?? result.diagnostics.vectoriser
            let method =
                "\(vectoriser), \(result.diagnostics.dimensions) dimensions, \(result.themes.count) themes, "
                + String(format: "%.1f s", result.diagnostics.seconds)
            let themesToStore = stored, unassignedCount = unassigned, analysed = docs.count, anyOrganisationLevel = organisationLevel
            try await app.writeGate.run {
                try await db.transaction { tx in
                    var pairs: [(theme: UUID, insight: UUID)] = []
                    for (i, s) in themesToStore.enumerated() {
                        let t = DiscoveredTheme()
                        t.$run.id = runID; t.position = i + 1; t.pinned = false
                        t.apply(s.result)
                        t.matchStatus = s.status
                        if let p = s.previous {
                            t.matchedPreviousID = p.id
                            t.pinned = p.pinned
                            t.renamedLabel = p.renamedLabel
                            t.note = p.note
                            t.taxonomyThemeID = p.taxonomyThemeID
                        }
                        try await t.create(on: tx)
                        for m in s.result.memberIDs { pairs.append((t.id!, m)) }
                    }
                    if let sql = tx as? any SQLDatabase {
                        for chunk in pairs.chunked(500) {
                            let insert = sql.insert(into: ThemeMember.schema).columns("id", "run_id", "theme_id", "insight_id")
                            for p in chunk { _ = insert.values(SQLBind(UUID()), SQLBind(runID), SQLBind(p.theme), SQLBind(p.insight)) }
                            try await insert.run()
                        }
                    }
                    guard let r = try await AnalysisRun.find(runID, on: tx) else { return }
                    r.status = AnalysisRun.Status.done.rawValue
                    r.progress = 1
                    r.insightCount = analysed
                    r.unassignedCount = unassignedCount
                    r.privateToOrganisation = anyOrganisationLevel
                    r.method = method
                    r.finishedAt = Date()
                    try await r.save(on: tx)
                }
            }
            stages.lap("storing")
            app.logger.notice("analysis \(runID): \(analysed) insights, \(themesToStore.count) themes; seconds: \(stages.summary)")
        } catch {
            let message: String
            if let s = error as? Stopped {
                message = s.message
            } else {
                app.logger.error("analysis \(runID) failed: \(String(reflecting: error))")
                message = "The analysis stopped because of an error on our side. Try again, or tell your administrator."
            }
            try? await update(app, runID) { r in
                r.status = AnalysisRun.Status.failed.rawValue; r.error = message; r.finishedAt = Date()
            }
        }
        progress.set(runID, nil)
    }

    /// Seconds per stage of a run, for the log line operators read when a nightly run takes long.
    struct StageClock {
        private var mark = ContinuousClock.now
        private var laps: [(String, Duration)] = []
        mutating func lap(_ name: String) {
            let now = ContinuousClock.now
            laps.append((name, now - mark))
            mark = now
        }
        var summary: String {
            laps.map { "\($0.0) " + String(format: "%.1f", $0.1.inSeconds) }
                .joined(separator: ", ")
        }
    }

    static func update(_ app: Application, _ id: UUID, _ change: @escaping @Sendable (AnalysisRun) -> Void) async throws {
        try await app.writeGate.run {
            guard let r = try await AnalysisRun.find(id, on: app.db) else { return }
            change(r)
            try await r.save(on: app.db)
        }
    }
}
