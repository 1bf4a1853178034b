import Vapor
import ChorusCore

/// Staff accounts: the admin resource (list, forms, CSV, API: `AdminRoutes`), then deactivating, reactivating and
/// inviting a person. Handlers call `PeopleService` and render pure views.
enum PeopleController {
    static let resource = PeopleResource()
    static var URLs: SiteURL.Admin.Route { resource.urls.route }

    static func routes(_ r: FeatureRoutes) {
        let people = AdminRoutes(resource: resource)
        people.registerHTML(r.admin)
        people.registerAPI(r.api, docs: r.docs)
        r.admin.post(URLs.action("deactivate"), use: deactivate)
        r.admin.post(URLs.action("reactivate"), use: reactivate)
        r.admin.post(URLs.action("invitation"), use: invite)
    }

    @Sendable static func deactivate(_ req: Request) async throws -> Response { try await setActive(req, false) }
    @Sendable static func reactivate(_ req: Request) async throws -> Response { try await setActive(req, true) }

    static func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: UUID.self)
        do {
            let p = try await PeopleService.setActive(id, active: active, db: req.db, actor: user.actor)
            return req.redirect(to: SiteURL.with(resource.urls.list, ["saved": p.id?.uuidString]))
        } catch let failure as ValidationFailure {
            let p = try await AdminStore(resource: resource).find(req.db, id)
            return try await AdminRoutes(resource: resource).form(req, record: p, values: resource.values(p), errors: failure.errors)
        }
    }

    @Sendable static func invite(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (person, token) = try await PeopleService.invite(req.parameters.get("id", as: UUID.self), db: req.db, actor: user.actor)
        let link = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/") + SiteURL.invitation(token)
        let page = PeoplePages.Invitation(name: person.name, email: person.email, link: link)
        return PeopleView.invitation(page, req.page).response(req.page)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
