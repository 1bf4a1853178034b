import Vapor
import Fluent

/// Staff accounts, roles and invitations (partnership admins).
enum PeopleFeature: ChorusFeature {
    static let name = "people"
    static func routes(_ r: FeatureRoutes) { PeopleController.routes(r) }
    static var migrations: [any Migration] { [CreatePeople()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.people", href: SiteURL.admin("people").list, shownTo: { $0.role.canAdministerPartnership })]
    }
    static var auditEntities: [String] { [PeopleResource().entity] }
}
