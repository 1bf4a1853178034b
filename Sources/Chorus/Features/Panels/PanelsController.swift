import Vapor
import ChorusCore

/// Staff: the organisation's panels, a panel's members (add from a paper or phone form), its letter lottery (import an
/// address list, draw households, print the letters).
enum PanelsController {
    typealias URLs = SiteURL.Panels.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.post(URLs.list, use: create)
        r.staff.get(URLs.panel, use: show)
        r.staff.post(URLs.members, use: addMember)
        r.staff.post(URLs.addresses, use: importAddresses)
        r.staff.post(URLs.lottery, use: drawLottery)
        r.staff.get(URLs.letters, use: letters)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        PanelStaffViews.list(try await PanelPages.list(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let p = try await PanelService.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.Panels.panel(p.id!))
        } catch let failure as ValidationFailure {
            let page = try await PanelPages.list(user: user, errors: failure.errors, input: input, req.db)
            return PanelStaffViews.list(page, req.page).response(req.page)
        }
    }

    static func panel(_ req: Request) async throws -> Panel {
        try await PanelService.find(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let page = try await PanelPages.panel(try await panel(req), req.db)
        return PanelStaffViews.panel(page, req.page).response(req.page)
    }

    /// The panel page again with a form's problems (and what was typed).
    static func again(_ req: Request, _ p: Panel, _ failure: ValidationFailure, input: Input?) async throws -> Response {
        let page = try await PanelPages.panel(p, errors: failure.errors, input: input, req.db)
        return PanelStaffViews.panel(page, req.page).response(req.page)
    }

    @Sendable static func addMember(_ req: Request) async throws -> Response {
        let p = try await panel(req)
        let input = try Input.form(req)
        do {
            _ = try await PanelService.addMember(p, input, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Panels.panel(p.id!) + "#members")
        } catch let failure as ValidationFailure { return try await again(req, p, failure, input: input) }
    }

    @Sendable static func importAddresses(_ req: Request) async throws -> Response {
        let p = try await panel(req)
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0,
            let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes)
        else { return try await again(req, p, ValidationFailure([FieldError("file", "Choose a CSV file of addresses to import")]), input: nil) }
        do {
            _ = try await PanelLetterService.importAddresses(p, csv: text, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Panels.panel(p.id!) + "#letters")
        } catch let failure as ValidationFailure { return try await again(req, p, failure, input: nil) }
    }

    @Sendable static func drawLottery(_ req: Request) async throws -> Response {
        let p = try await panel(req)
        let input = try Input.form(req)
        do {
            _ = try await PanelLetterService.draw(p, input, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Panels.panel(p.id!) + "#letters")
        } catch let failure as ValidationFailure { return try await again(req, p, failure, input: input) }
    }

    @Sendable static func letters(_ req: Request) async throws -> Response {
        let p = try await panel(req)
        let letters = try await PanelLetterService.letters(p, draw: req.parameters.get("draw", as: UUID.self), req.db)
        return PanelStaffViews.letters(
            PanelPages.Letters(
                panel: try await PanelService.summary(p, req.db), letters: letters,
                baseURL: req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/")), req.page
        )
        .response(req.page)
    }
}
