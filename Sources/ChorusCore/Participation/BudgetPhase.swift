/// Where a participatory budgeting round stands, and so what residents may do: propose in `proposals`, vote in
/// `voting`, read the outcome in `results`. Staff move a round on one phase at a time (dates are published as the
/// plan, but a phase ends when staff end it, so a late review never silently opens the vote); `counting` is the gap
/// between the close of voting and published results, when ballots can no longer change.
public enum BudgetPhase: String, CaseIterable, Sendable, Codable {
    case draft, proposals, review, voting, counting, results

    public var next: BudgetPhase? {
        guard let i = Self.allCases.firstIndex(of: self), i + 1 < Self.allCases.count else { return nil }
        return Self.allCases[i + 1]
    }

    public var acceptsProposals: Bool { self == .proposals }
    public var acceptsBallots: Bool { self == .voting }
    /// Residents can see the round at all.
    public var isPublic: Bool { self != .draft }
    /// The proposals on the ballot are fixed: their costs and feasibility no longer change.
    public var ballotFixed: Bool { self == .voting || self == .counting || self == .results }
}
