import Vapor
import Fluent
import ChorusCore

/// A pot of a round as a Pabulib file, so anyone with pabutools (or "Check an outcome") can re-count it: the
/// projects on the ballot with their cost in pounds, category and, once results are published, whether they were
/// selected; and every ballot that chose something in the pot, as the count read it. Voter ids are numbers in the
/// order the count reads ballots (by receipt reference), never the receipt itself, so a published file does not say
/// who chose what; the ward column is added only when asked for.
enum BudgetExport {
    static func pabulib(_ r: BudgetRound, pot: BudgetPot, withWard: Bool, _ db: any Database) async throws -> String {
        let info = BudgetRoundService.Info(r)
        let projects = try await BudgetProposalService.onBallot(r.id!, db).filter { $0.potID == pot.id }.sorted { $0.reference < $1.reference }
        let index = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.reference, $0) })
        let ballots = try await BudgetBallot.query(on: db).filter(\.$roundID == r.id!).filter(\.$blank == false).all()
            .sorted { $0.reference < $1.reference }
        let wards = withWard ? Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) : [:]
        let funded = Set((info.outcome?.first { $0.pot == pot.id?.uuidString }?.projects ?? []).filter(\.funded).map(\.id))
        var votes: [PabulibElection.Vote] = []
        for b in ballots {
            let choices = BudgetBallotService.decode(b.choices).filter { index[$0.key] != nil && $0.value > 0 }
            guard !choices.isEmpty else { continue }
            // Ranked: most preferred first; otherwise in project order.
            let order = choices.keys.sorted { info.rules.kind == .ranked ? (choices[$0]!, $0) < (choices[$1]!, $1) : $0 < $1 }
            let points: [Double]? = info.rules.kind == .cumulative ? order.map { Double(choices[$0]!) } : nil
            var fields: [String: String] = [:]
            if withWard { fields["ward"] = b.placeID.flatMap { wards[$0] } ?? "none" }
            votes.append(PabulibElection.Vote(voterID: String(votes.count + 1), projects: order, points: points, fields: fields))
        }
        let voteType: String
        switch info.rules.kind {
        case .approval, .knapsack: voteType = "approval"
        case .cumulative: voteType = "cumulative"
        case .ranked: voteType = "ordinal"
        }
        var meta: [String: String] = [
            "description": info.title + ": " + pot.name, "country": "United Kingdom", "unit": pot.name,
            "instance": String(Day(r.createdAt).components.year),
            "num_projects": String(projects.count), "num_votes": String(votes.count), "budget": pounds(pot.budgetPence), "vote_type": voteType,
            "rule": info.rule.rawValue, "currency": "GBP", "tie_seed": info.seed.isEmpty ? "none" : info.seed, "ballot": info.rules.kind.rawValue,
        ]
        if let most = info.rules.maximum { meta["max_length"] = String(most) }
        if info.rules.minimum > 0 { meta["min_length"] = String(info.rules.minimum) }
        if info.rules.kind == .cumulative { meta["max_sum_points"] = String(info.rules.points) }
        let file = PabulibElection(
            meta: meta,
            projects: projects.map { p in
                var fields = ["name": p.title, "category": p.category ?? "none"]
                if info.outcome != nil { fields["selected"] = funded.contains(p.reference) ? "1" : "0" }
                return PabulibElection.Project(id: p.reference, cost: Double(p.costPence) / 100, fields: fields)
            }, votes: votes)
        return file.pabulibText(
            projectColumns: ["name", "category"] + (info.outcome != nil ? ["selected"] : []), voteColumns: withWard ? ["ward"] : [])
    }

    /// Pence as Pabulib writes money: pounds, with pence only when there are some.
    static func pounds(_ pence: Int64) -> String { pence % 100 == 0 ? String(pence / 100) : String(format: "%.2f", Double(pence) / 100) }
}
