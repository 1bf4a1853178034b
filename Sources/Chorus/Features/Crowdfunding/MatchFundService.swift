import Fluent
import Vapor
import Foundation
import ChorusCore

/// Partners' match funds: a fund owner sets public rules (`MatchFundRules`), a budget, a round and optionally a ward
/// need index; for each project in the round the rules compute the fund's pledge, and the owner approves or declines it
/// with a reason. An approved fund pledges through the ledger like anyone else, and its pledge is recomputed whenever
/// the crowd's pledges change, so the project page shows it growing.
enum MatchFundService {
    static let entity = "match_fund"

    // MARK: funds

    static func funds(of organisation: UUID, _ db: any Database) async throws -> [MatchFund] {
        try await MatchFund.query(on: db).filter(\.$organisation.$id == organisation).sort(\.$createdAt, .descending).all()
    }

    /// A fund of the reader's organisation, or 404.
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> MatchFund {
        guard let id, let f = try await MatchFund.find(id, on: db), f.$organisation.id == user.organisationID else { throw Abort(.notFound) }
        return f
    }

    static func create(_ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> MatchFund {
        var v = ChorusCore.Validator()
        let name = v.required("name", input["name"], label: "Name", max: 200)
        let description = v.required("description", input["description"], label: "What the fund is for", max: 4000, multiline: true)
        let funder = v.required("funder_identifier", input["funder_identifier"], label: "Your organisation's identifier", max: 100)
        if !funder.isEmpty, let problem = ThreeSixtyGiving.organisationIdentifierProblem(funder) { v.add("funder_identifier", problem) }
        func money(_ key: String, _ label: String) -> Int64 {
            guard let p = MoneyText.pence(input[key] ?? ""), p > 0 else {
                v.add(key, "Enter \(label) in pounds, like 5000")
                return 0
            }
            return p
        }
        let budget = money("budget", "the budget")
        let perProject = money("cap_per_project", "the most for one project")
        let perCreator = money("cap_per_creator", "the most for one group")
        let percent = v.integer("percent_of_target", input["percent_of_target"], label: "Share of the target", range: 1...100, required: true)
        let perPound = v.integer(
            "pence_per_pound", input["pence_per_pound"], label: "Pence for each pound from residents", range: 1...500, required: true)
        let weighting = v.integer("need_weighting", input["need_weighting"], label: "Extra share in the most deprived ward", range: 0...100) ?? 0
        let opens = Day(iso: input["opens"] ?? "")
        let closes = Day(iso: input["closes"] ?? "")
        if opens == nil { v.add("opens", "Enter the day the round opens, like 2027-01-04") }
        if closes == nil { v.add("closes", "Enter the day the round closes, like 2027-03-31") }
        if let opens, let closes, closes < opens { v.add("closes", "The round must close on or after the day it opens") }
        let wards = try await PlacesReads.wards(db)
        let chosenWards = input.list("wards").filter { !$0.isEmpty }
        let wardIDs = chosenWards.compactMap { code in wards.first { $0.code == code }?.id.uuidString }
        if wardIDs.count != chosenWards.count { v.add("wards", "Choose wards from the list") }
        let categories = input.list("categories").filter { !$0.isEmpty }
        if !categories.allSatisfy(CrowdfundProjectService.categories.contains) { v.add("categories", "Choose categories from the list") }
        let kinds = input.list("creator_kinds").filter { !$0.isEmpty }
        let creatorKinds = kinds.compactMap(CreatorKind.init(rawValue:))
        if creatorKinds.count != kinds.count { v.add("creator_kinds", "Choose kinds of creator from the list") }
        let need = NeedIndex.parse(input["need_index"] ?? "")
        if let first = need.problems.first { v.add("need_index", first) }
        let unknown = need.scores.keys.filter { code in !wards.contains { $0.code == code } }.sorted()
        if !unknown.isEmpty { v.add("need_index", "Not wards of this place: \(unknown.prefix(5).joined(separator: ", "))") }
        if weighting > 0 && need.scores.isEmpty { v.add("need_index", "Paste the need index by ward, or set the extra share to 0") }
        try v.check()
        let rules = MatchFundRules(
            categories: categories, wards: wardIDs, creatorKinds: creatorKinds, pencePerPound: perPound ?? 100, percentOfTarget: percent ?? 50,
            needWeightingPercent: weighting, capPerProject: perProject, capPerCreator: perCreator)
        let f = MatchFund()
        f.$organisation.id = user.organisationID
        f.name = name
        f.fundDescription = description
        f.rulesJSON = StoredJSON.encode(rules)
        f.budgetPence = budget
        f.opensDay = opens!.ordinal
        f.closesDay = closes!.ordinal
        f.needIndexJSON = StoredJSON.encode(need.scores)
        f.funderIdentifier = funder
        f.createdAt = now
        f.updatedAt = now
        try await db.transaction { tx in
            try await f.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: f.id, label: name,
                after: ["budget": MoneyText.pounds(budget), "rules": f.rulesJSON])
        }
        return f
    }

    // MARK: offers

    /// The fund's pledge to one project as its rules compute it now, and the owner's decision if made.
    struct Offer: Sendable {
        let project: CrowdfundProjectService.Summary
        let offer: MatchFundRules.Offer
        let decision: MatchOffer?
    }

    /// Every project in the fund's round (sent for checking or live, going live in the round) with what the rules give.
    static func offers(_ f: MatchFund, _ db: any Database) async throws -> [Offer] {
        let projects = try await CrowdfundProject.query(on: db)
            .filter(\.$stage ~~ [CrowdfundStage.submitted, .live, .collecting, .funded].map(\.rawValue)).sort(\.$deadlineDay).all()
            .filter { inRound(f, $0) }
        let wards = try await PlacesReads.wards(db)
        let summaries = try await CrowdfundProjectService.summaries(projects, wards: wards, db)
        let decisions = Dictionary(
            try await MatchOffer.query(on: db).filter(\.$fundID == f.id!).all().map { ($0.projectID, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Offer] = []
        for (p, s) in zip(projects, summaries) {
            out.append(Offer(project: s, offer: try await compute(f, p, crowd: nil, wards: wards, db), decision: decisions[p.id!]))
        }
        return out
    }

    /// A project may be matched by a fund whose round is open on the day the project went live (or, not yet live, today).
    static func inRound(_ f: MatchFund, _ p: CrowdfundProject, today: Day = Day(Date())) -> Bool {
        let day = p.verifiedAt.map(Day.init) ?? today
        return day >= Day(ordinal: f.opensDay) && day <= Day(ordinal: f.closesDay)
    }

    /// What the rules give `p` now; `crowd` overrides the crowd's standing (at close: what was collected).
    static func compute(_ f: MatchFund, _ p: CrowdfundProject, crowd: Int64?, wards: [PlacesReads.Ward], _ db: any Database) async throws
        -> MatchFundRules.Offer
    {
        let rules = f.rules ?? MatchFundRules(capPerProject: 0, capPerCreator: 0)
        let wardCode = p.placeID.flatMap { id in wards.first { $0.id == id }?.code }
        let need = wardCode.flatMap { NeedIndex.scaled(f.needIndex)[$0] }
        var crowdNow = crowd ?? 0
        if crowd == nil { crowdNow = try await CrowdfundLedgerService.totals(of: p.id!, db).crowd.standing }
        let position = try await position(f, excluding: p, db)
        return rules.offer(
            .init(category: p.category, ward: p.placeID?.uuidString, creatorKind: p.kind, target: p.targetPence, crowd: crowdNow), need: need,
            position: position)
    }

    /// What the fund has pledged elsewhere, and to the same creator elsewhere (a resident's projects, or a group's by
    /// name).
    static func position(_ f: MatchFund, excluding p: CrowdfundProject, _ db: any Database) async throws -> MatchFundRules.Position {
        let pledges = try await CrowdfundPledge.query(on: db).filter(\.$fundID == f.id!).filter(\.$projectID != p.id!).all()
        let ledger = try await CrowdfundLedgerService.ledger(of: pledges.compactMap(\.id), db)
        let projects = Dictionary(
            try await CrowdfundProject.query(on: db).filter(\.$id ~~ pledges.map(\.projectID)).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        var elsewhere: Int64 = 0, sameCreator: Int64 = 0
        for pledge in pledges {
            let standing = ledger.standing(pledge.id!)
            elsewhere += standing
            if let other = projects[pledge.projectID], creatorKey(other) == creatorKey(p) { sameCreator += standing }
        }
        return .init(budget: f.budgetPence, committedElsewhere: elsewhere, toCreatorElsewhere: sameCreator)
    }

    static func creatorKey(_ p: CrowdfundProject) -> String {
        p.creatorResidentID.map { "resident:" + $0.uuidString } ?? "group:" + p.groupName.lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// The owner approves the computed pledge or declines with a reason; either can be changed while the project is
    /// taking pledges.
    static func decide(_ f: MatchFund, project id: UUID?, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        let p = try await CrowdfundProjectService.find(id, db)
        var v = ChorusCore.Validator()
        let approve = input["decision"] == "approve"
        if !approve && input["decision"] != "decline" { v.add("decision", "Choose approve or decline") }
        let reason = v.required("reason", input["reason"], label: "The reason", max: 2000, multiline: true)
        if ![.submitted, .live].contains(p.stageValue) { v.add("decision", "The project has closed: its match can no longer change") }
        if !inRound(f, p) { v.add("decision", "This project is not in the fund's round") }
        let wards = try await PlacesReads.wards(db)
        let eligible = try await compute(f, p, crowd: nil, wards: wards, db).eligible
        if approve && !eligible {
            v.add("decision", "The fund's rules do not allow this project: decline it with the reason")
        }
        try v.check()
        try await db.transaction { tx in
            let offer = try await MatchOffer.query(on: tx).filter(\.$fundID == f.id!).filter(\.$projectID == p.id!).first() ?? MatchOffer()
            offer.fundID = f.id!
            offer.projectID = p.id!
            offer.status = approve ? "approved" : "declined"
            offer.reason = reason
            offer.decidedByName = user.actor.name
            offer.decidedAt = now
            try await offer.save(on: tx)
            if !approve, let pledgeID = offer.pledgeID, let pledge = try await CrowdfundPledge.find(pledgeID, on: tx) {
                try await CrowdfundLedgerService.postAll(.cancel, pledge, reference: user.actor.name, now: now, on: tx)
                pledge.status = PledgeStatus.cancelled.rawValue
                pledge.amountPence = 0
                pledge.updatedAt = now
                try await pledge.save(on: tx)
            }
            try await recompute(p, now: now, on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: f.id, label: "\(f.name): \(offer.status) \(p.title)",
                after: ["reason": reason])
        }
    }

    /// Brings every approved fund's pledge to `p` to what its rules give now (or, at close, on `crowd`): the
    /// difference is pledged or cancelled in the ledger. Returns the funds' pledges.
    @discardableResult
    static func recompute(_ p: CrowdfundProject, crowd: Int64? = nil, now: Date, on db: any Database) async throws -> [CrowdfundPledge] {
        let approved = try await MatchOffer.query(on: db).filter(\.$projectID == p.id!).filter(\.$status == "approved").all()
        guard !approved.isEmpty else { return [] }
        let wards = try await PlacesReads.wards(db)
        var out: [CrowdfundPledge] = []
        for offer in approved {
            guard let f = try await MatchFund.find(offer.fundID, on: db) else { continue }
            let amount = try await compute(f, p, crowd: crowd, wards: wards, db).amount
            let pledge: CrowdfundPledge
            if let id = offer.pledgeID, let existing = try await CrowdfundPledge.find(id, on: db) {
                pledge = existing
            } else {
                pledge = CrowdfundPledge()
                pledge.projectID = p.id!
                pledge.method = PledgeMethod.fund.rawValue
                pledge.fundID = f.id
                pledge.shownName = f.name
                pledge.amountPence = 0
                pledge.attempts = 0
                pledge.createdAt = now
            }
            if pledge.id == nil || pledge.statusValue == .cancelled { pledge.status = PledgeStatus.pledged.rawValue }
            let held = try await CrowdfundLedgerService.ledger(of: pledge.id.map { [$0] } ?? [], db)
            let current = pledge.id.map { held.balance($0, .pledged) } ?? 0
            pledge.amountPence = amount
            pledge.updatedAt = now
            try await pledge.save(on: db)
            if amount > current {
                try await CrowdfundLedgerService.post(.pledge, pledge, amount: amount - current, reference: f.name, now: now, on: db)
            } else if amount < current {
                try await CrowdfundLedgerService.post(.cancel, pledge, amount: current - amount, reference: f.name, now: now, on: db)
            }
            if offer.pledgeID == nil {
                offer.pledgeID = pledge.id
                try await offer.save(on: db)
            }
            out.append(pledge)
        }
        return out
    }

    /// A sentence per rule, for the public and the owner.
    static func describe(_ f: MatchFund, wards: [PlacesReads.Ward]) -> [String] {
        guard let r = f.rules else { return [] }
        let names = Dictionary(wards.map { ($0.id.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out = [
            "\(MoneyText.pounds(Int64(r.pencePerPound)))" + " for every £1 residents pledge, up to \(r.percentOfTarget)% of the target",
            "At most \(MoneyText.pounds(r.capPerProject)) for one project and \(MoneyText.pounds(r.capPerCreator)) for one group",
            "Budget \(MoneyText.pounds(f.budgetPence)); projects going live from \(DayText.long(Day(ordinal: f.opensDay))) to \(DayText.long(Day(ordinal: f.closesDay)))",
        ]
        if r.needWeightingPercent > 0 { out.append("Up to \(r.needWeightingPercent) percentage points more in the wards of highest need") }
        if !r.wards.isEmpty { out.append("Wards: " + r.wards.compactMap { names[$0] }.sorted().joined(separator: ", ")) }
        if !r.categories.isEmpty { out.append("For: " + r.categories.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")) }
        if !r.creatorKinds.isEmpty { out.append("Projects by: " + r.creatorKinds.map(\.rawValue).joined(separator: ", ")) }
        return out
    }
}
