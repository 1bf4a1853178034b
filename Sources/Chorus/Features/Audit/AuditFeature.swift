import Vapor
import Fluent

/// The audit log of every change, by whom (partnership admins), and the admin section's front door.
enum AuditFeature: ChorusFeature {
    static let name = "audit"
    static func routes(_ r: FeatureRoutes) { AuditController.routes(r) }
    static var migrations: [any Migration] { [CreateAuditEvents(), ScrubAuditWallText()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.audit", href: SiteURL.audit, shownTo: { $0.role.canAdministerPartnership })]
    }
}
