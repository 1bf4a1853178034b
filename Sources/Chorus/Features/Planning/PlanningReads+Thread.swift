import Foundation
import Fluent
import ChorusCore

/// What the activity page's thread reads of engagement plans: the activity's plan status (nil: no plan yet).
extension PlanningService {
    static func planStatus(forActivity id: UUID, _ db: any Database) async throws -> PlanStatus? {
        try await EngagementPlan.query(on: db).filter(\.$activity.$id == id).first().flatMap { PlanStatus(rawValue: $0.status) }
    }
}
