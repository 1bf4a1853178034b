/// Counts a round: each pot is its own election (its money, the projects on the ballot in it, and the ballots that
/// chose at least one of them), run through the round's rule with its published tie seed. Money is in pence, so a
/// pot never rounds; ballots are read in reference order, so anyone re-running the published export gets the same
/// outcome. A blank ballot counts towards turnout but supports nothing; a ballot that chose nothing in a pot is not
/// one of that pot's voters (Equal Shares shares a pot's money among the voters who took part in it, as Pabulib files
/// record them).
public enum BudgetRoundCount {
    public struct Pot: Sendable, Equatable {
        public let id: String
        public let budget: Int64
        public init(id: String, budget: Int64) {
            self.id = id
            self.budget = budget
        }
    }

    public struct Project: Sendable, Equatable {
        public let id: String
        public let pot: String
        public let cost: Int64
        public init(id: String, pot: String, cost: Int64) {
            self.id = id
            self.pot = pot
            self.cost = cost
        }
    }

    public struct Ballot: Sendable, Equatable {
        public let reference: String
        public let choices: [String: Int]
        public init(reference: String, choices: [String: Int]) {
            self.reference = reference
            self.choices = choices
        }
    }

    public struct PotResult: Sendable, Equatable, Codable {
        public let pot: String
        public let budget: Int64
        /// Ballots that chose at least one of the pot's projects.
        public let voters: Int
        public let spent: Int64
        /// Equal Shares: each voter's share of the money at the end (after Add1), in pence.
        public let endowment: Double?
        public let add1Steps: Int
        /// Funded first, in the order bought; then the rest by supporters.
        public let projects: [BudgetProjectResult]
    }

    public static func count(pots: [Pot], projects: [Project], ballots: [Ballot], rules: BallotRules, rule: BudgetRule, seed: String)
        throws(BudgetElection.InputError) -> [PotResult]
    {
        let tie: BudgetTieBreak = seed.isEmpty ? .projectID : .seeded(seed)
        let ordered = ballots.sorted { $0.reference < $1.reference }
        var out: [PotResult] = []
        for pot in pots {
            let mine = projects.filter { $0.pot == pot.id }.sorted { $0.id < $1.id }
            let index = Dictionary(uniqueKeysWithValues: mine.enumerated().map { ($1.id, $0) })
            let votes = ordered.map { BallotCheck.electionBallot($0.choices, projectIndex: index, rules: rules) }.filter { !$0.projects.isEmpty }
            let election = try BudgetElection(
                projects: mine.map { .init(id: $0.id, cost: Double($0.cost)) }, budget: Double(pot.budget), ballots: votes)
            let outcome = rule.run(election, tie)
            let explained = BudgetExplanation.explain(election, outcome, rule: rule, tieBreak: tie)
            let order = Dictionary(uniqueKeysWithValues: outcome.funded.enumerated().map { ($1.id, $0) })
            let sorted = explained.sorted { a, b in
                switch (order[a.id], order[b.id]) {
                case let (x?, y?): return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a.supporters != b.supporters ? a.supporters > b.supporters : a.id < b.id
                }
            }
            out.append(
                PotResult(
                    pot: pot.id, budget: pot.budget, voters: votes.count, spent: Int64(outcome.spent.rounded()), endowment: outcome.endowment,
                    add1Steps: outcome.add1Steps, projects: sorted))
        }
        return out
    }
}
