import Fluent
import Vapor

/// Residents' email updates about a ward or a theme: asked for on the front door, confirmed by email, sent when a
/// "You said, we did" report is published or a public activity opens, stopped by the link in every email.
enum UpdatesFeature: ChorusFeature {
    static let name = "updates"
    static func routes(_ r: FeatureRoutes) { UpdatesController.routes(r) }
    static func jobs(_ j: FeatureJobs) { UpdateAnnouncer.jobs(j) }
    static var migrations: [any Migration] { [CreateUpdateSubscriptions()] }
    static var personalData: [PersonalDataDeclaration] { [SubscriptionService.personalData] }
    static var strings: [String: [String: String]] { ["en": Catalogue.frontDoorEnglish, "ur": Catalogue.frontDoorUrdu] }

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        let m = UpdatesViews.FormModel(
            choices: try await UpdatesPages.choices(wards: r.wards, r.db), values: ["ward": r.ward?.code ?? ""], errors: [], bot: r.bot)
        return [FrontDoorEntry(order: 40) { UpdatesViews.block(m, $0) }]
    }
}
