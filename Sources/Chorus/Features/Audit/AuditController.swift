import Vapor
import ChorusCore

/// The audit log pages (partnership admins): the filtered list, its CSV, and the admin section's front door. Handlers
/// parse the filter (`AuditRoutes.parse`, shared with the API), call `AuditService` / `AuditPages`, and render a pure view.
enum AuditController {
    typealias URLs = SiteURL.Audit.Route

    static func routes(_ r: FeatureRoutes) {
        r.admin.get(URLs.adminHome, use: adminHome)
        r.admin.get(URLs.list, use: list)
        r.admin.get(URLs.csv, use: csv)
        AuditHistory.routes(r)
        AuditRoutes.register(api: r.api, docs: r.docs)
    }

    @Sendable static func adminHome(_ req: Request) async throws -> Response {
        req.redirect(to: SiteURL.admin("organisations").list)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let filter = try AuditRoutes.parse(req)
        let page = try await AuditPages.list(filter, window: req.pageRequest, query: req.queryValues, req.db)
        return AuditView.list(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        CSVDownload.response(try await AuditService.csv(req.db, try AuditRoutes.parse(req)), filename: "audit.csv")
    }
}
