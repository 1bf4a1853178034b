import Foundation
import Fluent
import ChorusCore

/// What the activity page's thread reads of thematic analysis: the runs a viewer may see that took in any of an
/// activity's insights (as a theme member) or were scoped to the activity.
extension AnalysisService {
    struct ThreadRun: Sendable {
        let id: UUID
        let title: String
        let status: AnalysisRun.Status
        let insightCount: Int
    }

    /// Newest first; only runs this person may see (`canSee`).
    static func threadRuns(insightIDs ids: [UUID], activity: UUID, viewer: CurrentUser, _ db: any Database) async throws -> [ThreadRun] {
        var runIDs = Set<UUID>()
        for chunk in ids.chunked(1000) {
            for r in try await ThemeMember.query(on: db).filter(\.$insight.$id ~~ chunk).unique().all(\.$runID) { runIDs.insert(r) }
        }
        for r in try await runs(scopedTo: activity, db) { runIDs.insert(r.id!) }
        var runs: [AnalysisRun] = []
        for chunk in Array(runIDs).chunked(1000) { runs += try await AnalysisRun.query(on: db).filter(\.$id ~~ chunk).all() }
        return runs.filter { canSee(viewer, $0) }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
            .map { ThreadRun(id: $0.id!, title: $0.title, status: $0.statusValue, insightCount: $0.insightCount) }
    }

    /// Runs whose scope names this activity (any viewer).
    static func runs(scopedTo activity: UUID, _ db: any Database) async throws -> [AnalysisRun] {
        try await AnalysisRun.query(on: db).filter(\.$scopeQuery, .contains(inverse: false, .anywhere), "activity=").all()
            .filter { InsightBundleService.parseQuery($0.scopeQuery)["activity"].flatMap(UUID.init(uuidString:)) == activity }
    }

    struct ActivityThemes: Sendable {
        struct Row: Sendable {
            let label: String
            let size: Int
        }
        let runID: UUID
        let title: String
        /// The run's scope in words ("Heard during: … · Kind: Survey answer").
        let scope: String
        let insightCount: Int
        let themes: [Row]
    }

    /// The newest finished run scoped to the activity that this person may see, with its themes largest first (a
    /// survey's results show what its written answers were about). Sizes come from the run, so no member is read.
    static func latestThemes(activity: UUID, viewer: CurrentUser, _ db: any Database) async throws -> ActivityThemes? {
        let runs = try await runs(scopedTo: activity, db).filter { $0.statusValue == .done && canSee(viewer, $0) }
        guard let run = runs.max(by: { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }) else { return nil }
        let themes = try await themes(run, db).sorted { $0.size != $1.size ? $0.size > $1.size : $0.position < $1.position }
        let scope = AnalysisScope.sentence(
            try await AnalysisScope.describe(run, viewer: viewer, db), everything: "every insight", { Catalogue.text($0, .english) })
        return ActivityThemes(
            runID: run.id!, title: run.title, scope: scope, insightCount: run.insightCount,
            themes: themes.map { ActivityThemes.Row(label: $0.displayLabel, size: $0.size) })
    }
}
