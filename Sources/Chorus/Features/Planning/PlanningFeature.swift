import Vapor
import Fluent

/// Engagement plans: the ladder advisor, the plan's sections and checks, peer challenge and sign-off.
enum PlanningFeature: ChorusFeature {
    static let name = "planning"
    static func routes(_ r: FeatureRoutes) {
        PlanningController.routes(r)
        PlanningAPI.register(r.api, docs: r.docs)
    }
    static var migrations: [any Migration] { [CreateEngagementPlans()] }
    static var auditEntities: [String] { [PlanningService.entity] }
}
