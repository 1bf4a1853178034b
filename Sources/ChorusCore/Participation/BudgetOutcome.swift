/// What a budget rule funded and why, as plain values a results page can show without re-running the rule: for each
/// funded project the stage that bought it and the numbers behind it.
public struct BudgetOutcome: Sendable, Equatable {
    /// Funded projects in the order they were bought.
    public var funded: [FundedProject]
    public var budget: Double
    /// Equal Shares only: the money each voter started with in the run that gave this outcome (budget / voters,
    /// raised by Add1), and what each voter (ballot index) spent in total. Empty for greedy.
    public var endowment: Double?
    public var voterSpending: [Double]
    /// Equal Shares with Add1: how many times each voter's money was raised by one unit before the last run that
    /// still fitted the budget.
    public var add1Steps: Int

    public var fundedIDs: Set<String> { Set(funded.map(\.id)) }
    public var spent: Double { funded.reduce(0) { $0 + $1.cost } }

    public init(funded: [FundedProject], budget: Double, endowment: Double? = nil, voterSpending: [Double] = [], add1Steps: Int = 0) {
        self.funded = funded
        self.budget = budget
        self.endowment = endowment
        self.voterSpending = voterSpending
        self.add1Steps = add1Steps
    }
}

public struct FundedProject: Sendable, Equatable {
    public let id: String
    public let cost: Double
    public let reason: Reason

    public enum Reason: Sendable, Equatable {
        /// Bought by Equal Shares from its supporters' money.
        case equalShares(EqualSharesPurchase)
        /// Bought by greedy (on its own, or on the money Equal Shares left).
        case greedy(GreedyPick)
        /// Costs nothing and has supporters: Equal Shares takes it before the first round, as pabutools does.
        case free
    }
}

/// Why Equal Shares bought a project: in which round, at what price, and who paid how much.
public struct EqualSharesPurchase: Sendable, Equatable {
    /// 1 for the first project bought.
    public let round: Int
    /// The price per unit of utility (rho): each supporter paid rho × their utility, or all they had left if that
    /// was less. The lowest rho of the round wins, so it says how cheaply, per unit of benefit, the project could be
    /// paid for.
    public let rho: Double
    /// Ballot indices of the supporters who paid, and what each paid (same order).
    public let payers: [Int]
    public let payments: [Double]

    public var totalPaid: Double { payments.reduce(0, +) }
    public var minPaid: Double { payments.min() ?? 0 }
    public var maxPaid: Double { payments.max() ?? 0 }
}

/// Why greedy funded a project: its score (votes, or total points) and its place in the ranking by score.
public struct GreedyPick: Sendable, Equatable {
    public let score: Double
    /// 1 for the highest score; ties take their place from the tie order.
    public let rank: Int
    /// The money left after funding it.
    public let remaining: Double
}
