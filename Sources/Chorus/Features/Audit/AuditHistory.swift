import Vapor
import Fluent
import ChorusCore

extension SiteURL.Audit.Route {
    /// One activity's change history, for whoever may edit the activity (not only partnership admins).
    public static let activityHistory = URLPattern("/activities/:id/history")
}

extension SiteURL.Audit {
    /// "See the change history" on an activity's page.
    public static func activityHistory(_ activity: UUID) -> String { Route.activityHistory.link(activity) }
}

/// One record's history out of the audit log, for the people who may change that record: an activity's officers
/// (and anyone who may open its edit page) see its events without being given the whole log.
enum AuditHistory {
    static func routes(_ r: FeatureRoutes) {
        r.staff.get(SiteURL.Audit.Route.activityHistory, use: activity)
    }

    @Sendable static func activity(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let activity = try await RegisterService.findVisible(req.parameters.get("id", as: UUID.self), user: user, req.db)
        try RegisterService.requireEditor(user, activity)
        var filter = AuditService.Filter()
        filter.entity = RegisterService.entity
        filter.entityID = activity.id!
        let page = try await AuditPages.history(
            title: activity.title, back: SiteURL.Register.show(activity.id!), filter, window: req.pageRequest, req.db)
        return AuditView.history(page, req.page).response(req.page)
    }
}
