import Vapor
import Fluent

/// The shared taxonomies: themes (hierarchical) and audiences (partnership admins).
enum TaxonomyFeature: ChorusFeature {
    static let name = "taxonomy"
    static func routes(_ r: FeatureRoutes) { TaxonomyController.routes(r) }
    static var migrations: [any Migration] { [CreateTaxonomy()] }
    static var navigation: [NavigationEntry] {
        ["themes", "audiences"].map { slug in
            NavigationEntry(label: "nav.\(slug)", href: SiteURL.admin(slug).list, shownTo: { $0.role.canAdministerPartnership })
        }
    }
    static var auditEntities: [String] { [ThemesResource().entity, AudiencesResource().entity] }
}
