import Vapor

/// Themes and audiences: each an admin resource with its pages, CSV and API (`AdminRoutes`).
enum TaxonomyController {
    static func routes(_ r: FeatureRoutes) {
        let themes = AdminRoutes(resource: ThemesResource())
        themes.registerHTML(r.admin)
        themes.registerAPI(r.api, docs: r.docs)
        let audiences = AdminRoutes(resource: AudiencesResource())
        audiences.registerHTML(r.admin)
        audiences.registerAPI(r.api, docs: r.docs)
    }
}
