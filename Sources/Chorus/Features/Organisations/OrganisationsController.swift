import Vapor

/// Partner organisations: the admin resource's pages, CSV and API (`AdminRoutes`).
enum OrganisationsController {
    static func routes(_ r: FeatureRoutes) {
        let organisations = AdminRoutes(resource: OrganisationsResource())
        organisations.registerHTML(r.admin)
        organisations.registerAPI(r.api, docs: r.docs)
    }
}
