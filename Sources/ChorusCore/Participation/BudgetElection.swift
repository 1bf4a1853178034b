/// A participatory-budgeting election as the outcome rules read it: projects with a cost, the money to share, and
/// for each voter the projects they support (with points, when the ballot gives points). Independent of any file
/// format so the same rules run on Pabulib files, on Chorus's own ballots and on hand-made test cases.
public struct BudgetElection: Sendable, Equatable {
    public struct Project: Sendable, Equatable {
        public let id: String
        public let cost: Double

        public init(id: String, cost: Double) {
            self.id = id
            self.cost = cost
        }
    }

    /// One voter's ballot. `projects` are indices into `BudgetElection.projects`, each at most once; `points`, when
    /// present, gives the points for each of them in the same order (cumulative and scoring ballots). An approval
    /// ballot has no points: every listed project is approved.
    public struct Ballot: Sendable, Equatable {
        public let projects: [Int]
        public let points: [Double]?

        public init(projects: [Int], points: [Double]? = nil) {
            self.projects = projects
            self.points = points
        }
    }

    public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public let projects: [Project]
    public let budget: Double
    public let ballots: [Ballot]

    /// Checks what every rule relies on, so a bad input is refused with the field named rather than giving a
    /// silently wrong outcome: ids unique, costs and the budget finite and not negative, ballots naming existing
    /// projects once each, points finite, not negative and one per project.
    public init(projects: [Project], budget: Double, ballots: [Ballot]) throws(InputError) {
        guard budget.isFinite, budget >= 0 else { throw InputError(message: "budget: \(budget) is not a number of 0 or more") }
        var ids = Set<String>()
        for p in projects {
            guard ids.insert(p.id).inserted else { throw InputError(message: "projects: the id \(p.id) is used twice") }
            guard p.cost.isFinite, p.cost >= 0 else {
                throw InputError(message: "projects, \(p.id): the cost \(p.cost) is not a number of 0 or more")
            }
        }
        for (v, ballot) in ballots.enumerated() {
            var seen = Set<Int>()
            for j in ballot.projects {
                guard projects.indices.contains(j) else { throw InputError(message: "ballots, voter \(v): no project number \(j)") }
                guard seen.insert(j).inserted else { throw InputError(message: "ballots, voter \(v): project \(projects[j].id) is listed twice") }
            }
            if let points = ballot.points {
                guard points.count == ballot.projects.count else {
                    throw InputError(message: "ballots, voter \(v): \(points.count) points for \(ballot.projects.count) projects")
                }
                guard points.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                    throw InputError(message: "ballots, voter \(v): points must be numbers of 0 or more")
                }
            }
        }
        self.projects = projects
        self.budget = budget
        self.ballots = ballots
    }

    /// A Pabulib election as rule input. Approval, cumulative and scoring ballots keep their projects (and points);
    /// an ordinal or choose-1 ballot keeps the projects it names, without points, which is how Pabulib's greedy
    /// counts them (one vote each). The budget is META `budget`; a file without one is refused, since every rule
    /// depends on it. A project named twice on one ballot (Warszawa 2026 Tarchomin has such ballots) counts once,
    /// as in pabutools, whose ballots are sets (approval) or dictionaries (points: the later points replace the
    /// earlier).
    public init(_ election: PabulibElection) throws(InputError) {
        guard let budget = election.budget else { throw InputError(message: "META budget: the file gives no budget") }
        var index: [String: Int] = [:]
        index.reserveCapacity(election.projects.count)
        for (j, p) in election.projects.enumerated() { index[p.id] = j }
        var ballots: [Ballot] = []
        ballots.reserveCapacity(election.votes.count)
        for vote in election.votes {
            var chosen: [Int] = []
            var points: [Double]? = vote.points.map { _ in [] }
            chosen.reserveCapacity(vote.projects.count)
            for (k, id) in vote.projects.enumerated() {
                guard let j = index[id] else { throw InputError(message: "VOTES, voter \(vote.voterID): no project \(id)") }
                if let earlier = chosen.firstIndex(of: j) {
                    if let given = vote.points { points![earlier] = given[k] }
                    continue
                }
                chosen.append(j)
                if let given = vote.points { points!.append(given[k]) }
            }
            ballots.append(Ballot(projects: chosen, points: points))
        }
        try self.init(projects: election.projects.map { Project(id: $0.id, cost: $0.cost) }, budget: budget, ballots: ballots)
    }

    /// How much a voter gains from a funded project, which both Equal Shares and greedy weigh by.
    public enum Utility: String, Sendable, CaseIterable {
        /// Approval with cost utilities (Pabulib's "equalshares" and greedy by votes): a voter who lists a project
        /// gains its cost, so a large project counts as much as several small ones of the same total. Points are
        /// ignored; a project given 0 points is not supported.
        case cost
        /// The ballot's points (cumulative or scoring); on a ballot without points every listed project scores 1.
        case cardinal
    }

    /// The utility of ballot `v`'s `k`-th listed project (0 means not a supporter).
    @inline(__always) func utility(_ v: Int, _ k: Int, _ kind: Utility) -> Double {
        let ballot = ballots[v]
        let points = ballot.points?[k] ?? 1
        switch kind {
        case .cost: return points > 0 ? projects[ballot.projects[k]].cost : 0
        case .cardinal: return points
        }
    }

    /// For each project, its supporters (ballot indices, ascending) and their utilities: the column view both rules
    /// work on, built once per run.
    func supporters(_ kind: Utility) -> [(voters: [Int], utilities: [Double])] {
        var out = Array(repeating: (voters: [Int](), utilities: [Double]()), count: projects.count)
        for (v, ballot) in ballots.enumerated() {
            for (k, j) in ballot.projects.enumerated() {
                let u = utility(v, k, kind)
                guard u > 0 else { continue }
                out[j].voters.append(v)
                out[j].utilities.append(u)
            }
        }
        return out
    }
}
