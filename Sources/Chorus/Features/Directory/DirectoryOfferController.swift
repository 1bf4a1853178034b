import Vapor
import ChorusCore

/// Staff: volunteering offers and shared resources: the list (filters, what has been given, the record as CSV), offering
/// something, an offer's page, requesting it for a group, and the offering partner's answers.
enum DirectoryOfferController {
    typealias URLs = SiteURL.Directory.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.offers, use: list)
        r.staff.get(URLs.offersCSV, use: csv)
        r.staff.get(URLs.newOffer, use: newForm)
        r.staff.post(URLs.newOffer, use: create)
        r.staff.get(URLs.offer, use: offer)
        r.staff.post(URLs.offerOpen, use: setOpen)
        r.staff.post(URLs.offerRequests, use: request)
        r.staff.post(URLs.offerRequestAction, use: respond)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let notice = req.queryValues["saved"] != nil ? req.t("directory.saved") : nil
        let page = try await DirectoryOfferPages.list(user: req.requireUser(), query: req.queryValues, notice: notice, req.db)
        return DirectoryOfferViews.list(page, req.page).response(req.page)
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        _ = try req.requireUser()
        return CSVDownload.response(DirectoryOffers.csv(try await DirectoryOffers.requests(req.db)), filename: "directory-offers.csv")
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard user.role.canKeepDirectory else { throw Abort(.forbidden) }
        let page = try await DirectoryOfferPages.editor(input: Input(values: ["organisation_id": user.organisationID.uuidString]), user: user, req.db)
        return DirectoryOfferViews.form(page, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        do {
            let id = try await DirectoryOffers.create(input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Directory.offer(id), ["saved": "1"]))
        } catch let failure as ValidationFailure {
            let page = try await DirectoryOfferPages.editor(input: input, errors: failure.errors, user: user, req.db)
            return DirectoryOfferViews.form(page, req.page).response(req.page)
        }
    }

    @Sendable static func offer(_ req: Request) async throws -> Response {
        let q = req.queryValues
        let notice = q["saved"] != nil ? req.t("directory.saved") : q["requested"] != nil ? req.t("offer.requested") : nil
        let page = try await DirectoryOfferPages.offer(req.parameters.get("id", as: UUID.self), user: req.requireUser(), notice: notice, req.db)
        return DirectoryOfferViews.offer(page, req.page).response(req.page)
    }

    @Sendable static func setOpen(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let open = Input.isTrue(try? req.content.get(String.self, at: "open"))
        try await DirectoryOffers.setOpen(id, open: open, user: req.requireUser(), on: req.db)
        return req.redirect(to: SiteURL.Directory.offer(id!))
    }

    @Sendable static func request(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = req.parameters.get("id", as: UUID.self)
        let input = try Input.form(req)
        do {
            try await DirectoryOffers.request(id, input, user: user, on: req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Directory.offer(id!), ["requested": "1"]) + "#requests-title")
        } catch let failure as ValidationFailure {
            let page = try await DirectoryOfferPages.offer(id, user: user, input: input, errors: failure.errors, req.db)
            return DirectoryOfferViews.offer(page, req.page).response(req.page)
        }
    }

    @Sendable static func respond(_ req: Request) async throws -> Response {
        guard let action = req.parameters.get("action").flatMap(OfferRequestStatus.Action.init(rawValue:)) else { throw Abort(.notFound) }
        let id = req.parameters.get("request", as: UUID.self)
        try await DirectoryOffers.respond(id, action, try Input.form(req), user: req.requireUser(), on: req.db)
        guard let offer = try await DirectoryOfferRequest.find(id, on: req.db)?.$offer.id else { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.Directory.offer(offer) + "#requests-title")
    }
}
