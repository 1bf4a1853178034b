import Vapor
import ChorusCore

/// Residents in a round: its page (each phase's text, proposals by ward and category), proposing while proposals are
/// open, the ballot (no script: "Update totals" shows the money left on a knapsack ballot), the confirmation with a
/// receipt reference, and the results with a receipt look-up.
enum BudgetVotingController {
    typealias URLs = SiteURL.Budgeting.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.publicList, use: rounds)
        r.site.get(URLs.publicRound, use: round)
        r.site.get(URLs.propose, use: proposeForm)
        r.site.post(URLs.propose, use: propose)
        r.site.get(URLs.ballot, use: ballotForm)
        r.site.post(URLs.ballot, use: vote)
        r.site.get(URLs.voted, use: voted)
        r.site.get(URLs.results, use: results)
        r.site.get(URLs.photo, use: photo)
        r.site.get(URLs.addPhoto, use: photoForm)
        r.site.post(URLs.addPhoto, use: addPhoto).acceptsBody(upTo: PhotoUpload.maxBody)
    }

    /// The round as residents may see it: a draft does not exist for them.
    static func info(_ req: Request) async throws -> (BudgetRound, BudgetRoundService.Info) {
        let r = try await BudgetRoundService.find(req.parameters.get("id", as: UUID.self), req.db)
        let info = BudgetRoundService.Info(r)
        guard info.phase.isPublic else { throw Abort(.notFound) }
        return (r, info)
    }

    static func today() -> Day { Day(Date()) }

    /// Every round residents can see, newest first.
    @Sendable static func rounds(_ req: Request) async throws -> Response {
        BudgetResidentViews.rounds(try await BudgetRoundService.publicRounds(req.db), req.page).response(req.page)
    }

    @Sendable static func round(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        let m = try await BudgetPages.round(info, filter: req.queryValues, resident: req.currentResident, req.db)
        return BudgetResidentViews.round(m, req.page).response(req.page)
    }

    /// Runs `body` for a signed-in resident; others go to sign in and come back.
    static func signedIn(_ req: Request, back: String, _ body: (CurrentResident) async throws -> Response) async throws -> Response {
        guard let resident = req.currentResident else { return req.redirect(to: SiteURL.Residents.signIn(back: back)) }
        return try await body(resident)
    }

    @Sendable static func proposeForm(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        guard info.phase.acceptsProposals else { return closed(info, req) }
        return try await signedIn(req, back: SiteURL.Budgeting.propose(info.id)) { _ in
            let m = try await BudgetPages.propose(info, input: Input(values: [:]), errors: [], bot: req.botFields, req.db)
            return BudgetResidentViews.propose(m, req.page).response(req.page)
        }
    }

    @Sendable static func propose(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        guard info.phase.acceptsProposals else { return closed(info, req) }
        return try await signedIn(req, back: SiteURL.Budgeting.propose(info.id)) { resident in
            let input = try Input.form(req)
            guard BotGuard.judge(input, req) == .human else {
                let m = try await BudgetPages.propose(
                    info, input: input, errors: [FieldError("title", req.t("survey.start_again"))], bot: req.botFields, req.db)
                return BudgetResidentViews.propose(m, req.page).response(req.page)
            }
            switch try await BudgetProposalService.draft(input, round: info, language: req.language, req.db) {
            case .failure(let failure):
                let m = try await BudgetPages.propose(info, input: input, errors: failure.errors, bot: req.botFields, req.db)
                return BudgetResidentViews.propose(m, req.page).response(req.page)
            case .success(let d):
                let reference = try await BudgetProposalService.create(d, round: info, author: .resident(resident), on: req.db)
                return BudgetResidentViews.proposed(info, reference: reference, req.page).response(req.page)
            }
        }
    }

    static func closed(_ info: BudgetRoundService.Info, _ req: Request) -> Response {
        BudgetResidentViews.closed(info, req.page).response(req.page)
    }

    @Sendable static func ballotForm(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        guard info.acceptsBallots(on: today()) else { return closed(info, req) }
        return try await signedIn(req, back: SiteURL.Budgeting.ballot(info.id)) { resident in
            let m = try await BudgetPages.ballot(info, resident: resident, input: nil, language: req.language, req.db)
            return BudgetResidentViews.ballot(m, req.page).response(req.page)
        }
    }

    @Sendable static func vote(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        guard info.acceptsBallots(on: today()) else { return closed(info, req) }
        return try await signedIn(req, back: SiteURL.Budgeting.ballot(info.id)) { resident in
            let input = try Input.form(req)
            var m = try await BudgetPages.ballot(info, resident: resident, input: input, language: req.language, req.db)
            let action = input["action"] ?? "send"
            if action == "blank" && !info.rules.blankAllowed { throw Abort(.badRequest, reason: "This round does not take blank ballots") }
            // "Update totals" only shows the money left and any problem; nothing is stored.
            guard action == "send" || action == "blank", let cast = m.cast(blank: action == "blank") else {
                m.checked = action == "update"
                return BudgetResidentViews.ballot(m, req.page).response(req.page)
            }
            let reference = try await BudgetBallotService.cast(cast, round: info, resident: resident, language: req.language, req.db)
            return req.redirect(to: SiteURL.Budgeting.voted(info.id, reference: reference))
        }
    }

    @Sendable static func voted(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        let reference = req.queryValues["ref"].flatMap(BudgetCodes.normaliseBallotReference)
        return BudgetResidentViews.voted(info, reference: reference, emailed: req.currentResident?.email != nil, req.page).response(req.page)
    }

    @Sendable static func results(_ req: Request) async throws -> Response {
        let (r, info) = try await info(req)
        guard var m = try await BudgetResults.page(r, req.db) else { return closed(info, req) }
        if let typed = req.queryValues["ref"], !typed.isEmpty {
            if let ref = BudgetCodes.normaliseBallotReference(typed) {
                m.lookup = (ref, try await BudgetBallotService.exists(ref, round: info.id, req.db))
            } else {
                m.lookup = (String(typed.prefix(20)), false)
            }
        }
        return BudgetResidentViews.results(m, req.page).response(req.page)
    }

    /// A proposal's photo: anyone may see a published proposal's; before then its proposer, and the round's staff
    /// who moderate it.
    @Sendable static func photo(_ req: Request) async throws -> Response {
        let (round, info) = try await info(req)
        let p = try await BudgetProposalService.find(reference: req.parameters.get("reference") ?? "", round: info.id, req.db)
        let isPublic = p.status == BudgetProposalService.Status.published.rawValue
        let moderator = req.currentUser.map { BudgetRoundService.canEdit($0, round) } ?? false
        guard isPublic || moderator || (req.currentResident != nil && p.authorResidentID == req.currentResident?.id),
            let photo = try await BudgetPhotos.photo(p.id!, req.db)
        else { throw Abort(.notFound) }
        return PhotoUpload.response(kind: photo.kind, bytes: photo.bytes, isPublic: isPublic)
    }

    /// The proposer's own proposal, while it can still change (proposals open or under review, not rejected).
    static func ownProposal(_ req: Request, _ info: BudgetRoundService.Info, _ resident: CurrentResident) async throws -> BudgetProposal? {
        let p = try await BudgetProposalService.find(reference: req.parameters.get("reference") ?? "", round: info.id, req.db)
        guard p.authorResidentID == resident.id else { throw Abort(.notFound) }
        let open = (info.phase == .proposals || info.phase == .review) && p.status != BudgetProposalService.Status.rejected.rawValue
        return open ? p : nil
    }

    @Sendable static func photoForm(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        return try await signedIn(req, back: SiteURL.Budgeting.addPhoto(info.id, req.parameters.get("reference") ?? "")) { resident in
            guard let p = try await ownProposal(req, info, resident) else { return closed(info, req) }
            return BudgetResidentViews.photo(info, proposal: p, alt: "", errors: [], req.page).response(req.page)
        }
    }

    @Sendable static func addPhoto(_ req: Request) async throws -> Response {
        let (_, info) = try await info(req)
        return try await signedIn(req, back: SiteURL.Budgeting.addPhoto(info.id, req.parameters.get("reference") ?? "")) { resident in
            guard let p = try await ownProposal(req, info, resident) else { return closed(info, req) }
            let alt = try? req.content.get(String.self, at: "image_alt")
            do {
                try await BudgetPhotos.save(
                    try? req.content.get(File.self, at: "image"), alt: alt, proposal: p, actor: resident.actor, language: req.language, req.db)
            } catch let failure as ValidationFailure {
                return BudgetResidentViews.photo(info, proposal: p, alt: alt ?? "", errors: failure.errors, req.page).response(req.page)
            }
            return req.redirect(to: SiteURL.Budgeting.publicRound(info.id) + "#p-" + p.reference)
        }
    }
}
