import Fluent
import Foundation
import ChorusCore

/// What residents' email updates read of "You said, we did": reports published lately.
extension FeedbackService {
    struct PublishedFacts: Sendable {
        let id: UUID
        let title: String
        /// The activity it reports on, or nil for a report on a theme across activities.
        let activityID: UUID?
        let themeID: UUID?
    }

    /// Reports published on or after `since`, oldest first.
    static func publishedSince(_ since: Day, limit: Int = 500, _ db: any Database) async throws -> [PublishedFacts] {
        try await FeedbackReport.query(on: db).filter(\.$status == FeedbackStatus.published.rawValue)
            .filter(\.$publishedDay >= since.ordinal).sort(\.$publishedDay).limit(limit).all()
            .map { PublishedFacts(id: $0.id!, title: $0.title, activityID: $0.$activity.id, themeID: $0.$theme.id) }
    }
}
