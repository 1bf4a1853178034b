import Vapor
import Fluent
import ChorusCore

/// Staff page models for rounds: the round's page, one proposal's decisions, and the paper ballot form.
enum BudgetStaffPages {
    struct ProposalRow: Sendable {
        let proposal: BudgetProposal
        let pot: String?
        let ward: String?
        let from: String
    }

    struct Overview: Sendable {
        let round: BudgetRound
        let info: BudgetRoundService.Info
        let canEdit: Bool
        let activities: PickerChoices
        let pots: [BudgetPot]
        let wards: [PlacesReads.Ward]
        /// Residents by ward, where known.
        let populations: [UUID: Int]
        let proposals: [ProposalRow]
        let ballots: Int
        let blockers: [String]
        let results: BudgetResults.Page?
        let errors: [FieldError]
        let input: Input

        /// The people a pot is for: its ward's population, or every ward's for a round-wide pot (nil when not all known).
        func population(of pot: BudgetPot) -> Int? {
            if let ward = pot.placeID { return populations[ward] }
            return populations.count == wards.count && !wards.isEmpty ? populations.values.reduce(0, +) : nil
        }
    }

    static func overview(_ r: BudgetRound, user: CurrentUser, errors: [FieldError], input: Input?, _ db: any Database) async throws -> Overview {
        let info = BudgetRoundService.Info(r)
        let pots = try await BudgetRoundService.pots(r.id!, db)
        let withPopulation = try await PlacesReads.wardPopulations(db)
        let wards = withPopulation.map(\.ward)
        let wardNames = Dictionary(wards.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let potNames = Dictionary(pots.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let proposals = try await BudgetProposalService.all(r.id!, db).map { p in
            ProposalRow(
                proposal: p, pot: p.potID.flatMap { potNames[$0] }, ward: p.placeID.flatMap { wardNames[$0] },
                from: p.authorName ?? (p.authorResidentID != nil ? "A resident" : "Staff"))
        }
        return Overview(
            round: r, info: info, canEdit: BudgetRoundService.canEdit(user, r), activities: try await RegisterService.activityChoices(user, db),
            pots: pots, wards: wards,
            populations: Dictionary(withPopulation.compactMap { w in w.population.map { (w.ward.id, $0) } }, uniquingKeysWith: { a, _ in a }),
            proposals: proposals, ballots: try await BudgetBallot.query(on: db).filter(\.$roundID == r.id!).count(),
            blockers: try await BudgetRoundService.blockers(r, db), results: try await BudgetResults.page(r, db), errors: errors,
            input: input ?? settingsInput(info))
    }

    /// The settings form filled with the round as it is.
    static func settingsInput(_ i: BudgetRoundService.Info) -> Input {
        var values: [String: String] = [
            "activity_id": i.activityID.uuidString, "title": i.title, "intro": i.intro, "ballot_kind": i.rules.kind.rawValue,
            "minimum": String(i.rules.minimum), "maximum": i.rules.maximum.map(String.init) ?? "",
            "points": i.rules.points > 0 ? String(i.rules.points) : "",
            "max_points_per_project": i.rules.maxPointsPerProject.map(String.init) ?? "", "blank_allowed": i.rules.blankAllowed ? "true" : "",
            "outcome_rule": i.rule.rawValue, "tie_seed": i.seed, "voting_closes_on": i.votingCloses?.description ?? "",
            "minimum_age": i.settings.minimumAge.map(String.init) ?? "", "categories": i.settings.categories.joined(separator: ", "),
        ]
        for phase in BudgetPhase.allCases {
            let plan = i.settings.plan(phase)
            values["text_" + phase.rawValue] = plan.text
            values["starts_" + phase.rawValue] = plan.starts?.description ?? ""
            values["ends_" + phase.rawValue] = plan.ends?.description ?? ""
        }
        return Input(values: values)
    }

    struct Proposal: Sendable {
        let info: BudgetRoundService.Info
        let proposal: BudgetProposal
        let pots: [BudgetPot]
        let others: [BudgetProposal]
        let mergedInto: BudgetProposal?
        /// Actions of decisions linked to the round's activity, for delivery.
        let actions: [DecisionsReads.LinkedAction]
        let photo: BudgetPhotos.Meta?
        let errors: [FieldError]
        let input: Input
    }

    static func proposal(_ r: BudgetRound, _ p: BudgetProposal, errors: [FieldError], input: Input?, _ db: any Database) async throws -> Proposal {
        let all = try await BudgetProposalService.all(r.id!, db)
        return Proposal(
            info: BudgetRoundService.Info(r), proposal: p, pots: try await BudgetRoundService.pots(r.id!, db),
            others: all.filter {
                $0.id != p.id && $0.status != BudgetProposalService.Status.merged.rawValue
                    && $0.status != BudgetProposalService.Status.rejected.rawValue
            },
            mergedInto: all.first { $0.id == p.mergedIntoID }, actions: try await DecisionsReads.actions(linkedToActivity: r.activityID, db),
            photo: try await BudgetPhotos.meta([p.id!], db)[p.id!],
            errors: errors,
            input: input
                ?? Input(values: [
                    "feasibility": p.feasibility, "feasibility_reason": p.feasibilityReason ?? "", "cost": MoneyText.pounds(p.costPence),
                    "pot": p.potID?.uuidString ?? "", "reason": p.moderationReason ?? "", "override": p.override ?? "none",
                    "override_reason": p.overrideReason ?? "", "delivery": p.delivery ?? "", "delivery_action": p.deliveryActionID?.uuidString ?? "",
                    "delivery_note": p.deliveryNote ?? "",
                ]))
    }

    struct Paper: Sendable {
        let info: BudgetRoundService.Info
        /// Every pot and its projects: a paper ballot lists them all; the voter's postcode decides which count.
        let pots: [BudgetBallotService.PotBallot]
        let errors: [FieldError]
        let input: Input
        let stored: String?
        /// A ballot just marked as checked in person.
        var verified: String? = nil
        let verifiedCount: Int
    }

    static func paper(_ r: BudgetRound, input: Input, errors: [FieldError], stored: String?, _ db: any Database) async throws -> Paper {
        let info = BudgetRoundService.Info(r)
        let projects = try await BudgetProposalService.onBallot(r.id!, db)
        let pots = try await BudgetRoundService.pots(r.id!, db).map { pot in
            BudgetBallotService.PotBallot(pot: pot, projects: projects.filter { $0.potID == pot.id })
        }
        return Paper(
            info: info, pots: pots, errors: errors, input: input, stored: stored.flatMap(BudgetCodes.normaliseBallotReference),
            verifiedCount: try await BudgetBallotService.verifiedCount(r.id!, db))
    }
}
