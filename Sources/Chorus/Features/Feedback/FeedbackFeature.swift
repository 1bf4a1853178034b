import Vapor
import Fluent

/// "You said, we did": reports written and published by comms, the public pages, the email outbox and
/// unsubscribing, and the loop-closure measure.
enum FeedbackFeature: ChorusFeature {
    static let name = "feedback"
    static func routes(_ r: FeatureRoutes) {
        FeedbackController.routes(r)
        FeedbackAPI.register(r.api, docs: r.docs)
    }
    static var migrations: [any Migration] { [CreateFeedback(), AddOutboxLease(), AddThemeFeedbackReports()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.feedback", href: SiteURL.Feedback.reports)] }
    static var auditEntities: [String] { [FeedbackService.entity] }
    static var personalData: [PersonalDataDeclaration] { [OutboxPersonalData.declaration] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .theme, records: "\"You said, we did\" reports") { id, db in
                try await FeedbackReport.query(on: db).filter(\.$theme.$id == id).count()
            }
        ]
    }
}
