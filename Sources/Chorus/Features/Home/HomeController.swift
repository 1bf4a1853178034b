import Vapor
import Fluent
import ChorusCore

/// The home page, and the infrastructure every page relies on (health check, stylesheet, OpenAPI document), which
/// answers without session or CSRF. Handlers parse the request, call `HomePages`, and render a pure view.
enum HomeController {
    typealias URLs = SiteURL.Home.Route

    static func routes(_ r: FeatureRoutes) {
        r.bare.get(URLs.health, use: health)
        r.bare.get(URLs.ready, use: ready)
        r.bare.get(URLs.metrics, use: metrics)
        r.bare.get(URLs.stylesheet, use: stylesheet)
        r.bare.get(URLs.openAPI, use: openAPI)
        r.publicPages.get(URLs.home, use: home)
    }

    @Sendable static func home(_ req: Request) async throws -> Response {
        guard let user = req.currentUser else {
            let page = try await FrontDoorPages.build(req.queryValues, language: req.language, today: Day(Date()), bot: req.botFields, req.db)
            return FrontDoorView.render(page, req.page).response(req.page)
        }
        return HomeViews.home(
            try await HomePages.home(user: user, config: req.application.chorusConfig, req.db), req.page
        ).response(req.page)
    }

    // MARK: Infrastructure

    @Sendable static func health(_ req: Request) async throws -> Response {
        _ = try await Organisation.query(on: req.db).count()
        return try APIResponse.json(["status": "ok", "database": req.application.chorusConfig.database.name])
    }

    /// Whether to send this server traffic: 200 and `"status":"ready"`, or 503 with the problems in words. A database
    /// that does not answer is a 503 too, not an error page.
    @Sendable static func ready(_ req: Request) async throws -> Response {
        let name = req.application.chorusConfig.database.name
        let report: ReadinessCheck.Report
        do {
            report = try await ReadinessCheck.report(databaseName: name, sweep: req.application.jobSweep.state, now: Date(), req.db)
        } catch {
            req.logger.warning("readyz: the database did not answer: \(String(describing: error))")
            report = ReadinessCheck.Report(status: "not ready", database: name, migrations: 0, problems: ["the database did not answer"])
        }
        return try APIResponse.json(report, status: report.problems.isEmpty ? .ok : .serviceUnavailable)
    }

    /// Prometheus text for a monitoring system that sends `CHORUS_METRICS_TOKEN` as a bearer token; 404 when no token
    /// is set (metrics are off), 401 for a wrong or missing one.
    @Sendable static func metrics(_ req: Request) async throws -> Response {
        guard let token = req.application.chorusConfig.metricsToken else { throw Abort(.notFound) }
        guard let sent = req.headers.bearerAuthorization?.token, Tokens.constantTimeEqual(sent, token) else {
            return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"metrics\""])
        }
        let now = Date()
        let families =
            ServerMetrics.families(req.application, now: now)
            + (try await Features.metrics(MetricsRequest(app: req.application, db: req.db, now: now)))
        return Response(
            status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(string: Prometheus.text(families)))
    }

    @Sendable static func stylesheet(_ req: Request) async throws -> Response {
        StaticAsset.response(Stylesheet.css, type: "text/css")
    }

    @Sendable static func openAPI(_ req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let server = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/")
        return Response(status: .ok, headers: headers, body: .init(data: req.application.apiDocs.document(serverURL: server)))
    }
}
