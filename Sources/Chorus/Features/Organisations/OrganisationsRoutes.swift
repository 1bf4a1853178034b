import Vapor

enum OrganisationsRoutes {
    static func register(admin: any RoutesBuilder, api: any RoutesBuilder, docs: APIDocs) {
        let routes = AdminRoutes(resource: OrganisationsResource())
        routes.registerHTML(admin)
        routes.registerAPI(api, docs: docs)
    }
}
