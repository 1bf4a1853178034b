import Vapor
import Fluent

/// Places (wards and areas with GSS codes and populations) and their CSV import (partnership admins).
enum PlacesFeature: ChorusFeature {
    static let name = "places"
    static func routes(_ r: FeatureRoutes) { PlacesController.routes(r) }
    static var migrations: [any Migration] { [CreatePlaces(), AddPostcodeDistrictsToPlaces()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.places", href: SiteURL.admin("places").list, shownTo: { $0.role.canAdministerPartnership })]
    }
    static var auditEntities: [String] { [PlacesResource().entity] }
}
