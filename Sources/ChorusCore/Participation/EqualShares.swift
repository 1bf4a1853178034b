/// The Method of Equal Shares (Peters & Skowron; equalshares.net), as pabutools' `method_of_equal_shares` computes
/// it. Each voter starts with an equal part of the budget (budget / voters) that they can spend only on projects
/// they support. In each round every remaining project gets a price per unit of utility, rho: the smallest value
/// such that its supporters, each paying rho × their utility or all they have left if less, together cover its
/// cost. The project with the lowest rho is bought and its supporters pay; a project its supporters can no longer
/// afford drops out. It stops when nothing is affordable. Because money follows voters, a group of a tenth of the
/// voters can decide about a tenth of the budget, which greedy by votes does not give them.
///
/// Equal Shares usually leaves money unspent, so cities complete it: `add1` reruns it with every voter's money
/// raised by one currency unit at a time (see `Add1` for when it stops), and `thenGreedy` spends what is left by
/// greedy by votes.
///
/// Arithmetic is in Double, where pabutools is exact (gmpy2 fractions) by default. Two comparisons are made with a
/// tolerance so that rounding cannot change a decision that exact arithmetic would make: a supporter counts as
/// able to pay rho × utility when short by at most a billionth (relative) of a unit, and two rhos within a relative
/// 1e-9 are a tie, broken by `tieBreak` (pabutools: lower project id). pabutools' own float mode has no tolerance.
public enum EqualShares {
    public static let tolerance = 1e-9

    /// When Add1 stops raising the voters' money. Each raise needs a full rerun: the outcome is not monotone in the
    /// endowment, so steps cannot be skipped by a search.
    public enum Add1: String, Sendable, CaseIterable {
        /// Raise until the outcome would cost more than the budget and keep the last outcome that fitted: what the
        /// cities in Pabulib did (equalshares.net's Add1; pabutools' `exhaustion_by_budget_increase` with
        /// `exhaustive_stop=False` and a step of one unit per voter). Wieliczka 2023's official outcome needs this:
        /// it kept raising past an outcome that already left too little for any other project.
        case untilOverBudget
        /// Also stop at the first outcome that leaves too little money for any other project Equal Shares could
        /// buy: pabutools' `method_of_equal_shares(..., voter_budget_increment=1)`.
        case untilExhaustive
    }

    public static func run(
        _ election: BudgetElection, utility: BudgetElection.Utility = .cost, tieBreak: BudgetTieBreak = .projectID,
        add1: Add1? = nil, thenGreedy: Bool = false
    ) -> BudgetOutcome {
        let engine = Engine(election, utility, tieBreak)
        let base = election.ballots.isEmpty ? 0 : election.budget / Double(election.ballots.count)
        var outcome = engine.run(endowment: base)
        if let add1, !election.ballots.isEmpty {
            let allCost = engine.candidates.reduce(0) { $0 + election.projects[$1].cost }
            if add1 == .untilOverBudget && allCost <= election.budget {
                // Every project Equal Shares could buy fits at once, so raising never goes over the budget and
                // ends (as pabutools' bounded loop does) with every one of them bought. Go straight to the first
                // raise at which any single supporter could pay for all of them, instead of one unit at a time.
                let steps = max(0, Int((allCost - base).rounded(.up)))
                outcome = engine.run(endowment: base + Double(steps))
                outcome.add1Steps = steps
            } else {
                var steps = 0
                while add1 == .untilOverBudget || !engine.isExhaustive(outcome) {
                    let next = engine.run(endowment: base + Double(steps + 1), stopAbove: election.budget)
                    guard next.spent <= election.budget else { break }
                    steps += 1
                    outcome = next
                }
                outcome.add1Steps = steps
            }
        }
        if thenGreedy {
            let completed = GreedyBudget.run(election, score: utility, tieBreak: tieBreak, alreadyFunded: outcome.funded)
            outcome.funded = completed.funded
        }
        return outcome
    }

    /// The per-election state every run shares: supporters and utilities by project, the tie order.
    struct Engine {
        let election: BudgetElection
        let voters: [[Int]]
        let utilities: [[Double]]
        let totalUtility: [Double]
        let rank: [Int]
        /// Projects Equal Shares can buy: supported and costing something.
        let candidates: [Int]
        let free: [Int]

        init(_ election: BudgetElection, _ utility: BudgetElection.Utility, _ tieBreak: BudgetTieBreak) {
            self.election = election
            let columns = election.supporters(utility)
            let rank = tieBreak.ranks(of: election.projects.map(\.id))
            let supported = election.projects.indices.filter { !columns[$0].voters.isEmpty }
            voters = columns.map(\.voters)
            utilities = columns.map(\.utilities)
            totalUtility = columns.map { $0.utilities.reduce(0, +) }
            candidates = supported.filter { election.projects[$0].cost > 0 }
            free = supported.filter { election.projects[$0].cost == 0 }.sorted { rank[$0] < rank[$1] }
            self.rank = rank
        }

        /// True when no project Equal Shares could buy still fits beside the outcome (pabutools' `is_exhaustive`
        /// over its available projects).
        func isExhaustive(_ outcome: BudgetOutcome) -> Bool {
            let left = election.budget - outcome.spent
            let taken = outcome.fundedIDs
            return !candidates.contains { election.projects[$0].cost <= left && !taken.contains(election.projects[$0].id) }
        }

        /// One run with every voter starting with `endowment`. With `stopAbove`, gives up once the money spent
        /// exceeds it (Add1 then discards the outcome anyway).
        func run(endowment: Double, stopAbove: Double = .infinity) -> BudgetOutcome {
            let projects = election.projects
            var budgets = Array(repeating: endowment, count: election.ballots.count)
            var funded = free.map { FundedProject(id: projects[$0].id, cost: 0, reason: .free) }
            // Remaining candidates with their last rho: rho never falls (budgets only shrink), so it is a lower
            // bound and a round can stop looking once the next project's bound exceeds the best rho found.
            var remaining = candidates.map { (project: $0, rho: projects[$0].cost / totalUtility[$0]) }
            var rich: [Int] = []
            var spent = 0.0
            var round = 0
            while !remaining.isEmpty && spent <= stopAbove {
                remaining.sort { $0.rho < $1.rho }
                var best = Double.infinity
                var chosen = -1
                var dropped: [Int] = []
                for (position, entry) in remaining.enumerated() {
                    if entry.rho > best * (1 + tolerance) { break }
                    guard let rho = price(entry.project, budgets, &rich) else {
                        dropped.append(position)
                        continue
                    }
                    remaining[position].rho = rho
                    if chosen < 0 || rho < best * (1 - tolerance) {
                        best = rho
                        chosen = position
                    } else if rho <= best * (1 + tolerance) {
                        if rank[entry.project] < rank[remaining[chosen].project] { chosen = position }
                        best = min(best, rho)
                    }
                }
                guard chosen >= 0 else { break }
                let j = remaining[chosen].project
                // The winner's own rho (a tie may be a billionth away from `best`), so its payments sum to its cost.
                let rhoJ = remaining[chosen].rho
                round += 1
                var payers: [Int] = []
                var payments: [Double] = []
                for (k, v) in voters[j].enumerated() {
                    let pay = min(budgets[v], rhoJ * utilities[j][k])
                    guard pay > 0 else { continue }
                    budgets[v] -= pay
                    payers.append(v)
                    payments.append(pay)
                }
                spent += projects[j].cost
                funded.append(
                    FundedProject(
                        id: projects[j].id, cost: projects[j].cost,
                        reason: .equalShares(EqualSharesPurchase(round: round, rho: rhoJ, payers: payers, payments: payments))))
                dropped.append(chosen)
                for position in dropped.sorted(by: >) { remaining.remove(at: position) }
            }
            return BudgetOutcome(funded: funded, budget: election.budget, endowment: endowment, voterSpending: budgets.map { endowment - $0 })
        }

        /// Project `j`'s rho with the current budgets, or nil when its supporters together cannot pay for it.
        /// pabutools' "poor/rich" iteration: assume everyone pays rho × utility, find the supporters who cannot,
        /// let them pay all they have, recompute rho from the rest; repeat until nobody new is short. It gives the
        /// same rho as sorting supporters by budget/utility, without the sort, in a few passes.
        func price(_ j: Int, _ budgets: [Double], _ rich: inout [Int]) -> Double? {
            let cost = election.projects[j].cost
            let who = voters[j]
            let u = utilities[j]
            rich.removeAll(keepingCapacity: true)
            rich.append(contentsOf: who.indices)
            var poorPaid = 0.0
            var richUtility = totalUtility[j]
            while true {
                guard richUtility > 0 else { return nil }
                let rho = (cost - poorPaid) / richUtility
                var kept = 0
                var changed = false
                for k in rich {
                    let b = budgets[who[k]]
                    if b * (1 + tolerance) + tolerance < rho * u[k] {
                        poorPaid += b
                        richUtility -= u[k]
                        changed = true
                    } else {
                        rich[kept] = k
                        kept += 1
                    }
                }
                rich.removeLast(rich.count - kept)
                if !changed { return rho }
                if kept == 0 {
                    // Everyone gives all they have: affordable only if that covers the cost, and then rho is set by
                    // the supporter with the most money per unit of utility (as the sorted computation finds it).
                    guard poorPaid >= cost * (1 - tolerance) else { return nil }
                    return who.indices.reduce(0) { max($0, budgets[who[$1]] / u[$1]) }
                }
            }
        }
    }
}
