import Vapor
import Fluent

/// Quality standards for engagement (versioned), "how are we doing?" self-assessments with Chorus's own evidence,
/// moderation, and the action plans their gaps become (seed 002; docs/standards.md).
enum StandardsFeature: ChorusFeature {
    static let name = "standards"
    static func routes(_ r: FeatureRoutes) {
        StandardsController.routes(r)
        StandardsAPI.routes(r)
    }
    static var migrations: [any Migration] { [CreateStandards(), CreateActivityEvaluations(), CreateParticipantFeedback()] }
    static var navigation: [NavigationEntry] {
        [
            NavigationEntry(label: "nav.standards", href: SiteURL.Standards.home),
            NavigationEntry(label: "nav.lessons", href: SiteURL.Standards.lessons),
        ]
    }
    static var auditEntities: [String] {
        [
            StandardsService.setEntity, AssessmentService.entity, AssessmentService.ratingEntity, AssessmentService.challengeEntity,
            StandardActionService.entity,
        ]
    }
    static var strings: [String: [String: String]] {
        ["en": english.merging(ParticipantFeedbackStrings.english) { a, _ in a }, "ur": ParticipantFeedbackStrings.urdu]
    }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "self-assessments") { id, db in
                try await StandardAssessment.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "self-assessment actions") { id, db in
                try await StandardAction.query(on: db).filter(\.$organisation.$id == id).count()
            },
            ReferenceUsage(kind: .organisation, records: "activity evaluations") { id, db in
                try await ActivityEvaluation.query(on: db).filter(\.$organisation.$id == id).count()
            },
        ]
    }
    static func ownedActions(_ r: OwnedActionsRequest) async throws -> [OwnedAction] { try await StandardActionService.owned(r) }

    static let english: [String: String] = [
        "nav.standards": "Standards",
        "nav.lessons": "Lessons",
        "audit.entity.activity_evaluation": "Activity evaluation",
        "audit.entity.standard_set": "Quality standards",
        "audit.entity.standard_assessment": "Self-assessment",
        "audit.entity.standard_rating": "Self-assessment rating",
        "audit.entity.standard_challenge": "Moderation challenge",
        "audit.entity.standard_action": "Action plan action",
    ]
}
