/// Why each project of an election was or was not funded, as numbers anyone can recompute from the ballots: for a
/// funded project the stage that bought it (Equal Shares' round and what its supporters paid, or greedy's place and
/// the money left); for one not funded, its place by votes when greedy passed it, or what its supporters had left
/// when Equal Shares stopped. Plain values, so the staff check page and the residents' results page (in their
/// language) word the same facts.
public struct BudgetProjectResult: Sendable, Equatable, Codable {
    public enum Why: Sendable, Equatable, Codable {
        case equalShares(round: Int, payers: Int, minPaid: Double, maxPaid: Double, rho: Double)
        case greedy(rank: Int, score: Double, remaining: Double)
        case free
        /// Greedy reached it at `rank` and it cost more than was left.
        case didNotFit(rank: Int, score: Double)
        case noSupport
        /// Equal Shares stopped with its supporters holding `left` between them, less than its cost.
        case supportersShort(supporters: Int, left: Double)
    }

    public let id: String
    public let cost: Double
    public let supporters: Int
    /// Total points, on a points ballot.
    public let points: Double?
    public let funded: Bool
    public let why: Why
}

public enum BudgetExplanation {
    public static func explain(_ e: BudgetElection, _ outcome: BudgetOutcome, rule: BudgetRule, tieBreak: BudgetTieBreak) -> [BudgetProjectResult] {
        let votes = GreedyBudget.scores(e, .cost)
        let hasPoints = e.ballots.contains { $0.points != nil }
        let points = hasPoints ? GreedyBudget.scores(e, .cardinal) : nil
        let score = points ?? votes
        // Greedy's order (score, then the tie order), for "ranked n" whether or not a project was funded.
        let tieRank = tieBreak.ranks(of: e.projects.map(\.id))
        let order = e.projects.indices.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : tieRank[$0] < tieRank[$1] }
        var place = Array(repeating: 0, count: order.count)
        for (n, j) in order.enumerated() { place[j] = n + 1 }
        let bought = Dictionary(outcome.funded.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // What each project's supporters had left at the end (Equal Shares), to say why one could not be bought.
        var left = Array(repeating: 0.0, count: e.projects.count)
        if let endowment = outcome.endowment, outcome.voterSpending.count == e.ballots.count {
            for (v, ballot) in e.ballots.enumerated() {
                for (k, j) in ballot.projects.enumerated() where (ballot.points?[k] ?? 1) > 0 {
                    left[j] += max(0, endowment - outcome.voterSpending[v])
                }
            }
        }
        return e.projects.enumerated().map { j, p in
            let why: BudgetProjectResult.Why
            if let f = bought[p.id] {
                switch f.reason {
                case .equalShares(let purchase):
                    why = .equalShares(
                        round: purchase.round, payers: purchase.payers.count, minPaid: purchase.minPaid, maxPaid: purchase.maxPaid, rho: purchase.rho)
                case .greedy(let pick): why = .greedy(rank: pick.rank, score: pick.score, remaining: pick.remaining)
                case .free: why = .free
                }
            } else if rule.endsGreedy {
                why = .didNotFit(rank: place[j], score: score[j])
            } else if votes[j] == 0 {
                why = .noSupport
            } else {
                why = .supportersShort(supporters: Int(votes[j]), left: left[j])
            }
            return BudgetProjectResult(id: p.id, cost: p.cost, supporters: Int(votes[j]), points: points?[j], funded: bought[p.id] != nil, why: why)
        }
    }
}
