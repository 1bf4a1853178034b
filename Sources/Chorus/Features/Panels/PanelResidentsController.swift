import Vapor
import ChorusCore

/// Residents: the panels they may join, joining (signed in, with a letter's household code if they have one),
/// updating their profile, and leaving.
enum PanelResidentsController {
    typealias URLs = SiteURL.Panels.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.publicList, use: list)
        r.residents.get(URLs.join, use: form)
        r.residents.post(URLs.join, use: join)
        r.residents.post(URLs.leave, use: leave)
        r.residents.post(URLs.answer, use: answer)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        PanelResidentViews.list(try await PanelService.openPanels(req.db), req.page).response(req.page)
    }

    static func render(_ req: Request, _ p: Panel, errors: [FieldError] = [], input: Input? = nil, done: String? = nil) async throws -> Response {
        let page = try await PanelPages.join(p, resident: req.requireResident(), errors: errors, input: input, done: done, req.db)
        return PanelResidentViews.join(page, req.page).response(req.page)
    }

    @Sendable static func form(_ req: Request) async throws -> Response {
        let p = try await PanelService.findOpen(req.parameters.get("id", as: UUID.self), req.db)
        return try await render(req, p, done: req.query["done"])
    }

    @Sendable static func join(_ req: Request) async throws -> Response {
        let p = try await PanelService.findOpen(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        do {
            let joined = try await PanelService.join(p, input, resident: req.requireResident(), language: req.language, on: req.db)
            return req.redirect(to: SiteURL.Panels.join(p.id!) + (joined ? "?done=joined" : "?done=saved"))
        } catch let failure as ValidationFailure { return try await render(req, p, errors: failure.errors, input: input) }
    }

    /// "Can you come?": yes or no for one event.
    @Sendable static func answer(_ req: Request) async throws -> Response {
        let p = try await PanelService.findOpen(req.parameters.get("id", as: UUID.self), req.db)
        let input = try Input.form(req)
        do {
            try await PanelAvailabilityService.answer(
                p, selection: req.parameters.get("selection", as: UUID.self), resident: req.requireResident(), available: input["available"] == "yes",
                on: req.db)
        } catch let failure as ValidationFailure { return try await render(req, p, errors: failure.errors) }
        return req.redirect(to: SiteURL.Panels.join(p.id!) + "?done=answered")
    }

    @Sendable static func leave(_ req: Request) async throws -> Response {
        let p = try await PanelService.findOpen(req.parameters.get("id", as: UUID.self), req.db)
        try await PanelService.leave(p, resident: req.requireResident(), on: req.db)
        return PanelResidentViews.left(try await PanelService.summary(p, req.db), req.page).response(req.page)
    }
}
