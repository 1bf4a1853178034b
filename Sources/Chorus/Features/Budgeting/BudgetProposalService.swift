import Vapor
import Fluent
import ChorusCore

/// Proposals in a round: made by signed-in residents while proposals are open, or added by staff for a group at any
/// time before voting; moderated (published, or rejected with a reason the proposer reads), reviewed for feasibility
/// by a named reviewer with a reason residents read, costed (a changed cost keeps the proposer's figure and the
/// reason), given a pot, and merged with a similar one (both proposers stay on record). A proposal is on the ballot
/// when it is published, feasible and in a pot.
enum BudgetProposalService {
    static let entity = "budget_proposal"

    enum Status: String, CaseIterable, Sendable { case submitted, published, rejected, merged }
    enum Delivery: String, CaseIterable, Sendable {
        case notStarted = "not_started"
        case inProgress = "in_progress"
        case delivered, cancelled

        /// A delivering action's status as residents read it.
        init(_ action: ActionStatus) {
            switch action {
            case .proposed, .agreed: self = .notStarted
            case .inProgress: self = .inProgress
            case .done: self = .delivered
            case .notDoing: self = .cancelled
            }
        }
    }
    enum Feasibility: String, CaseIterable, Sendable {
        case pending, feasible
        case notFeasible = "not_feasible"
    }

    /// What a proposal form holds, checked: residents' and staff's forms share it.
    struct Draft: Sendable {
        let title: String
        let description: String
        let cost: Int64
        let placeID: UUID?
        let category: String?
    }

    /// Reads a proposal form. Messages come in the reader's language (residents use it too).
    static func draft(_ input: Input, round: BudgetRoundService.Info, language: UILanguage, _ db: any Database) async throws -> Result<
        Draft, ValidationFailure
    > {
        func t(_ key: String) -> String { Catalogue.text(key, language) }
        var errors: [FieldError] = []
        func text(_ field: String, max: Int, multiline: Bool) -> String {
            let v = (input[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty {
                errors.append(FieldError(field, t("pb.proposal_\(field)_missing")))
            } else if v.count > max {
                errors.append(FieldError(field, Catalogue.format(t("pb.too_long"), [String(max)])))
            } else if multiline ? Validation.hasControlCharacters(v) : !Validation.isSingleLine(v) {
                errors.append(FieldError(field, t("pb.bad_characters")))
            }
            return v
        }
        let title = text("title", max: 120, multiline: false)
        let description = text("description", max: 3000, multiline: true)
        let typedCost = (input["cost"] ?? "").trimmingCharacters(in: .whitespaces)
        let cost = MoneyText.pence(typedCost)
        if typedCost.isEmpty {
            errors.append(FieldError("cost", t("pb.proposal_cost_missing")))
        } else if cost == nil {
            errors.append(FieldError("cost", t("pb.proposal_cost_bad")))
        }
        var placeID: UUID? = nil
        if let raw = input["ward"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), try await WardFinder.ward(id, db) != nil {
                placeID = id
            } else {
                errors.append(FieldError("ward", t("resident.choose_listed")))
            }
        }
        var category: String? = nil
        if let raw = input["category"], !raw.isEmpty {
            if round.settings.categories.contains(raw) { category = raw } else { errors.append(FieldError("category", t("resident.choose_listed"))) }
        }
        guard errors.isEmpty, let cost else { return .failure(ValidationFailure(errors)) }
        return .success(Draft(title: title, description: description, cost: cost, placeID: placeID, category: category))
    }

    /// Who a proposal is from.
    enum Author: Sendable {
        case resident(CurrentResident)
        /// Staff adding a group's or service's proposal, named.
        case staff(CurrentUser, onBehalfOf: String)
    }

    /// Stores a proposal as submitted (waiting for moderation), in the pot of its ward when the round has one, else
    /// the first round-wide pot. Returns its reference.
    static func create(_ d: Draft, round: BudgetRoundService.Info, author: Author, on db: any Database) async throws -> String {
        let p = BudgetProposal()
        p.roundID = round.id
        p.reference = BudgetCodes.proposalReference()
        p.title = d.title
        p.description = d.description
        p.costPence = d.cost
        p.placeID = d.placeID
        p.category = d.category
        p.status = Status.submitted.rawValue
        p.feasibility = Feasibility.pending.rawValue
        p.createdAt = Date()
        p.updatedAt = p.createdAt
        let pots = try await BudgetRoundService.pots(round.id, db)
        p.potID = (pots.first { $0.placeID != nil && $0.placeID == d.placeID } ?? pots.first { $0.placeID == nil })?.id
        let actor: Actor
        switch author {
        case .resident(let r):
            p.authorResidentID = r.id
            actor = r.actor
        case .staff(let user, let name):
            p.authorName = name
            p.addedByID = user.id
            actor = user.actor
        }
        try await db.transaction { tx in
            try await p.create(on: tx)
            try await AuditService.record(tx, actor: actor, action: .create, entity: entity, id: p.id, label: p.title, after: audit(p))
        }
        return p.reference
    }

    static func audit(_ p: BudgetProposal) -> [String: String] {
        [
            "reference": p.reference, "title": p.title, "cost": MoneyText.pounds(p.costPence), "status": p.status, "feasibility": p.feasibility,
            "pot": p.potID?.uuidString ?? "", "reason": p.moderationReason ?? "", "feasibility_reason": p.feasibilityReason ?? "",
            "cost_reason": p.costReason ?? "", "merged_into": p.mergedIntoID?.uuidString ?? "", "override": p.override ?? "",
            "override_reason": p.overrideReason ?? "", "delivery": p.delivery ?? "", "delivery_note": p.deliveryNote ?? "",
            "delivery_action": p.deliveryActionID?.uuidString ?? "",
        ]
    }

    static func find(_ id: UUID?, round: UUID, _ db: any Database) async throws -> BudgetProposal {
        guard let id, let p = try await BudgetProposal.find(id, on: db), p.roundID == round else { throw Abort(.notFound) }
        return p
    }

    static func find(reference: String, round: UUID, _ db: any Database) async throws -> BudgetProposal {
        guard let p = try await BudgetProposal.query(on: db).filter(\.$roundID == round).filter(\.$reference == reference).first() else {
            throw Abort(.notFound)
        }
        return p
    }

    static func all(_ roundID: UUID, _ db: any Database) async throws -> [BudgetProposal] {
        try await BudgetProposal.query(on: db).filter(\.$roundID == roundID).sort(\.$createdAt).all()
    }

    /// Published, feasible and in a pot: what residents vote on.
    static func onBallot(_ roundID: UUID, _ db: any Database) async throws -> [BudgetProposal] {
        try await BudgetProposal.query(on: db).filter(\.$roundID == roundID).filter(\.$status == Status.published.rawValue)
            .filter(\.$feasibility == Feasibility.feasible.rawValue).filter(\.$potID != nil).sort(\.$title).all()
    }

    /// Proposals still waiting for moderation, or published and waiting for review.
    static func awaitingDecision(_ roundID: UUID, _ db: any Database) async throws -> Int {
        try await BudgetProposal.query(on: db).filter(\.$roundID == roundID).group(.or) {
            $0.filter(\.$status == Status.submitted.rawValue)
                .group(.and) { $0.filter(\.$status == Status.published.rawValue).filter(\.$feasibility == Feasibility.pending.rawValue) }
        }.count()
    }

    // MARK: - Staff decisions

    /// Publishes a submitted proposal, or rejects it with a reason (required: the proposer is owed one).
    static func moderate(_ p: BudgetProposal, publish: Bool, reason: String?, round: BudgetRound, user: CurrentUser, on db: any Database) async throws
    {
        try BudgetRoundService.requireEditor(user, round)
        var v = Validator()
        let why = v.optional("reason", reason, label: "Reason", max: 1000, multiline: true) ?? ""
        if !publish && why.isEmpty { v.add("reason", "Give the reason for rejecting it: the proposer reads it") }
        if BudgetRoundService.Info(round).phase.ballotFixed { v.add("reason", "The ballot is fixed once voting has opened") }
        try v.check()
        try await change(p, user: user, on: db) {
            $0.status = (publish ? Status.published : Status.rejected).rawValue
            $0.moderationReason = why.isEmpty ? nil : why
        }
    }

    /// Records the feasibility review: feasible or not with the reviewer's reason (published), a new cost with its
    /// reason, and the pot.
    static func review(_ p: BudgetProposal, _ input: Input, round: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try BudgetRoundService.requireEditor(user, round)
        var v = Validator()
        let verdict = v.choice("feasibility", input["feasibility"], label: "Feasibility", as: Feasibility.self)
        let reason = v.optional("feasibility_reason", input["feasibility_reason"], label: "Reason", max: 2000, multiline: true) ?? ""
        if verdict == .notFeasible && reason.isEmpty { v.add("feasibility_reason", "Give the reason it is not feasible: residents read it") }
        var cost = p.costPence
        if let typed = input["cost"]?.trimmingCharacters(in: .whitespaces), !typed.isEmpty {
            if let c = MoneyText.pence(typed) { cost = c } else { v.add("cost", "Enter the cost as pounds, like £12,500 or 12500.00") }
        }
        let costReason = v.optional("cost_reason", input["cost_reason"], label: "Reason for the new cost", max: 1000, multiline: true) ?? ""
        if cost != p.costPence && costReason.isEmpty { v.add("cost_reason", "Give the reason the cost changed: residents read it") }
        var potID = p.potID
        if let raw = input["pot"], !raw.isEmpty {
            let pots = try await BudgetRoundService.pots(round.id!, db)
            if let id = UUID(uuidString: raw), pots.contains(where: { $0.id == id }) {
                potID = id
            } else {
                v.add("pot", "Choose the pot from the list")
            }
        }
        if p.status != Status.published.rawValue { v.add("feasibility", "Publish the proposal before reviewing it") }
        if BudgetRoundService.Info(round).phase.ballotFixed { v.add("feasibility", "The ballot is fixed once voting has opened") }
        try v.check()
        try await change(p, user: user, on: db) {
            $0.feasibility = verdict!.rawValue
            $0.feasibilityReason = reason.isEmpty ? nil : reason
            if cost != $0.costPence {
                $0.proposedCostPence = $0.proposedCostPence ?? $0.costPence
                $0.costPence = cost
                $0.costReason = costReason
            }
            $0.potID = potID
            $0.reviewerID = user.id
            $0.reviewerName = user.name
            $0.reviewedAt = Date()
        }
    }

    /// Merges a proposal into a similar one: it leaves the ballot, points to the one it joined, and its proposer
    /// stays on record (they are told on the round's page it was merged).
    static func merge(_ p: BudgetProposal, into target: BudgetProposal, round: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try BudgetRoundService.requireEditor(user, round)
        var v = Validator()
        if target.id == p.id || target.status == Status.merged.rawValue || target.status == Status.rejected.rawValue {
            v.add("into", "Choose another proposal that is not itself merged or rejected")
        }
        if BudgetRoundService.Info(round).phase.ballotFixed { v.add("into", "The ballot is fixed once voting has opened") }
        try v.check()
        try await change(p, user: user, on: db) {
            $0.status = Status.merged.rawValue
            $0.mergedIntoID = target.id
        }
    }

    /// Records a decision after the count: the project is funded, or dropped, whatever the rule said, with the
    /// reason residents read on the results page. `none` withdraws an earlier override. Only once results are published.
    static func override(_ p: BudgetProposal, _ input: Input, round: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try BudgetRoundService.requireEditor(user, round)
        var v = Validator()
        let decision = v.choice("override", input["override"], label: "Decision", as: Override.self)
        let reason = v.optional("override_reason", input["override_reason"], label: "Reason", max: 1000, multiline: true) ?? ""
        if decision != nil && decision != Override.none && reason.isEmpty {
            v.add("override_reason", "Give the reason for the decision: residents read it")
        }
        if BudgetRoundService.Info(round).phase != .results { v.add("override", "A decision on the outcome is recorded once results are published") }
        if p.status != Status.published.rawValue || p.feasibility != Feasibility.feasible.rawValue {
            v.add("override", "Only a project that was on the ballot can be funded or dropped by decision")
        }
        try v.check()
        try await change(p, user: user, on: db) {
            $0.override = decision == Override.none ? nil : decision!.rawValue
            $0.overrideReason = decision == Override.none ? nil : reason
        }
    }

    enum Override: String, CaseIterable, Sendable { case fund, drop, none }

    /// A funded project's delivery: the action that delivers it (in a decision linked to the round's activity, so the
    /// project joins the decision and action trail and "You said, we did"), whose status is then the project's; or,
    /// with no action, a state set here. A note residents read goes with either.
    static func delivery(_ p: BudgetProposal, _ input: Input, round: BudgetRound, user: CurrentUser, on db: any Database) async throws {
        try BudgetRoundService.requireEditor(user, round)
        var v = Validator()
        var actionID: UUID? = nil
        if let raw = input["delivery_action"], !raw.isEmpty {
            let linked = try await DecisionsReads.actions(linkedToActivity: round.activityID, db)
            if let id = UUID(uuidString: raw), linked.contains(where: { $0.id == id }) {
                actionID = id
            } else {
                v.add("delivery_action", "Choose the action from the list: actions of decisions linked to this round's activity")
            }
        }
        var state: Delivery? = nil
        if actionID == nil || !(input["delivery"] ?? "").isEmpty {
            state = v.choice("delivery", input["delivery"], label: "Delivery", as: Delivery.self)
        }
        let note = v.optional("delivery_note", input["delivery_note"], label: "Note", max: 1000, multiline: true) ?? ""
        if BudgetRoundService.Info(round).phase != .results { v.add("delivery", "Delivery is recorded once results are published") }
        try v.check()
        try await change(p, user: user, on: db) {
            $0.delivery = state?.rawValue
            $0.deliveryActionID = actionID
            $0.deliveryNote = note.isEmpty ? nil : note
        }
    }

    private static func change(_ p: BudgetProposal, user: CurrentUser, on db: any Database, _ edit: (BudgetProposal) -> Void) async throws {
        let before = audit(p)
        edit(p)
        p.updatedAt = Date()
        try await db.transaction { tx in
            try await p.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: p.id, label: p.title, before: before, after: audit(p))
        }
    }
}
