import Foundation
import Fluent
import ChorusCore

/// The thematic analysis's reads for the work dashboard: a person's own recent runs.
extension AnalysisReads {
    struct RecentRun: Sendable {
        let id: UUID
        let title: String
        let status: AnalysisRun.Status
        let insightCount: Int
        let error: String?
        let at: Date?
    }

    /// The runs `user` started that are queued or running, or finished or failed since `since`, newest first; through
    /// their organisation's wall (a run private to another organisation, from before they moved, is not theirs to see).
    static func recentRuns(by user: CurrentUser, since: Date, limit: Int, _ db: any Database) async throws -> [RecentRun] {
        try await AnalysisRun.query(on: db).filter(\.$person.$id == user.id)
            .group(.or) { $0.filter(\.$privateToOrganisation == false).filter(\.$organisation.$id == user.organisationID) }
            .group(.or) { g in
                g.filter(\.$status ~~ [AnalysisRun.Status.queued.rawValue, AnalysisRun.Status.running.rawValue])
                g.filter(\.$finishedAt >= since)
            }
            .sort(\.$createdAt, .descending).limit(limit).all()
            .map { r in
                RecentRun(
                    id: r.id!, title: r.title, status: r.statusValue, insightCount: r.insightCount, error: r.error,
                    at: r.finishedAt ?? r.createdAt)
            }
    }
}
