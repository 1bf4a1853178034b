import Vapor
import Fluent
import ChorusCore

/// The shell every page shares: the home page, health check, stylesheet, OpenAPI document; the job leases all
/// background work uses; the public pages' cache clock; and the email outbox's sender, which every feature that emails residents queues to.
enum ShellFeature: ChorusFeature {
    static let name = "shell"
    static func routes(_ r: FeatureRoutes) { HomeController.routes(r) }
    static func jobs(_ j: FeatureJobs) { j.whileServing(OutboxWorker()) }
    static var migrations: [any Migration] { [CreateJobLeases(), CreatePublicPageClock()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.home", href: SiteURL.home)] }
    static var auditEntities: [String] { ["demo"] }
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family] { try await OutboxService.metrics(r) }
    static var strings: [String: [String: String]] { ["en": Catalogue.shellEnglish, "ur": Catalogue.shellUrdu] }
}
