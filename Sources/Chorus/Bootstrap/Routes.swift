import Vapor

/// Every route, grouped by who may reach it.
func routes(_ app: Application) throws {
    HomeRoutes.registerInfrastructure(app)
    let docs = app.apiDocs

    // HTML: reader's session and CSRF protection on every page.
    let html = app.grouped(SessionUserMiddleware(), CSRFMiddleware())
    let staff = html.grouped(RoleGuard.anyStaff)
    let admin = html.grouped("admin").grouped(RoleGuard.partnershipAdmin)

    // JSON API: personal API tokens; no cookies, so no CSRF.
    let api = app.grouped("api", "v1").grouped(APITokenMiddleware(), RoleGuard.anyStaff)

    HomeRoutes.register(html: html, app: app)
    AccountRoutes.register(html: html, staff: staff, api: api, docs: docs)
    admin.get { req in req.redirect(to: SiteURL.admin("organisations").list) }
    OrganisationsRoutes.register(admin: admin, api: api, docs: docs)
    PeopleRoutes.register(admin: admin, api: api, docs: docs)
    PlacesRoutes.register(admin: admin, api: api, docs: docs)
    TaxonomyRoutes.register(admin: admin, api: api, docs: docs)
    AuditRoutes.register(admin: admin, api: api, docs: docs)
    RegisterRoutes.register(staff: staff)
    RegisterAPI.register(api, docs: docs)
    PlanningRoutes.register(staff: staff)
    PublicRoutes.register(html: html)
    InsightRoutes.register(staff: staff, app: app)
    InsightAPI.register(api, docs: docs)
    AnalysisRoutes.register(staff: staff, app: app)
    DecisionsRoutes.register(staff: staff)
    FeedbackRoutes.register(app: app, html: html, staff: staff)
}
