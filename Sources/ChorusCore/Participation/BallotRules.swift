/// How a resident votes in a participatory-budgeting pot: approval (tick the projects you support), knapsack (tick
/// projects whose costs fit in the pot, as if spending it yourself), cumulative (share out points) or ranked (put
/// projects in order).
public enum BallotKind: String, Sendable, CaseIterable, Codable {
    case approval, knapsack, cumulative, ranked
}

/// What a resident's ballot may hold in one pot, as staff set it up. Kept apart from the outcome rules so the same
/// limits are checked on the ballot page, when a ballot is stored and when a round is counted.
///
/// `minimum` and `maximum` count the projects chosen (a value other than 0) for every kind; `points` and
/// `maxPointsPerProject` apply to cumulative ballots only. `blankAllowed` is checked by the app (a blank ballot is
/// one with nothing chosen, which `minimum` 0 also lets through) and only stored here.
public struct BallotRules: Sendable, Equatable, Codable {
    public var kind: BallotKind
    /// Fewest projects chosen in a pot; 0 = none.
    public var minimum: Int
    /// Most projects chosen in a pot (approval, ranked; also allowed for knapsack); nil = any.
    public var maximum: Int?
    /// Cumulative: points each voter shares out in a pot.
    public var points: Int
    /// Cumulative: most points on one project; nil = no limit.
    public var maxPointsPerProject: Int?
    /// May a voter send a blank ballot (checked by the app, stored here).
    public var blankAllowed: Bool

    public init(
        kind: BallotKind, minimum: Int = 0, maximum: Int? = nil, points: Int = 0, maxPointsPerProject: Int? = nil, blankAllowed: Bool = false
    ) {
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.points = points
        self.maxPointsPerProject = maxPointsPerProject
        self.blankAllowed = blankAllowed
    }

    /// Problems with the rules themselves as staff set them, each naming its field (the property's name): a
    /// negative minimum, a maximum under 1, a minimum above the maximum, and for cumulative ballots fewer than 1
    /// point or a per-project limit under 1 or above the points. Empty when the rules can be used.
    public var setupProblems: [(field: String, message: String)] {
        var out: [(field: String, message: String)] = []
        if minimum < 0 { out.append(("minimum", "The fewest projects a voter must choose cannot be negative (it is \(minimum))")) }
        if let maximum {
            if maximum < 1 {
                out.append(("maximum", "The most projects a voter may choose must be 1 or more, or no limit (it is \(maximum))"))
            } else if minimum > maximum {
                out.append(("maximum", "The most projects a voter may choose (\(maximum)) is fewer than the fewest they must choose (\(minimum))"))
            }
        }
        if kind == .cumulative {
            if points < 1 { out.append(("points", "A cumulative ballot needs 1 point or more to share out (it is \(points))")) }
            if let limit = maxPointsPerProject {
                if limit < 1 {
                    out.append(("maxPointsPerProject", "The most points on one project must be 1 or more, or no limit (it is \(limit))"))
                } else if limit > points {
                    out.append(("maxPointsPerProject", "The most points on one project (\(limit)) is more than the points to share out (\(points))"))
                }
            }
        }
        return out
    }
}

/// One pot as a ballot sees it: its money and its projects' costs, in whole pence (Int64), so a knapsack ballot
/// never rounds: a ballot exactly at the budget is allowed and one penny over is not.
public struct BallotPot: Sendable, Equatable {
    public let budget: Int64
    /// Project id → cost.
    public let costs: [String: Int64]

    public init(budget: Int64, costs: [String: Int64]) {
        self.budget = budget
        self.costs = costs
    }
}

/// One thing wrong with a ballot, with the numbers a ballot page needs to say what to change.
public enum BallotProblem: Sendable, Equatable {
    case unknownProject(String)
    /// A value the kind does not allow: approval or knapsack other than 1, negative points, a rank under 1.
    case notAllowedValue(project: String, value: Int)
    case tooFew(minimum: Int, chosen: Int)
    case tooMany(maximum: Int, chosen: Int)
    /// Knapsack: the chosen projects cost more than the pot.
    case overBudget(limit: Int64, spent: Int64)
    /// Cumulative: more points given in total than the voter has.
    case tooManyPoints(limit: Int, given: Int)
    case tooManyPointsForOne(project: String, limit: Int, given: Int)
    /// Ranked: the ranks must be exactly 1...n (n = projects ranked), no gaps or repeats.
    case ranksNotInOrder
}

/// Checks a ballot against its pot and rules, and turns a valid one into what the outcome rules count. A ballot is
/// `choices`: project id → value (1 for approval and knapsack; points for cumulative; rank, 1 = first, for ranked);
/// a value of 0 means "not chosen" and is ignored, so a form can send every project. Sums saturate instead of
/// overflowing, so a hostile value is reported, never a crash.
public enum BallotCheck {
    /// Every problem with the ballot (not just the first), in a stable order: per project (ids in ascending order:
    /// unknown, value not allowed, too many points on one), then too few, too many, over budget, too many points,
    /// ranks not in order. Empty when the ballot may be stored. Unknown projects count towards `minimum` and
    /// `maximum` (they were chosen) but cost nothing.
    public static func problems(_ choices: [String: Int], in pot: BallotPot, rules: BallotRules) -> [BallotProblem] {
        let chosen = choices.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        var out: [BallotProblem] = []
        for (id, value) in chosen {
            guard pot.costs[id] != nil else {
                out.append(.unknownProject(id))
                continue
            }
            switch rules.kind {
            case .approval, .knapsack:
                if value != 1 { out.append(.notAllowedValue(project: id, value: value)) }
            case .cumulative:
                if value < 0 {
                    out.append(.notAllowedValue(project: id, value: value))
                } else if let limit = rules.maxPointsPerProject, value > limit {
                    out.append(.tooManyPointsForOne(project: id, limit: limit, given: value))
                }
            case .ranked:
                if value < 1 { out.append(.notAllowedValue(project: id, value: value)) }
            }
        }
        if chosen.count < rules.minimum { out.append(.tooFew(minimum: rules.minimum, chosen: chosen.count)) }
        if let maximum = rules.maximum, chosen.count > maximum { out.append(.tooMany(maximum: maximum, chosen: chosen.count)) }
        switch rules.kind {
        case .approval:
            break
        case .knapsack:
            let money = spent(choices, in: pot)
            if money > pot.budget { out.append(.overBudget(limit: pot.budget, spent: money)) }
        case .cumulative:
            let given = chosen.reduce(0) { total, entry in
                let (sum, overflow) = total.addingReportingOverflow(max(0, entry.value))
                return overflow ? Int.max : sum
            }
            if given > rules.points { out.append(.tooManyPoints(limit: rules.points, given: given)) }
        case .ranked:
            if Set(chosen.map(\.value)) != Set(chosen.isEmpty ? [] : Array(1...chosen.count)) { out.append(.ranksNotInOrder) }
        }
        return out
    }

    /// Money a knapsack ballot spends (sum of chosen projects' costs); unknown ids count 0. For "money left" on
    /// the ballot.
    public static func spent(_ choices: [String: Int], in pot: BallotPot) -> Int64 {
        choices.reduce(Int64(0)) { total, entry in
            guard entry.value != 0, let cost = pot.costs[entry.key] else { return total }
            let (sum, overflow) = total.addingReportingOverflow(cost)
            return overflow ? Int64.max : sum
        }
    }

    /// The ballot as the outcome rules read it. `projectIndex` maps project id → index in the `BudgetElection`'s
    /// projects; ids not in it are skipped. Approval and knapsack give approvals (points nil), cumulative its
    /// points, and ranked Borda points, `n + 1 - rank` with n = `rules.maximum` ?? the number of projects in
    /// `projectIndex`: the first choice gets n, the last possible one 1. Points are what greedy (`.cardinal`) and
    /// cardinal Equal Shares count, so a ranked ballot needs no rule of its own, and a higher rank always weighs
    /// more; with cost utilities a ranked ballot counts as approval of every ranked project. Projects are in
    /// ascending index order, so the same ballot always gives the same result. Points are worked out in Double,
    /// so a hostile rank cannot overflow (such a ballot has problems, and `BudgetElection` refuses its points).
    public static func electionBallot(_ choices: [String: Int], projectIndex: [String: Int], rules: BallotRules) -> BudgetElection.Ballot {
        let entries = choices.compactMap { id, value in value == 0 ? nil : projectIndex[id].map { (index: $0, value: value) } }
            .sorted { $0.index < $1.index }
        let projects = entries.map(\.index)
        switch rules.kind {
        case .approval, .knapsack:
            return BudgetElection.Ballot(projects: projects)
        case .cumulative:
            return BudgetElection.Ballot(projects: projects, points: entries.map { Double($0.value) })
        case .ranked:
            let n = rules.maximum ?? projectIndex.count
            return BudgetElection.Ballot(projects: projects, points: entries.map { Double(n) + 1 - Double($0.value) })
        }
    }
}
