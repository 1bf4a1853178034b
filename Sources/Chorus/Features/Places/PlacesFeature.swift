import Vapor
import Fluent

/// Places (wards and areas with GSS codes and populations), their CSV import and ward boundaries for maps (partnership
/// admins).
enum PlacesFeature: ChorusFeature {
    static let name = "places"
    static func routes(_ r: FeatureRoutes) { PlacesController.routes(r) }
    static var migrations: [any Migration] { [CreatePlaces(), AddPostcodeDistrictsToPlaces(), CreateWardBoundaries()] }
    static var navigation: [NavigationEntry] {
        [NavigationEntry(label: "nav.places", href: SiteURL.admin("places").list, shownTo: { $0.role.canAdministerPartnership })]
    }
    static var auditEntities: [String] { [PlacesResource().entity, "ward_boundary"] }
    static var strings: [String: [String: String]] { ["en": Catalogue.placesEnglish, "ur": Catalogue.placesUrdu] }
}
