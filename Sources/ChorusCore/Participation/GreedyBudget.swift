/// Greedy by votes, the rule most cities use: rank the projects by score, highest first, and fund each in turn if it
/// still fits in the money left; one that does not fit is skipped and the next is tried. The same as pabutools'
/// `greedy_utilitarian_welfare` with cost satisfaction (approval ballots: score = number of supporters) and, for
/// points ballots, with total points as the score. A project nobody supports scores 0 and is still funded if money
/// is left once every supported project has had its turn, as in pabutools.
public enum GreedyBudget {
    /// - Parameters:
    ///   - score: `.cost` ranks by the number of supporters (votes), `.cardinal` by total points.
    ///   - alreadyFunded: projects already bought (by Equal Shares, when greedy completes it); they are not
    ///     considered again and their cost is taken from the budget first.
    public static func run(
        _ election: BudgetElection, score: BudgetElection.Utility = .cost, tieBreak: BudgetTieBreak = .projectID,
        alreadyFunded: [FundedProject] = []
    ) -> BudgetOutcome {
        let scores = Self.scores(election, score)
        let rank = tieBreak.ranks(of: election.projects.map(\.id))
        let taken = Set(alreadyFunded.map(\.id))
        let order = election.projects.indices.filter { !taken.contains(election.projects[$0].id) }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : rank[$0] < rank[$1] }
        var remaining = election.budget - alreadyFunded.reduce(0) { $0 + $1.cost }
        var funded = alreadyFunded
        for (place, j) in order.enumerated() {
            let p = election.projects[j]
            guard p.cost <= remaining else { continue }
            remaining -= p.cost
            funded.append(FundedProject(id: p.id, cost: p.cost, reason: .greedy(GreedyPick(score: scores[j], rank: place + 1, remaining: remaining))))
        }
        return BudgetOutcome(funded: funded, budget: election.budget)
    }

    /// Each project's score: how many ballots support it (`.cost`), or its total points (`.cardinal`).
    public static func scores(_ election: BudgetElection, _ kind: BudgetElection.Utility) -> [Double] {
        var scores = Array(repeating: 0.0, count: election.projects.count)
        for (v, ballot) in election.ballots.enumerated() {
            for (k, j) in ballot.projects.enumerated() {
                let u = election.utility(v, k, .cardinal)
                guard u > 0 else { continue }
                scores[j] += kind == .cost ? 1 : u
            }
        }
        return scores
    }
}
