import Vapor
import Fluent

/// Participatory budgeting. So far: "Check an outcome", which replays any vote in the Pabulib format (a city's
/// published election, or a round run elsewhere) through greedy by votes or the Method of Equal Shares and explains
/// each project's result, so an outcome can be checked by anyone with the file (docs/participatory-budgeting.md).
enum BudgetingFeature: ChorusFeature {
    static let name = "budgeting"
    static func routes(_ r: FeatureRoutes) { BudgetCheckController.routes(r) }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.budgeting", href: SiteURL.Budgeting.check)] }
    static var strings: [String: [String: String]] { ["en": ["nav.budgeting": "Budgeting"], "ur": ["nav.budgeting": "بجٹ سازی"]] }
}
