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
        let scoped = try await AnalysisRun.query(on: db).filter(\.$scopeQuery, .contains(inverse: false, .anywhere), "activity=").all()
        for r in scoped where InsightBundleService.parseQuery(r.scopeQuery)["activity"].flatMap(UUID.init(uuidString:)) == activity {
            runIDs.insert(r.id!)
        }
        var runs: [AnalysisRun] = []
        for chunk in Array(runIDs).chunked(1000) { runs += try await AnalysisRun.query(on: db).filter(\.$id ~~ chunk).all() }
        return runs.filter { canSee(viewer, $0) }
            .sorted { ($0.createdAt ?? .distantPast) > ($1.createdAt ?? .distantPast) }
            .map { ThreadRun(id: $0.id!, title: $0.title, status: $0.statusValue, insightCount: $0.insightCount) }
    }
}
