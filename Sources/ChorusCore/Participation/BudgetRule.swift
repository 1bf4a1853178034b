/// The outcome rules a round (or "Check an outcome") can use: greedy by votes, or the Method of Equal Shares with the
/// completions cities use. One list, so the round settings, the check page and the count cannot offer different rules.
public enum BudgetRule: String, CaseIterable, Sendable, Codable {
    case greedy
    case equalShares = "mes"
    case equalSharesAdd1 = "mes-add1"
    case equalSharesAdd1Greedy = "mes-add1-greedy"
    case equalSharesPoints = "mes-cardinal"

    public func run(_ e: BudgetElection, _ tie: BudgetTieBreak) -> BudgetOutcome {
        switch self {
        case .greedy: return GreedyBudget.run(e, score: .cardinal, tieBreak: tie)
        case .equalShares: return EqualShares.run(e, utility: .cost, tieBreak: tie)
        case .equalSharesAdd1: return EqualShares.run(e, utility: .cost, tieBreak: tie, add1: .untilOverBudget)
        case .equalSharesAdd1Greedy: return EqualShares.run(e, utility: .cost, tieBreak: tie, add1: .untilOverBudget, thenGreedy: true)
        case .equalSharesPoints: return EqualShares.run(e, utility: .cardinal, tieBreak: tie)
        }
    }

    /// Whether a project not funded lost its turn in a ranking by votes (greedy, or greedy on what Equal Shares left)
    /// rather than for want of its supporters' money.
    public var endsGreedy: Bool { self == .greedy || self == .equalSharesAdd1Greedy }
}
