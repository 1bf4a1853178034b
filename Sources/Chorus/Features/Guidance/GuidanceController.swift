import Vapor
import ChorusCore

/// The route table first, then each handler: parse, call the service, render a pure view.
enum GuidanceController {
    typealias URLs = SiteURL.Guidance.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.get(URLs.new, use: new)
        r.staff.post(URLs.new, use: create)
        r.staff.get(URLs.page, use: show)
        r.staff.get(URLs.edit, use: edit)
        r.staff.post(URLs.edit, use: update)
        r.staff.get(URLs.caseStudy, use: caseStudy)
        r.publicPages.get(URLs.publicList, use: publicList)
        r.publicPages.get(URLs.publicPage, use: publicPage)
    }

    private static func label(_ req: Request) -> @Sendable (String) -> String {
        let ctx = req.page
        return { ctx.t("method.\($0)") }
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let q = try req.query.decode([String: String].self)
        let page = try await GuidancePages.list(q, reader: .staff(req.requireUser()), methodLabel: label(req), req.db)
        return GuidanceViews.list(page, req.page).response(req.page)
    }

    @Sendable static func new(_ req: Request) async throws -> Response {
        GuidanceViews.edit(try await GuidancePages.edit(nil, user: req.requireUser(), methodLabel: label(req), req.db), req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }

    @Sendable static func update(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return try await save(req, id: id)
    }

    private static func save(_ req: Request, id: UUID?) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let saved = try await GuidanceService.save(id, input, user: user, today: Day(Date()), on: req.db)
            return req.redirect(to: SiteURL.Guidance.page(saved))
        } catch let failure as ValidationFailure {
            var page = try await GuidancePages.edit(id, user: user, methodLabel: label(req), req.db)
            page = GuidancePages.Edit(id: page.id, input: input, methods: page.methods, errors: failure.errors)
            return GuidanceViews.edit(page, req.page).response(req.page)
        }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let e = try await GuidanceService.find(req.parameters.get("id", as: UUID.self), reader: .staff(user), req.db)
        return GuidanceViews.page(e, canEdit: GuidanceService.canEdit(user, organisationID: e.organisationID), req.page).response(req.page)
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let page = try await GuidancePages.edit(req.parameters.get("id", as: UUID.self), user: req.requireUser(), methodLabel: label(req), req.db)
        return GuidanceViews.edit(page, req.page).response(req.page)
    }

    /// A new case study's form, drafted from the activity's evaluation (saved only when the officer saves it).
    @Sendable static func caseStudy(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try await GuidanceService.caseStudyDraft(
            activity: req.parameters.get("id", as: UUID.self), user: user, methodLabel: label(req), req.db)
        let page = GuidancePages.Edit(id: nil, input: input, methods: GuidancePages.methodOptions(label(req)))
        return GuidanceViews.edit(page, req.page).response(req.page)
    }

    @Sendable static func publicList(_ req: Request) async throws -> Response {
        let q = try req.query.decode([String: String].self)
        let page = try await GuidancePages.list(q, reader: .resident, methodLabel: label(req), req.db)
        return GuidanceViews.publicList(page, req.page).response(req.page)
    }

    @Sendable static func publicPage(_ req: Request) async throws -> Response {
        let e = try await GuidanceService.find(req.parameters.get("id", as: UUID.self), reader: .resident, req.db)
        return GuidanceViews.publicPage(e, req.page).response(req.page)
    }
}
