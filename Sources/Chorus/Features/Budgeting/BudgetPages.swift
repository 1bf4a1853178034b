import Vapor
import Fluent
import ChorusCore

/// The page models of participatory budgeting, built from the services; the views are pure functions of them.
enum BudgetPages {
    // MARK: - Residents

    struct Proposal: Sendable {
        let reference: String
        let title: String
        let description: String
        let cost: Int64
        let proposedCost: Int64?
        let costReason: String?
        let ward: String?
        let category: String?
        let feasibility: BudgetProposalService.Feasibility
        let feasibilityReason: String?
        let reviewer: String?
        /// Proposals merged into this one.
        let merged: Int
        let mine: Bool
        let photo: BudgetPhotos.Meta?
        /// The reader proposed it and may still add or change its photo.
        let canAddPhoto: Bool
    }

    struct Round: Sendable {
        let round: BudgetRoundService.Info
        let pots: [(name: String, ward: String?, budget: Int64)]
        let proposals: [Proposal]
        let wards: [PlacesReads.Ward]
        let ward: UUID?
        let category: String?
        let voted: String?
        let signedIn: Bool
    }

    /// The round's public page: its published proposals (filtered by ward and category), with feasibility and
    /// reasons, and the signed-in reader's own proposals whatever their state.
    static func round(_ info: BudgetRoundService.Info, filter: [String: String], resident: CurrentResident?, _ db: any Database) async throws -> Round
    {
        let wards = try await PlacesReads.wards(db)
        let names = Dictionary(wards.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let ward = filter["ward"].flatMap(UUID.init(uuidString:)).flatMap { id in wards.contains { $0.id == id } ? id : nil }
        let category = filter["category"].flatMap { info.settings.categories.contains($0) ? $0 : nil }
        let all = try await BudgetProposalService.all(info.id, db)
        var mergedInto: [UUID: Int] = [:]
        for p in all { if let target = p.mergedIntoID { mergedInto[target, default: 0] += 1 } }
        let shown = all.filter { p in
            (p.status == BudgetProposalService.Status.published.rawValue || (resident != nil && p.authorResidentID == resident?.id))
                && (ward == nil || p.placeID == ward) && (category == nil || p.category == category)
        }
        let photos = try await BudgetPhotos.meta(shown.compactMap(\.id), db)
        let photosOpen = info.phase == .proposals || info.phase == .review
        let proposals = shown.sorted { $0.title.localizedStandardCompare($1.title) == .orderedAscending }.map { p in
            Proposal(
                reference: p.reference, title: p.title, description: p.description, cost: p.costPence, proposedCost: p.proposedCostPence,
                costReason: p.costReason, ward: p.placeID.flatMap { names[$0] }, category: p.category,
                feasibility: BudgetProposalService.Feasibility(rawValue: p.feasibility) ?? .pending, feasibilityReason: p.feasibilityReason,
                reviewer: p.reviewerName, merged: mergedInto[p.id!] ?? 0, mine: resident != nil && p.authorResidentID == resident?.id,
                photo: photos[p.id!],
                canAddPhoto: photosOpen && resident != nil && p.authorResidentID == resident?.id
                    && p.status != BudgetProposalService.Status.rejected.rawValue)
        }
        let pots = try await BudgetRoundService.pots(info.id, db).map {
            (name: $0.name, ward: $0.placeID.flatMap { names[$0] }, budget: $0.budgetPence)
        }
        var voted: String? = nil
        if let resident { voted = try await BudgetBallotService.current(info.id, resident: resident.id, db)?.reference }
        return Round(
            round: info, pots: pots, proposals: proposals, wards: wards, ward: ward, category: category, voted: voted, signedIn: resident != nil)
    }

    struct Propose: Sendable {
        let round: BudgetRoundService.Info
        let wards: [PlacesReads.Ward]
        let input: Input
        let errors: [FieldError]
        let bot: BotFields
    }

    static func propose(_ info: BudgetRoundService.Info, input: Input, errors: [FieldError], bot: BotFields, _ db: any Database) async throws
        -> Propose
    {
        Propose(round: info, wards: try await PlacesReads.wards(db), input: input, errors: errors, bot: bot)
    }

    struct Ballot: Sendable {
        let round: BudgetRoundService.Info
        let pots: [BudgetBallotService.PotBallot]
        let wardNames: [UUID: String]
        var choices: [String: Int]
        var errors: [FieldError]
        /// "Update totals" was pressed: the page says whether the ballot is ready to send.
        var checked = false
        /// The voter's ward is not on their account: the ballot asks for a postcode.
        let asksPostcode: Bool
        let postcode: String
        let placeID: UUID?
        let ageDeclared: Bool
        /// Their current ballot's reference, when they have voted.
        let existing: String?

        /// What to store, when the voter can vote: their ward is known and any minimum age declared.
        func cast(blank: Bool) -> BudgetBallotService.Cast? {
            // A blank ballot skips the choices' limits, never the voter's postcode and age.
            let blocking = blank ? errors.filter { $0.field == "postcode" || $0.field == "age" } : errors
            guard blocking.isEmpty, placeID != nil || !asksPostcode else { return nil }
            return BudgetBallotService.Cast(choices: choices, blank: blank, placeID: placeID, ageDeclared: ageDeclared)
        }
    }

    /// The ballot for a resident: the pots of their ward (from their account, or the postcode they type here) and
    /// the round, with their current choices; when the form was sent, its choices and every problem, in their
    /// language, each naming the limit it breaks.
    static func ballot(_ info: BudgetRoundService.Info, resident: CurrentResident, input: Input?, language: UILanguage, _ db: any Database)
        async throws -> Ballot
    {
        func t(_ key: String, _ args: String...) -> String { Catalogue.format(Catalogue.text(key, language), args) }
        let existing = try await BudgetBallotService.current(info.id, resident: resident.id, db)
        let accountWard = try await ResidentAccountService.wardID(resident.id, db)
        var errors: [FieldError] = []
        var placeID = accountWard ?? existing?.placeID
        let postcode = (input?["postcode"] ?? "").trimmingCharacters(in: .whitespaces)
        let asksPostcode = accountWard == nil
        if asksPostcode, let input {
            if postcode.isEmpty {
                if placeID == nil || input["postcode"] != nil { errors.append(FieldError("postcode", t("pb.postcode_missing"))) }
            } else if let ward = try await WardFinder.resolver(db)(postcode) {
                placeID = ward.id
            } else {
                placeID = nil
                errors.append(FieldError("postcode", t("pb.postcode_not_here")))
            }
        }
        let pots = try await BudgetBallotService.pots(info.id, ward: placeID, db)
        var choices = existing.map { BudgetBallotService.decode($0.choices) } ?? [:]
        var ageDeclared = existing?.ageDeclared ?? false
        if let input {
            let read = BudgetBallotService.read(input, pots: pots, rules: info.rules)
            choices = read.choices
            ageDeclared = Input.isTrue(input["age"])
            errors += BudgetBallotService.errors(read, pots: pots, rules: info.rules, language: language)
            if choices.isEmpty && read.unreadable.isEmpty && input["action"] == "send" { errors.append(FieldError("pot-1", t("pb.nothing_chosen"))) }
            if let age = info.settings.minimumAge, !ageDeclared { errors.append(FieldError("age", t("pb.age_needed", String(age)))) }
        }
        let wards = try await PlacesReads.wards(db)
        return Ballot(
            round: info, pots: pots, wardNames: Dictionary(wards.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }), choices: choices,
            errors: errors, asksPostcode: asksPostcode, postcode: postcode, placeID: placeID, ageDeclared: ageDeclared, existing: existing?.reference)
    }
}
