import Vapor
import Fluent

/// Every feature area, in navigation order. Adding an area is one line here (docs/development.md); everything the
/// area declares (`ChorusFeature`) is registered from this list and nowhere else.
enum Features {
    static let all: [any ChorusFeature.Type] = [
        ShellFeature.self,
        RegisterFeature.self,
        PlanningFeature.self,
        DirectoryFeature.self,
        SurveysFeature.self,
        BudgetingFeature.self,
        PanelsFeature.self,
        CrowdfundingFeature.self,
        CampaignsFeature.self,
        InsightFeature.self,
        AnalysisFeature.self,
        DecisionsFeature.self,
        FeedbackFeature.self,
        StandardsFeature.self,
        GuidanceFeature.self,
        UpdatesFeature.self,
        OrganisationsFeature.self,
        PeopleFeature.self,
        PlacesFeature.self,
        TaxonomyFeature.self,
        AuditFeature.self,
        AccountFeature.self,
        ResidentsFeature.self,
    ]

    /// Registers every feature's routes, then its jobs. Routes are attributed to the feature that registered them
    /// (`registered`), so a test can tell that none came from anywhere else.
    static func register(_ app: Application, _ features: [any ChorusFeature.Type] = Features.all) {
        let html = app.grouped(SessionUserMiddleware(), ResidentSessionMiddleware(), CSRFMiddleware())
        let routes = FeatureRoutes(
            app: app, site: html, publicPages: html.grouped(PublicPageCacheMiddleware()), staff: html.grouped(RoleGuard.anyStaff),
            admin: html.grouped(RoleGuard.partnershipAdmin),
            api: app.grouped("api", "v1").grouped(APITokenMiddleware(), RoleGuard.anyStaff), docs: app.apiDocs, bare: app,
            residents: html.grouped(ResidentGuard()))
        var owners: [String] = app.featureRouteOwners
        for feature in features {
            let before = app.routes.all.count
            feature.routes(routes)
            owners += Array(repeating: feature.name, count: app.routes.all.count - before)
        }
        app.featureRouteOwners = owners
        for feature in features { feature.jobs(FeatureJobs(app: app, feature: feature.name)) }
    }

    static var navigation: [NavigationEntry] { all.flatMap { $0.navigation } }
    static var auditEntities: [String] { all.flatMap { $0.auditEntities } }
    static var usages: [ReferenceUsage] { all.flatMap { $0.usages } }
    static var migrations: [any Migration] { all.flatMap { $0.migrations } }

    /// Every feature's front-door blocks for one request, in page order.
    static func frontDoor(_ r: FrontDoorRequest, _ features: [any ChorusFeature.Type] = Features.all) async throws -> [FrontDoorEntry] {
        var entries: [FrontDoorEntry] = []
        for feature in features { entries += try await feature.frontDoor(r) }
        return entries.sorted { $0.order < $1.order }
    }

    /// Every feature's dashboard sections for one member of staff, in page order.
    static func dashboard(_ r: DashboardRequest, _ features: [any ChorusFeature.Type] = Features.all) async throws -> [DashboardSection] {
        var sections: [DashboardSection] = []
        for feature in features { sections += try await feature.dashboard(r) }
        return sections.sorted { $0.order < $1.order }
    }

    /// The actions one member of staff owns in every feature that keeps its own (decision spaces' are read there).
    static func ownedActions(_ r: OwnedActionsRequest, _ features: [any ChorusFeature.Type] = Features.all) async throws -> [OwnedAction] {
        var out: [OwnedAction] = []
        for feature in features { out += try await feature.ownedActions(r) }
        return out
    }

    /// Every feature's strings in one language, the first declaration of a key winning. The template's are included
    /// (they are few) so its test reads its pages as a copied feature's would.
    static func strings(_ language: String) -> [String: String] {
        (all + [TemplateFeature.self]).reduce(into: [:]) { table, feature in table.merge(feature.strings[language] ?? [:]) { first, _ in first } }
    }
}

extension Application {
    private struct RouteOwnersKey: StorageKey { typealias Value = [String] }
    /// The feature that registered each route, in `routes.all` order.
    var featureRouteOwners: [String] {
        get { storage[RouteOwnersKey.self] ?? [] }
        set { storage[RouteOwnersKey.self] = newValue }
    }
}
