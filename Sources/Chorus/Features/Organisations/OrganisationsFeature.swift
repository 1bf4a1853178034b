import Vapor
import Fluent

/// Partner organisations (partnership admins).
enum OrganisationsFeature: ChorusFeature {
    static let name = "organisations"
    static func routes(_ r: FeatureRoutes) { OrganisationsController.routes(r) }
    static var migrations: [any Migration] { [CreateOrganisations()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.organisations", href: SiteURL.admin("organisations").list, shownTo: { $0.role.canAdministerPartnership })]
    }
    static var auditEntities: [String] { [OrganisationsResource().entity] }
}
