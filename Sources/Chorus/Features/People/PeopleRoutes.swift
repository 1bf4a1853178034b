import Vapor
import ChorusCore

enum PeopleRoutes {
    static func register(admin: any RoutesBuilder, api: any RoutesBuilder, docs: APIDocs) {
        let routes = AdminRoutes(resource: PeopleResource())
        routes.registerHTML(admin)
        routes.registerAPI(api, docs: docs)
        let people = admin.grouped("people", ":id")
        for (action, active) in [("deactivate", false), ("reactivate", true)] {
            people.post(PathComponent(stringLiteral: action)) { req in
                let user = try req.requireUser()
                let id = req.parameters.get("id", as: UUID.self)
                do {
                    let p = try await PeopleService.setActive(id, active: active, db: req.db, actor: user.actor)
                    return req.redirect(to: SiteURL.with(SiteURL.admin("people").list, ["saved": p.id?.uuidString]))
                } catch let failure as ValidationFailure {
                    let p = try await AdminStore(resource: PeopleResource()).find(req.db, id)
                    return try await AdminViews(resource: PeopleResource()).form(req, record: p, values: PeopleResource().values(p),
                                                                                errors: failure.errors)
                }
            }
        }
        people.post("invitation") { req in
            let user = try req.requireUser()
            let (person, token) = try await PeopleService.invite(req.parameters.get("id", as: UUID.self), db: req.db, actor: user.actor)
            let link = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/") + SiteURL.invitation(token)
            return Page(title: req.t("people.invitation_title"), body: [
                H.el("h1", ["class": "heading-xl"], [.text(req.t("people.invitation_title"))]),
                H.el("p", [:], [.text(req.t("people.invitation_body", person.name, person.email))]),
                H.el("p", ["class": "token-display"], [H.el("code", ["id": "invitation-link"], [.text(link)])]),
                H.el("p", [:], [.text(req.t("people.invitation_expiry"))]),
                H.el("p", [:], [H.link(req.t("admin.back_to", req.t("admin.people.title")), SiteURL.admin("people").list)]),
            ]).response(for: req)
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
