import Vapor
import ChorusCore

/// Staff run a selection (create with targets, check, publish, draw, record what happened, replace); anyone reads a
/// published selection's audit page and downloads its files.
enum PanelSelectionsController {
    typealias URLs = SiteURL.Panels.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.post(URLs.selections, use: create)
        r.staff.get(URLs.selection, use: show)
        r.staff.post(URLs.publish, use: publish)
        r.staff.post(URLs.draw, use: draw)
        r.staff.get(URLs.person, use: person)
        r.staff.post(URLs.person, use: updatePerson)
        r.staff.post(URLs.attendance, use: attendance)
        r.staff.post(URLs.payments, use: addPayment)
        r.staff.get(URLs.paymentsCSV, use: paymentsCSV)
        r.staff.post(URLs.replace, use: replace)
        r.staff.post(URLs.ask, use: ask)
        r.staff.post(URLs.availability, use: recordAvailability)
        r.site.get(URLs.audit, use: audit)
        r.site.get(URLs.auditFile, use: auditFile)
    }

    static func selection(_ req: Request) async throws -> (Panel, PanelSelectionRecord) {
        try await PanelSelectionService.find(req.parameters.get("selection", as: UUID.self), user: req.requireUser(), req.db)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let p = try await PanelsController.panel(req)
        let input = try Input.form(req)
        do {
            let s = try await PanelSelectionService.create(p, input, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!))
        } catch let failure as ValidationFailure {
            return try await PanelsController.again(req, p, failure, input: input)
        }
    }

    static func page(_ req: Request, _ p: Panel, _ s: PanelSelectionRecord, errors: [FieldError] = []) async throws -> Response {
        PanelStaffViews.selection(try await PanelPages.selection(p, s, errors: errors, req.db), req.page).response(req.page)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        return try await page(req, p, s)
    }

    @Sendable static func publish(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        do {
            try await PanelSelectionService.publish(p, s, user: req.requireUser(), on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!))
        } catch let failure as ValidationFailure { return try await page(req, p, s, errors: failure.errors) }
    }

    @Sendable static func draw(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        do {
            try await PanelSelectionService.draw(p, s, try Input.form(req), user: req.requireUser(), mail: req.mailContext, on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!))
        } catch let failure as ValidationFailure { return try await page(req, p, s, errors: failure.errors) }
    }

    static func personPage(_ req: Request, _ p: Panel, _ s: PanelSelectionRecord, errors: [FieldError] = [], input: Input? = nil) async throws
        -> Response
    {
        let page = try await PanelFollowUpService.page(p, s, person: req.parameters.get("person", as: UUID.self), req.db)
        return PanelFollowUpViews.person(page, errors: errors, input: input, req.page).response(req.page)
    }

    @Sendable static func person(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        return try await personPage(req, p, s)
    }

    /// Runs one of the person page's forms; back to the page, or the page again with the form's problems.
    static func onPerson(
        _ req: Request, _ write: (PanelSelectionRecord, UUID?, Input, CurrentUser) async throws -> Void
    ) async throws -> Response {
        let (p, s) = try await selection(req)
        let id = req.parameters.get("person", as: UUID.self)
        let input = try Input.form(req)
        do {
            try await write(s, id, input, try req.requireUser())
            return req.redirect(to: SiteURL.Panels.person(s.id!, id!))
        } catch let failure as ValidationFailure { return try await personPage(req, p, s, errors: failure.errors, input: input) }
    }

    @Sendable static func updatePerson(_ req: Request) async throws -> Response {
        try await onPerson(req) { s, id, input, user in
            try await PanelFollowUpService.update(id, in: s, input, user: user, mail: req.mailContext, on: req.db)
        }
    }

    @Sendable static func attendance(_ req: Request) async throws -> Response {
        try await onPerson(req) { s, id, input, user in try await PanelFollowUpService.attendance(id, in: s, input, user: user, on: req.db) }
    }

    @Sendable static func addPayment(_ req: Request) async throws -> Response {
        try await onPerson(req) { s, id, input, user in try await PanelFollowUpService.addPayment(id, in: s, input, user: user, on: req.db) }
    }

    @Sendable static func paymentsCSV(_ req: Request) async throws -> Response {
        let (_, s) = try await selection(req)
        return Download.attachment(
            .init(string: try await PanelFollowUpService.paymentsCSV(s, req.db)), contentType: "text/csv; charset=utf-8",
            filename: "panel-payments.csv", private: true)
    }

    @Sendable static func replace(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        do {
            _ = try await PanelSelectionService.replace(p, s, user: req.requireUser(), mail: req.mailContext, on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!) + "#selected")
        } catch let failure as ValidationFailure { return try await page(req, p, s, errors: failure.errors) }
    }

    @Sendable static func ask(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        do {
            _ = try await PanelAvailabilityService.ask(p, s, user: req.requireUser(), mail: req.mailContext, on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!) + "#availability")
        } catch let failure as ValidationFailure { return try await page(req, p, s, errors: failure.errors) }
    }

    /// An answer staff took on paper or by phone.
    @Sendable static func recordAvailability(_ req: Request) async throws -> Response {
        let (p, s) = try await selection(req)
        let input = try Input.form(req)
        do {
            guard let id = input["member_id"].flatMap(UUID.init(uuidString:)), let m = try await PanelMember.find(id, on: req.db), m.panelID == p.id,
                ["yes", "no"].contains(input["available"] ?? "")
            else { throw ValidationFailure([FieldError("member_id", "Choose a member and whether they can come")]) }
            try await PanelAvailabilityService.answer(
                s, member: id, available: input["available"] == "yes", actor: req.requireUser().actor, on: req.db)
            return req.redirect(to: SiteURL.Panels.selection(s.id!) + "#availability")
        } catch let failure as ValidationFailure { return try await page(req, p, s, errors: failure.errors) }
    }

    @Sendable static func audit(_ req: Request) async throws -> Response {
        let (p, s) = try await PanelSelectionService.findPublished(req.parameters.get("selection", as: UUID.self), req.db)
        return PanelAuditViews.audit(try await PanelPages.audit(p, s, req.db), req.page).response(req.page)
    }

    /// `categories.csv`, `respondents.csv`, `distribution.json` or `SHA256SUMS`: exactly the bytes that were published.
    @Sendable static func auditFile(_ req: Request) async throws -> Response {
        let (_, s) = try await PanelSelectionService.findPublished(req.parameters.get("selection", as: UUID.self), req.db)
        let name = req.parameters.get("file") ?? ""
        let body: String?
        let type: String
        switch name {
        case "categories.csv": (body, type) = (s.categoriesCSV, "text/csv; charset=utf-8")
        case "respondents.csv": (body, type) = (s.respondentsCSV, "text/csv; charset=utf-8")
        case "distribution.json": (body, type) = (s.distribution, "application/json")
        case "SHA256SUMS": (body, type) = (s.poolHash.map { $0 + "\n" }, "text/plain; charset=utf-8")
        default: throw Abort(.notFound)
        }
        guard let body else { throw Abort(.notFound) }
        return Download.attachment(.init(string: body), contentType: type, filename: name)
    }
}
