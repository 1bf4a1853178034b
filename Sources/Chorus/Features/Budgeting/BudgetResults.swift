import Vapor
import Fluent
import ChorusCore

/// Counting a round and reading its results: the count runs `BudgetRoundCount` over the ballot's proposals and
/// every current ballot; the results page reads the outcome frozen at publication, adds the recorded overrides
/// (a project funded or dropped by decision, with its reason) and turnout by ward against population, small counts
/// suppressed.
enum BudgetResults {
    static func count(_ r: BudgetRound, _ db: any Database) async throws -> [BudgetRoundCount.PotResult] {
        let info = BudgetRoundService.Info(r)
        let pots = try await BudgetRoundService.pots(r.id!, db)
        let projects = try await BudgetProposalService.onBallot(r.id!, db)
        let ballots = try await BudgetBallot.query(on: db).filter(\.$roundID == r.id!).filter(\.$blank == false).all()
        do {
            return try BudgetRoundCount.count(
                pots: pots.map { .init(id: $0.id!.uuidString, budget: $0.budgetPence) },
                projects: projects.compactMap { p in p.potID.map { .init(id: p.reference, pot: $0.uuidString, cost: p.costPence) } },
                ballots: ballots.map { .init(reference: $0.reference, choices: BudgetBallotService.decode($0.choices)) }, rules: info.rules,
                rule: info.rule, seed: info.seed)
        } catch {
            // The ballot's projects and stored choices are checked when they are saved; this would be a bug.
            throw Abort(.internalServerError, reason: "The round could not be counted: \(error.description)")
        }
    }

    struct Project: Sendable {
        let reference: String
        let title: String
        let cost: Int64
        let result: BudgetProjectResult?
        /// After any override.
        let funded: Bool
        let override: (fund: Bool, reason: String)?
        let delivery: BudgetProposalService.Delivery?
        /// The action delivering it, when one is linked.
        let action: String?
        let deliveryNote: String?
    }

    struct Pot: Sendable {
        let name: String
        let ward: String?
        let budget: Int64
        let voters: Int
        let spent: Int64
        let projects: [Project]
    }

    struct Turnout: Sendable {
        let ward: String
        let ballots: SuppressedCount
        let population: Int?
    }

    struct Page: Sendable {
        let round: BudgetRoundService.Info
        let pots: [Pot]
        let ballots: Int
        let paper: Int
        let blank: Int
        let turnout: [Turnout]
        /// A receipt looked up, and whether it was found.
        var lookup: (reference: String, found: Bool)?
    }

    static func page(_ r: BudgetRound, _ db: any Database) async throws -> Page? {
        let info = BudgetRoundService.Info(r)
        guard let outcome = info.outcome else { return nil }
        let potRows = try await BudgetRoundService.pots(r.id!, db)
        let proposals = Dictionary(try await BudgetProposalService.all(r.id!, db).map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
        let wards = try await PlacesReads.wardPopulations(db)
        let names = Dictionary(wards.map { ($0.ward.id, $0.ward.name) }, uniquingKeysWith: { a, _ in a })
        let actions = Dictionary(
            try await DecisionsReads.actions(linkedToActivity: r.activityID, db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pots = outcome.map { result -> Pot in
            let row = potRows.first { $0.id?.uuidString == result.pot }
            let projects = result.projects.map { p -> Project in
                let stored = proposals[p.id]
                let override = stored?.override.map { (fund: $0 == "fund", reason: stored?.overrideReason ?? "") }
                let action = stored?.deliveryActionID.flatMap { actions[$0] }
                return Project(
                    reference: p.id, title: stored?.title ?? p.id, cost: Int64(p.cost), result: p, funded: override?.fund ?? p.funded,
                    override: override,
                    delivery: action.map { BudgetProposalService.Delivery($0.status) }
                        ?? stored?.delivery.flatMap(BudgetProposalService.Delivery.init(rawValue:)),
                    action: action?.title, deliveryNote: stored?.deliveryNote)
            }
            return Pot(
                name: row?.name ?? "", ward: row?.placeID.flatMap { names[$0] }, budget: result.budget, voters: result.voters,
                spent: projects.filter(\.funded).reduce(0) { $0 + $1.cost }, projects: projects)
        }
        let tally = try await BudgetBallotService.tally(r.id!, db)
        var perWard: [UUID: Int] = [:]
        for row in tally { if let id = row.placeID { perWard[id, default: 0] += row.count } }
        let counts = SmallNumberTable.suppress(wards.map { perWard[$0.ward.id] ?? 0 }, totalShown: true)
        let turnout = zip(wards, counts).map { Turnout(ward: $0.ward.name, ballots: $1, population: $0.population) }
        return Page(
            round: info, pots: pots, ballots: tally.reduce(0) { $0 + $1.count },
            paper: tally.filter { $0.channel == BudgetBallotService.Channel.paper.rawValue }.reduce(0) { $0 + $1.count },
            blank: tally.filter(\.blank).reduce(0) { $0 + $1.count }, turnout: turnout, lookup: nil)
    }
}
