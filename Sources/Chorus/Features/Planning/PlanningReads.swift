import Foundation
import Fluent
import ChorusCore

/// What other features may read of engagement plans.
extension PlanningService {
    /// The plan's answer to "what decision will this help make?", if the activity has a plan.
    static func decisionText(forActivity id: UUID, _ db: any Database) async throws -> String? {
        try await EngagementPlan.query(on: db).filter(\.$activity.$id == id).first()?.content.text(.decision)
    }
}
