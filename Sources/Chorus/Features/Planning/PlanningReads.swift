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

extension PlanningService {
    /// The plan's DPIA screening for an activity, for its privacy notice; nil when it has no plan.
    static func privacyScreening(forActivity id: UUID, _ db: any Database) async throws -> PrivacyNotice.Screening? {
        guard let plan = try await EngagementPlan.query(on: db).filter(\.$activity.$id == id).first() else { return nil }
        return PrivacyNotice.Screening(
            collectsPersonalData: plan.dpiaPersonalData, criteria: plan.dpiaCriteriaSet, isConsultation: plan.isConsultation)
    }
}
