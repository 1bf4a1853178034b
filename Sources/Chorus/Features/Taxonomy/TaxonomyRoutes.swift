import Vapor

enum TaxonomyRoutes {
    static func register(admin: any RoutesBuilder, api: any RoutesBuilder, docs: APIDocs) {
        let themes = AdminRoutes(resource: ThemesResource())
        themes.registerHTML(admin)
        themes.registerAPI(api, docs: docs)
        let audiences = AdminRoutes(resource: AudiencesResource())
        audiences.registerHTML(admin)
        audiences.registerAPI(api, docs: docs)
    }
}
