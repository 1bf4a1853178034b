import Vapor
import ChorusCore

/// Residents: projects taking pledges, a project and its pledge form, returning from the card provider, withdrawing a
/// pledge, starting or changing a project, its photos, posting an update to one's own project, and "my pledges and
/// projects".
enum CrowdfundResidentsController {
    typealias URLs = SiteURL.Crowdfunding.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.list, use: list)
        r.site.get(URLs.project, use: show)
        r.site.post(URLs.pledge, use: pledge)
        r.residents.get(URLs.cardSaved, use: cardSaved)
        r.residents.post(URLs.cancel, use: cancel)
        r.residents.get(URLs.start, use: startForm)
        r.residents.post(URLs.start, use: start)
        r.residents.get(URLs.edit, use: editForm)
        r.residents.post(URLs.edit, use: edit)
        r.residents.post(URLs.update, use: postUpdate)
        r.residents.get(URLs.mine, use: mine)
        r.residents.get(URLs.photos, use: photos)
        r.residents.post(URLs.photos, use: addPhoto).acceptsBody(upTo: PhotoUpload.maxBody)
        r.residents.post(URLs.removePhoto, use: removePhoto)
        r.site.get(URLs.photo, use: photo)
    }

    static func query(_ req: Request) -> [String: String] { (try? req.query.decode([String: String].self)) ?? [:] }

    @Sendable static func list(_ req: Request) async throws -> Response {
        CrowdfundResidentViews.list(try await CrowdfundPages.list(query(req), req.db), req.page).response(req.page)
    }

    static func render(_ req: Request, _ p: CrowdfundProject, errors: [FieldError] = [], values: [String: String] = [:], done: String? = nil)
        async throws
        -> Response
    {
        let page = try await CrowdfundPages.project(
            p, resident: req.currentResident, cardAvailable: CrowdfundCloseJob.card(req.application) != nil, errors: errors, values: values,
            done: done, req.db)
        return CrowdfundResidentViews.project(page, req.page).response(req.page)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let p = try await CrowdfundProjectService.findPublic(req.parameters.get("id", as: UUID.self), req.db)
        return try await render(req, p, done: req.query[String.self, at: "done"])
    }

    /// Signed-in residents pledge; anyone else is sent to sign in and comes back to the project.
    @Sendable static func pledge(_ req: Request) async throws -> Response {
        let p = try await CrowdfundProjectService.findPublic(req.parameters.get("id", as: UUID.self), req.db)
        guard let resident = req.currentResident else { return req.redirect(to: SiteURL.Residents.signIn(back: SiteURL.Crowdfunding.project(p.id!))) }
        let input = try Input.form(req)
        let base = req.application.chorusConfig.baseURL.absoluteString.trimmingSuffix("/")
        do {
            switch try await CrowdfundPledgeService.pledge(
                p, input, resident: resident, card: CrowdfundCloseJob.card(req.application), returnURL: base + SiteURL.Crowdfunding.cardSaved,
                cancelURL: base + SiteURL.Crowdfunding.project(p.id!), on: req.db)
            {
            case .promised: return req.redirect(to: SiteURL.Crowdfunding.project(p.id!) + "?done=pledged")
            case .toProvider(let url): return req.redirect(to: url)
            }
        } catch let failure as ValidationFailure {
            return try await render(req, p, errors: failure.errors, values: input.values)
        } catch let failure as ProviderUnavailable {
            req.logger.warning("crowdfunding: saving a card: \(failure.description)")
            return try await render(
                req, p, errors: [FieldError("method", "Card payments are not working just now: try again later, or choose another way to pay")],
                values: input.values)
        }
    }

    @Sendable static func cardSaved(_ req: Request) async throws -> Response {
        guard let session = req.query[String.self, at: "session"], let card = CrowdfundCloseJob.card(req.application) else { throw Abort(.notFound) }
        guard let pledge = try await CrowdfundPledgeService.cardSaved(session: session, card: card, on: req.db),
            pledge.residentID == req.currentResident?.id
        else { throw Abort(.notFound) }
        let done = pledge.statusValue == .awaitingCard ? "" : "?done=card"
        return req.redirect(to: SiteURL.Crowdfunding.project(pledge.projectID) + done)
    }

    @Sendable static func cancel(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let pledge = try await CrowdfundPledgeService.findOwn(req.parameters.get("pledge", as: UUID.self), resident: resident, req.db)
        do {
            try await CrowdfundPledgeService.cancel(pledge, actor: resident.actor, on: req.db)
        } catch let failure as ValidationFailure {
            return try await render(req, try await CrowdfundProjectService.find(pledge.projectID, req.db), errors: failure.errors)
        }
        return req.redirect(to: SiteURL.Crowdfunding.project(pledge.projectID) + "?done=cancelled")
    }

    @Sendable static func startForm(_ req: Request) async throws -> Response {
        CrowdfundResidentViews.start(try await CrowdfundPages.start(nil, req.db), req.page).response(req.page)
    }

    @Sendable static func start(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let input = try Input.form(req)
        do {
            let fields = try await CrowdfundProjectService.read(input, today: Day(Date()), req.db)
            _ = try await CrowdfundProjectService.create(fields, resident: resident, actor: resident.actor, on: req.db)
            return req.redirect(to: SiteURL.Crowdfunding.mine)
        } catch let failure as ValidationFailure {
            let page = try await CrowdfundPages.start(nil, values: input.values, errors: failure.errors, req.db)
            return CrowdfundResidentViews.start(page, req.page).response(req.page)
        }
    }

    @Sendable static func editForm(_ req: Request) async throws -> Response {
        let p = try await CrowdfundProjectService.findOwn(req.parameters.get("id", as: UUID.self), resident: req.requireResident(), req.db)
        return CrowdfundResidentViews.start(try await CrowdfundPages.start(p, req.db), req.page).response(req.page)
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let p = try await CrowdfundProjectService.findOwn(req.parameters.get("id", as: UUID.self), resident: resident, req.db)
        let input = try Input.form(req)
        do {
            let fields = try await CrowdfundProjectService.read(input, today: Day(Date()), req.db)
            try await CrowdfundProjectService.update(p, fields, actor: resident.actor, on: req.db)
            return req.redirect(to: SiteURL.Crowdfunding.mine)
        } catch let failure as ValidationFailure {
            let page = try await CrowdfundPages.start(p, values: input.values, errors: failure.errors, req.db)
            return CrowdfundResidentViews.start(page, req.page).response(req.page)
        }
    }

    @Sendable static func postUpdate(_ req: Request) async throws -> Response {
        let resident = try req.requireResident()
        let p = try await CrowdfundProjectService.findOwn(req.parameters.get("id", as: UUID.self), resident: resident, req.db)
        let input = try Input.form(req)
        do {
            try await CrowdfundProjectService.postUpdate(p, input, actor: resident.actor, by: p.groupName, mail: req.mailContext, on: req.db)
        } catch let failure as ValidationFailure { return try await render(req, p, errors: failure.errors, values: input.values) }
        return req.redirect(to: SiteURL.Crowdfunding.project(p.id!) + "?done=update")
    }

    @Sendable static func mine(_ req: Request) async throws -> Response {
        CrowdfundResidentViews.mine(try await CrowdfundPages.mine(req.requireResident(), req.db), req.page).response(req.page)
    }

    // MARK: photos

    static func ownProject(_ req: Request) async throws -> (CrowdfundProject, CurrentResident) {
        let resident = try req.requireResident()
        return (try await CrowdfundProjectService.findOwn(req.parameters.get("id", as: UUID.self), resident: resident, req.db), resident)
    }

    static func photosPage(_ req: Request, _ p: CrowdfundProject, alt: String = "", errors: [FieldError] = []) async throws -> Response {
        let photos = try await CrowdfundPhotos.meta(of: p.id!, req.db)
        return CrowdfundResidentViews.photos(p, photos: photos, alt: alt, errors: errors, req.page).response(req.page)
    }

    /// The creator's photos of their project, with a form to add one.
    @Sendable static func photos(_ req: Request) async throws -> Response {
        try await photosPage(req, try await ownProject(req).0)
    }

    @Sendable static func addPhoto(_ req: Request) async throws -> Response {
        let (p, resident) = try await ownProject(req)
        let alt = try? req.content.get(String.self, at: "image_alt")
        do {
            try await CrowdfundPhotos.add(
                try? req.content.get(File.self, at: "image"), alt: alt, to: p, actor: resident.actor, language: req.language, req.db)
        } catch let failure as ValidationFailure {
            return try await photosPage(req, p, alt: alt ?? "", errors: failure.errors)
        }
        return req.redirect(to: SiteURL.Crowdfunding.photos(p.id!))
    }

    @Sendable static func removePhoto(_ req: Request) async throws -> Response {
        let (p, resident) = try await ownProject(req)
        try await CrowdfundPhotos.remove(req.parameters.get("photo", as: UUID.self), from: p, actor: resident.actor, req.db)
        return req.redirect(to: SiteURL.Crowdfunding.photos(p.id!))
    }

    /// A photo: anyone may see a public project's; before then its creator and staff.
    @Sendable static func photo(_ req: Request) async throws -> Response {
        let p = try await CrowdfundProjectService.find(req.parameters.get("id", as: UUID.self), req.db)
        let isPublic = p.stageValue.isPublic
        let creator = req.currentResident != nil && p.creatorResidentID == req.currentResident?.id
        guard isPublic || creator || req.currentUser != nil,
            let photo = try await CrowdfundPhotos.photo(req.parameters.get("photo", as: UUID.self), project: p.id!, req.db)
        else { throw Abort(.notFound) }
        return PhotoUpload.response(kind: photo.kind, bytes: photo.bytes, isPublic: isPublic)
    }
}
