import Vapor
import ChorusCore

/// Staff run rounds: the list, a new round for an activity, its page (settings, pots, phase, proposals), a proposal's
/// moderation, feasibility review and merging, and keying in paper ballots.
enum BudgetRoundsController {
    typealias URLs = SiteURL.Budgeting.Route

    static func routes(_ r: FeatureRoutes) {
        r.staff.get(URLs.list, use: list)
        r.staff.get(URLs.new, use: newForm)
        r.staff.post(URLs.new, use: create)
        r.staff.get(URLs.round, use: overview)
        r.staff.post(URLs.settings, use: saveSettings)
        r.staff.post(URLs.pots, use: addPot)
        r.staff.post(URLs.advance, use: advance)
        r.staff.post(URLs.addProposal, use: addProposal)
        r.staff.get(URLs.proposal, use: proposal)
        r.staff.post(URLs.moderate, use: moderate)
        r.staff.post(URLs.review, use: review)
        r.staff.post(URLs.merge, use: merge)
        r.staff.post(URLs.staffPhoto, use: addPhoto).acceptsBody(upTo: PhotoUpload.maxBody)
        r.staff.post(URLs.removePhoto, use: removePhoto)
        r.staff.post(URLs.override, use: override)
        r.staff.post(URLs.delivery, use: delivery)
        r.staff.get(URLs.export, use: export)
        r.staff.get(URLs.paper, use: paperForm)
        r.staff.post(URLs.paper, use: keyIn)
        r.staff.post(URLs.verify, use: verify)
    }

    static func round(_ req: Request) async throws -> BudgetRound {
        try await BudgetRoundService.findForStaff(req.parameters.get("id", as: UUID.self), user: req.requireUser(), req.db)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        BudgetStaffViews.list(try await BudgetRoundService.list(user: req.requireUser(), req.db), req.page).response(req.page)
    }

    @Sendable static func newForm(_ req: Request) async throws -> Response {
        var input = Input(values: ["ballot_kind": BallotKind.knapsack.rawValue, "outcome_rule": BudgetRule.equalSharesAdd1.rawValue])
        if let a = req.queryValues["activity"] { input.values["activity_id"] = a }
        let m = BudgetStaffViews.FormModel(
            round: nil, activities: try await RegisterService.activityChoices(req.requireUser(), req.db), input: input, errors: [])
        return BudgetStaffViews.form(m, req.page).response(req.page)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let input = try Input.form(req)
        let choices = try await RegisterService.activityChoices(user, req.db)
        do {
            let s = try await BudgetRoundService.settings(input, user: user, choices: choices, req.db)
            return req.redirect(to: SiteURL.Budgeting.round(try await BudgetRoundService.create(s, user: user, on: req.db)))
        } catch let failure as ValidationFailure {
            return BudgetStaffViews.form(.init(round: nil, activities: choices, input: input, errors: failure.errors), req.page).response(req.page)
        }
    }

    @Sendable static func overview(_ req: Request) async throws -> Response {
        let r = try await round(req)
        return try await overviewPage(r, req, errors: [], input: nil)
    }

    static func overviewPage(_ r: BudgetRound, _ req: Request, errors: [FieldError], input: Input?) async throws -> Response {
        let m = try await BudgetStaffPages.overview(r, user: req.requireUser(), errors: errors, input: input, req.db)
        return BudgetStaffViews.overview(m, req.page).response(req.page)
    }

    /// Runs a write; a validation failure shows the round's page again with the messages on their fields.
    static func writing(_ req: Request, _ r: BudgetRound, input: Input, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return req.redirect(to: SiteURL.Budgeting.round(r.id!))
        } catch let failure as ValidationFailure {
            return try await overviewPage(r, req, errors: failure.errors, input: input)
        }
    }

    @Sendable static func saveSettings(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        let input = try Input.form(req)
        return try await writing(req, r, input: input) {
            let s = try await BudgetRoundService.settings(input, user: user, choices: try await RegisterService.activityChoices(user, req.db), req.db)
            try await BudgetRoundService.update(s, round: r, user: user, on: req.db)
        }
    }

    @Sendable static func addPot(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let input = try Input.form(req)
        return try await writing(req, r, input: input) { try await BudgetRoundService.addPot(input, round: r, user: req.requireUser(), on: req.db) }
    }

    @Sendable static func advance(_ req: Request) async throws -> Response {
        let r = try await round(req)
        return try await writing(req, r, input: try Input.form(req)) { try await BudgetRoundService.advance(r, user: req.requireUser(), on: req.db) }
    }

    @Sendable static func addProposal(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        let input = try Input.form(req)
        let info = BudgetRoundService.Info(r)
        return try await writing(req, r, input: input) {
            var v = Validator()
            let group = v.required("on_behalf_of", input["on_behalf_of"], label: "Proposed by", max: 200)
            if info.phase.ballotFixed { v.add("title", "Proposals cannot be added once voting has opened") }
            switch try await BudgetProposalService.draft(input, round: info, language: .english, req.db) {
            case .failure(let failure): throw ValidationFailure(v.errors + failure.errors)
            case .success(let d):
                try v.check()
                _ = try await BudgetProposalService.create(d, round: info, author: .staff(user, onBehalfOf: group), on: req.db)
            }
        }
    }

    static func proposalOf(_ req: Request, _ r: BudgetRound) async throws -> BudgetProposal {
        try await BudgetProposalService.find(req.parameters.get("proposal", as: UUID.self), round: r.id!, req.db)
    }

    @Sendable static func proposal(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let p = try await proposalOf(req, r)
        return try await proposalPage(r, p, req, errors: [], input: nil)
    }

    static func proposalPage(_ r: BudgetRound, _ p: BudgetProposal, _ req: Request, errors: [FieldError], input: Input?) async throws -> Response {
        let m = try await BudgetStaffPages.proposal(r, p, errors: errors, input: input, req.db)
        return BudgetStaffViews.proposal(m, req.page).response(req.page)
    }

    /// A decision on one proposal; a validation failure shows its page again.
    static func deciding(_ req: Request, _ body: (BudgetRound, BudgetProposal, Input, CurrentUser) async throws -> Void) async throws -> Response {
        let r = try await round(req)
        let p = try await proposalOf(req, r)
        let input = try Input.form(req)
        do {
            try await body(r, p, input, try req.requireUser())
            return req.redirect(to: SiteURL.Budgeting.proposal(r.id!, p.id!))
        } catch let failure as ValidationFailure {
            return try await proposalPage(r, p, req, errors: failure.errors, input: input)
        }
    }

    @Sendable static func moderate(_ req: Request) async throws -> Response {
        try await deciding(req) { r, p, input, user in
            try await BudgetProposalService.moderate(
                p, publish: input["decision"] == "publish", reason: input["reason"], round: r, user: user, on: req.db)
        }
    }

    @Sendable static func review(_ req: Request) async throws -> Response {
        try await deciding(req) { r, p, input, user in try await BudgetProposalService.review(p, input, round: r, user: user, on: req.db) }
    }

    @Sendable static func merge(_ req: Request) async throws -> Response {
        try await deciding(req) { r, p, input, user in
            guard let target = try? await BudgetProposalService.find(input["into"].flatMap(UUID.init(uuidString:)), round: r.id!, req.db) else {
                throw ValidationFailure([FieldError("into", "Choose the proposal to merge it into")])
            }
            try await BudgetProposalService.merge(p, into: target, round: r, user: user, on: req.db)
        }
    }

    /// Staff add a photo for a group's proposal (or replace one), with its alt text.
    @Sendable static func addPhoto(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let p = try await proposalOf(req, r)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        do {
            try await BudgetPhotos.save(
                try? req.content.get(File.self, at: "image"), alt: try? req.content.get(String.self, at: "image_alt"), proposal: p, actor: user.actor,
                language: .english, req.db)
            return req.redirect(to: SiteURL.Budgeting.proposal(r.id!, p.id!))
        } catch let failure as ValidationFailure {
            return try await proposalPage(r, p, req, errors: failure.errors, input: nil)
        }
    }

    /// Moderation: a photo that should not be shown is removed.
    @Sendable static func removePhoto(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let p = try await proposalOf(req, r)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        try await BudgetPhotos.remove(p, user: user, req.db)
        return req.redirect(to: SiteURL.Budgeting.proposal(r.id!, p.id!))
    }

    @Sendable static func override(_ req: Request) async throws -> Response {
        try await deciding(req) { r, p, input, user in try await BudgetProposalService.override(p, input, round: r, user: user, on: req.db) }
    }

    @Sendable static func delivery(_ req: Request) async throws -> Response {
        try await deciding(req) { r, p, input, user in try await BudgetProposalService.delivery(p, input, round: r, user: user, on: req.db) }
    }

    /// One pot as a Pabulib file (`?ward=1` adds each voter's ward): the round's own staff and partnership admins.
    @Sendable static func export(_ req: Request) async throws -> Response {
        let r = try await round(req)
        try BudgetRoundService.requireEditor(try req.requireUser(), r)
        let pots = try await BudgetRoundService.pots(r.id!, req.db)
        guard let pot = pots.first(where: { $0.id == req.parameters.get("pot", as: UUID.self) }) else { throw Abort(.notFound) }
        let withWard = req.queryValues["ward"] == "1"
        let text = try await BudgetExport.pabulib(r, pot: pot, withWard: withWard, req.db)
        // The name is made of ids only: a round's title never reaches a header.
        let name = "chorus-pb-\(r.id!.uuidString.prefix(8).lowercased())-pot\(pot.position + 1).pb"
        return Download.attachment(.init(string: text), contentType: "text/plain; charset=utf-8", filename: name, private: withWard)
    }

    @Sendable static func paperForm(_ req: Request) async throws -> Response {
        let r = try await round(req)
        try BudgetRoundService.requireEditor(try req.requireUser(), r)
        var m = try await BudgetStaffPages.paper(r, input: Input(values: [:]), errors: [], stored: req.queryValues["stored"], req.db)
        m.verified = req.queryValues["verified"].flatMap(BudgetCodes.normaliseBallotReference)
        return BudgetStaffViews.paper(m, req.page).response(req.page)
    }

    /// A ballot keyed in by staff: on paper, for a voter named with their postcode (in the area), or assisted, for a
    /// registered resident by their reference (the ballot is theirs, one per resident, recorded with both names).
    /// Any declared age and the choices are checked as a web ballot is. The same voter twice is refused, naming the
    /// first ballot's reference.
    @Sendable static func keyIn(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        let info = BudgetRoundService.Info(r)
        let input = try Input.form(req)
        var v = Validator()
        var resident: Resident? = nil
        var name = "", postcode = ""
        var ward: PlacesReads.Ward? = nil
        if let typed = input["resident_reference"], !typed.trimmedWhitespace.isEmpty {
            resident = try await ResidentAccountService.byReference(typed, req.db)
            if resident == nil { v.add("resident_reference", "No resident has this reference: check it, or key the ballot in by name and postcode") }
            if let place = resident?.$place.id { ward = try await WardFinder.ward(place, req.db) }
        } else {
            name = v.required("voter_name", input["voter_name"], label: "Voter's name", max: 200)
            postcode = v.required("voter_postcode", input["voter_postcode"], label: "Voter's postcode", max: 10)
        }
        if ward == nil, let typed = input["voter_postcode"], !typed.trimmedWhitespace.isEmpty {
            ward = try await WardFinder.resolver(req.db)(typed)
            if ward == nil { v.add("voter_postcode", "This postcode is not in any ward of the area: only residents of the area can vote") }
        } else if ward == nil && resident != nil {
            v.add("voter_postcode", "This resident has no ward on their account: enter their postcode")
        }
        if !info.phase.acceptsBallots { v.add("voter_name", "Voting is not open: paper ballots are keyed in while it is") }
        let pots = try await BudgetBallotService.pots(info.id, ward: ward?.id, req.db)
        let read = BudgetBallotService.read(input, pots: pots, rules: info.rules)
        let blank = Input.isTrue(input["blank"])
        if blank && !info.rules.blankAllowed { v.add("blank", "This round does not take blank ballots") }
        if !blank {
            if read.choices.isEmpty && read.unreadable.isEmpty {
                v.add("pot-1", "Tick at least one project, or record a blank ballot where the round takes them")
            }
            for e in BudgetBallotService.errors(read, pots: pots, rules: info.rules, language: .english) { v.add(e.field, e.message) }
        }
        let age = Input.isTrue(input["age"])
        if let minimum = info.settings.minimumAge, !age { v.add("age", "The voter must declare they are \(minimum) or older") }
        guard v.errors.isEmpty else {
            let m = try await BudgetStaffPages.paper(r, input: input, errors: v.errors, stored: nil, req.db)
            return BudgetStaffViews.paper(m, req.page).response(req.page)
        }
        let cast = BudgetBallotService.Cast(choices: read.choices, blank: blank, placeID: ward?.id, ageDeclared: age)
        if let resident {
            let acting = CurrentResident(resident, actedForBy: user)
            if let existing = try await BudgetBallotService.current(info.id, resident: acting.id, req.db) {
                return try await refused(r, input: input, field: "resident_reference", reference: existing.reference, req)
            }
            let reference = try await BudgetBallotService.cast(cast, round: info, resident: acting, language: .english, req.db)
            return req.redirect(to: SiteURL.with(SiteURL.Budgeting.paper(info.id), ["stored": reference]))
        }
        switch try await BudgetBallotService.keyIn(
            cast, name: name, postcode: postcode, round: info, user: user, secret: req.application.sessionSecret, req.db)
        {
        case .stored(let reference):
            return req.redirect(to: SiteURL.with(SiteURL.Budgeting.paper(info.id), ["stored": reference]))
        case .alreadyVoted(let reference):
            return try await refused(r, input: input, field: "voter_name", reference: reference, req)
        }
    }

    /// Records that staff checked a voter in person (at an event, a library), by their ballot's reference.
    @Sendable static func verify(_ req: Request) async throws -> Response {
        let r = try await round(req)
        let user = try req.requireUser()
        try BudgetRoundService.requireEditor(user, r)
        let input = try Input.form(req)
        guard
            let reference = try await BudgetBallotService.verify(
                input["verify_reference"] ?? "", round: BudgetRoundService.Info(r), user: user, req.db)
        else {
            let m = try await BudgetStaffPages.paper(
                r, input: input, errors: [FieldError("verify_reference", "No ballot of this round has that reference: check the voter's receipt")],
                stored: nil, req.db)
            return BudgetStaffViews.paper(m, req.page).response(req.page)
        }
        return req.redirect(to: SiteURL.with(SiteURL.Budgeting.paper(r.id!), ["verified": reference]))
    }

    /// The paper form again: this voter already has a ballot, named by its reference.
    static func refused(_ r: BudgetRound, input: Input, field: String, reference: String, _ req: Request) async throws -> Response {
        let m = try await BudgetStaffPages.paper(
            r, input: input,
            errors: [FieldError(field, "This voter already has a ballot in this round (reference \(reference)): one ballot a person")],
            stored: nil, req.db)
        return BudgetStaffViews.paper(m, req.page).response(req.page)
    }
}
