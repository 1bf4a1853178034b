import Foundation
import Fluent
import ChorusCore

/// What the activity page's thread reads of "You said, we did": the activity's report (if started) and whether this
/// person may start or change it.
extension FeedbackService {
    struct ThreadReport: Sendable { let id: UUID, status: FeedbackStatus, title: String }

    static func threadReport(activity: UUID, _ db: any Database) async throws -> ThreadReport? {
        guard let r = try await FeedbackReport.query(on: db).filter(\.$activity.$id == activity).first() else { return nil }
        return ThreadReport(id: r.id!, status: FeedbackStatus(rawValue: r.status) ?? .draft, title: r.title)
    }

    /// Whether this person may start (or change) the activity's report: the same rule `start` and the editor apply.
    static func canStartReport(_ user: CurrentUser, activity: UUID, _ db: any Database) async throws -> Bool {
        guard canWrite(user) else { return false }
        return canEdit(user, organisations: try await organisations(ofActivities: [activity], db))
    }
}
