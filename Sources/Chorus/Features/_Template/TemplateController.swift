import Vapor
import ChorusCore

/// The route table first, one line a route; then each handler: parse, call the service, render a pure view.
enum TemplateController {
    typealias URLs = SiteURL.Template.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.post(URLs.list, use: create)
        r.staff.get(URLs.note, use: show)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        TemplateViews.list(try await TemplatePages.list(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let note = try await TemplateService.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Template.note(note.id))
        } catch let failure as ValidationFailure {
            let page = try await TemplatePages.list(user: user, errors: failure.errors, input: input, req.db)
            return TemplateViews.list(page, req.page).response(req.page)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let note = try await TemplateService.find(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
        return TemplateViews.note(note, req.page).response(req.page)
    }
}
