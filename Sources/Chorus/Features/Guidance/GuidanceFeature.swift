import Vapor
import Fluent

/// The good-practice library: method guides, case studies drafted from evaluations, the tendering toolkit and guidance
/// for engaging communities, in Markdown, for staff or for everyone (docs/standards.md, "Good practice").
enum GuidanceFeature: ChorusFeature {
    static let name = "guidance"
    static func routes(_ r: FeatureRoutes) { GuidanceController.routes(r) }
    static var migrations: [any Migration] { [CreateGuidance()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.guidance", href: SiteURL.Guidance.list)] }
    static var auditEntities: [String] { [GuidanceService.entity] }
    static var strings: [String: [String: String]] { ["en": GuidanceStrings.english, "ur": GuidanceStrings.urdu] }
    static var usages: [ReferenceUsage] {
        [
            ReferenceUsage(kind: .organisation, records: "good-practice pages") { id, db in
                try await GuidancePage.query(on: db).filter(\.$organisation.$id == id).count()
            }
        ]
    }
}
