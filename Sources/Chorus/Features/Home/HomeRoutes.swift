import Vapor
import Fluent
import ChorusCore

enum HomeRoutes {
    static func register(html: any RoutesBuilder) {
        html.get { req in
            guard let user = req.currentUser else {
                return Page(title: req.t("home.title"), body: [
                    H.el("h1", ["class": "heading-xl"], [.text(req.t("home.welcome"))]),
                    H.el("p", ["class": "lead"], [.text(req.t("home.intro"))]),
                    H.el("p", [:], [H.link(req.t("shell.sign_in"), SiteURL.signIn, class: "button")]),
                ]).response(for: req)
            }
            let counts: [(String, Int, String)] = [
                ("organisations", try await Organisation.query(on: req.db).count(), SiteURL.admin("organisations").list),
                ("people", try await Person.query(on: req.db).filter(\.$active == true).count(), SiteURL.admin("people").list),
                ("places", try await Place.query(on: req.db).count(), SiteURL.admin("places").list),
                ("themes", try await Theme.query(on: req.db).count(), SiteURL.admin("themes").list),
                ("audiences", try await Audience.query(on: req.db).count(), SiteURL.admin("audiences").list),
            ]
            let admin = user.role.canAdministerPartnership
            return Page(title: req.t("home.title"), body: [
                H.el("h1", ["class": "heading-xl"], [.text(req.t("home.hello", user.name))]),
                H.el("p", ["class": "lead"], [.text(req.t("home.role", req.t("role.\(user.role.rawValue)"), user.organisationName))]),
                H.el("ul", ["class": "stat-grid"], counts.map { key, n, link in
                    H.el("li", ["class": "stat"], [
                        H.el("span", ["class": "stat-number"], [.text(NumberText.grouped(n))]),
                        admin ? H.link(req.t("nav.\(key)"), link) : H.el("span", [:], [.text(req.t("nav.\(key)"))]),
                    ])
                }),
            ]).response(for: req)
        }
    }

    static func registerInfrastructure(_ app: any RoutesBuilder) {
        app.get("healthz") { req async throws -> Response in
            _ = try await Organisation.query(on: req.db).count()
            return try APIResponse.json(["status": "ok", "database": req.application.chorusConfig.database.name])
        }
        app.get("assets", "chorus.css") { _ in StaticAsset.response(Stylesheet.css, type: "text/css") }
        app.get("api", "v1", "openapi.json") { req -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .json
            let server = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/")
            return Response(status: .ok, headers: headers, body: .init(data: req.application.apiDocs.document(serverURL: server)))
        }
    }
}
