/// Selection of a citizens' panel by quotas: the entry points the app calls. Each takes plain values and is
/// deterministic for a given seed (every random choice goes through `SeededRandom`; GLPK is deterministic), so a
/// published pool, quotas and seed replay to the same lottery and the same panel.
///
/// `distribution` checks the problem, then builds the lottery: LEXIMIN and maximin by column generation over
/// volunteer types (`PanelColumnGeneration`, `PanelLeximin`, `PanelMaximin`) expanded to named panels
/// (`PanelExpansion`); the lottery by random weights and an ILP (`PanelLottery`). `draw` picks one panel of it.
public enum PanelSelection {
    /// Whether any panel meets the quotas; if none does, the quotas to change and the smallest change. Throws
    /// `PanelError.invalid` naming the field for a malformed problem, or for a panel size no quota change can meet
    /// (larger than the pool, or than the number of households kept apart).
    public static func feasibility(_ p: PanelProblem) throws -> PanelFeasibility {
        let model = try PanelModel(p)
        return try solving { try PanelFeasibilityCheck.check(model) }
    }

    /// How long `distribution` may take, in seconds, unless the caller says otherwise: every instance in
    /// bench/README.md finishes well within it (the 2,000-volunteer one is the slowest), and an app request or demo
    /// seeding gets `PanelError.solver` rather than a hang.
    public static let defaultTimeLimit = 120.0

    /// The lottery over panels chosen by `algorithm`. Throws `PanelError.infeasible` with the suggested changes when
    /// no panel meets the quotas, and `PanelError.solver` when LEXIMIN or maximin has not finished within
    /// `timeLimit` seconds or a solve does not converge.
    public static func distribution(
        _ p: PanelProblem, algorithm: PanelAlgorithm, seed: UInt64, timeLimit: Double = defaultTimeLimit
    ) throws -> PanelDistribution {
        let model = try PanelModel(p)
        return try solving {
            if case .infeasible(let changes) = try PanelFeasibilityCheck.check(model) { throw PanelError.infeasible(changes) }
            let named: (panels: [[Int]], weights: [Double])
            switch algorithm {
            case .lottery:
                named = try PanelLottery.panels(model, seed: seed)
            case .leximin, .maximin:
                var generation = try PanelColumnGeneration(model, timeLimit: timeLimit)
                let covered = try PanelPortfolioStart.fill(&generation, seed: seed)
                let weights =
                    algorithm == .leximin
                    ? try PanelLeximin.solve(&generation, covered: covered)
                    : try PanelMaximin.solve(&generation, covered: covered)
                named = PanelExpansion.expand(model, counts: generation.portfolio, weights: weights)
            }
            return distribution(named.panels, named.weights, volunteers: p.volunteers.count)
        }
    }

    /// The panel the seeded lottery picks: a uniform number in [0, 1) from `SeededRandom(state: seed)` against the
    /// running sum of the weights. Same distribution and seed, same panel. Empty for an empty distribution.
    public static func draw(_ d: PanelDistribution, seed: UInt64) -> [Int] {
        guard !d.panels.isEmpty else { return [] }
        var random = SeededRandom(state: seed)
        let target = PanelPortfolioStart.unitInterval(&random) * d.weights.reduce(0, +)
        var sum = 0.0
        for (panel, weight) in zip(d.panels, d.weights) {
            sum += weight
            if target < sum { return panel }
        }
        return d.panels[d.panels.count - 1]
    }

    /// A panel that keeps everyone on `panel` who is not in `withdrawn` and refills the places from the rest of the
    /// pool (never a withdrawn volunteer) so that every quota and household rule holds; the new members are the
    /// feasible choice of largest total seeded random weight. Nil when no refill meets the quotas. Throws
    /// `PanelError.invalid` naming "panel" or "withdrawn" for an index outside the pool or a withdrawn volunteer
    /// not on the panel.
    public static func replacement(_ p: PanelProblem, panel: [Int], withdrawn: [Int], seed: UInt64) throws -> [Int]? {
        let model = try PanelModel(p)
        let n = p.volunteers.count
        for (i, v) in panel.enumerated() where v < 0 || v >= n {
            throw PanelError.invalid(field: "panel[\(i)]", message: "\(v) is not a volunteer index (0..<\(n))")
        }
        for (i, v) in withdrawn.enumerated() where !panel.contains(v) {
            throw PanelError.invalid(field: "withdrawn[\(i)]", message: "volunteer \(v) is not on the panel")
        }
        let gone = Set(withdrawn)
        let kept = Set(panel).subtracting(gone)
        return try solving {
            let program = try model.volunteerProgram()
            var random = SeededRandom(state: seed)
            for v in 0..<n {
                program.setObjective(v, PanelPortfolioStart.unitInterval(&random))
                if kept.contains(v) { try program.setColumnBounds(v, lower: 1, upper: 1) }
                if gone.contains(v) { try program.setColumnBounds(v, lower: 0, upper: 0) }
            }
            do {
                let solution = try program.integerOptimum()
                return (0..<n).filter { solution.values[$0] > 0.5 }
            } catch LinearProgram.Failure.infeasible {
                return nil
            }
        }
    }

    /// Per-volunteer probabilities from a lottery over named panels.
    static func distribution(_ panels: [[Int]], _ weights: [Double], volunteers: Int) -> PanelDistribution {
        var probabilities = Array(repeating: 0.0, count: volunteers)
        for (panel, weight) in zip(panels, weights) { for v in panel { probabilities[v] += weight } }
        return PanelDistribution(panels: panels, weights: weights, probabilities: probabilities)
    }

    /// Runs solver work, turning GLPK failures into `PanelError.solver`.
    static func solving<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as LinearProgram.Failure {
            throw PanelError.solver(failure.description)
        }
    }
}
