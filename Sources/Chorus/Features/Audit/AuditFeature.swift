import Vapor
import Fluent

/// The audit log of every change, by whom (partnership admins), and the admin section's front door.
enum AuditFeature: ChorusFeature {
    static let name = "audit"
    static func routes(_ r: FeatureRoutes) {
        let admin = r.admin.grouped("admin")
        admin.get { req in req.redirect(to: SiteURL.admin("organisations").list) }
        AuditRoutes.register(admin: admin, api: r.api, docs: r.docs)
    }
    static var migrations: [any Migration] { [CreateAuditEvents(), ScrubAuditWallText()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.audit", href: SiteURL.audit, shownTo: { $0.role.canAdministerPartnership })]
    }
}
