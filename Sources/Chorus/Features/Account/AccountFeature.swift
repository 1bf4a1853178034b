import Vapor
import Fluent

/// Signing in and out, invitations, the interface language, and personal API tokens.
enum AccountFeature: ChorusFeature {
    static let name = "account"
    static func routes(_ r: FeatureRoutes) { AccountController.routes(r) }
    static var migrations: [any Migration] { [CreateAccountTables()] }
    static var navigation: [NavigationEntry] { [NavigationEntry(label: "nav.tokens", href: SiteURL.apiTokens)] }
    static var auditEntities: [String] { ["api_token"] }
}
