import Foundation

/// The machinery LEXIMIN and maximin share (Flanigan et al., Nature 2021, Methods; sortition-algorithms'
/// leximin.py and maximin.py). A panel is a vector of counts per volunteer type (see `PanelModel`); a type's
/// probability under a lottery x over panels P is Σ_P x_P · m_t(P) / c_t (c_t volunteers of the type, m_t(P) of
/// them on P, each equally likely).
///
/// One *level* is the LP
///
///     maximise z  subject to  Σ_P x_P m_t(P)/c_t ≥ z       for every type still free
///                             Σ_P x_P m_t(P)/c_t ≥ f_t     for every type fixed at f_t
///                             Σ_P x_P ≤ 1,  x ≥ 0
///
/// over every feasible panel, far too many to write down, so it is solved by column generation: solve it over
/// the panels found so far (the portfolio), read the duals y_t ≥ 0 of the type rows and ŷ of the last row, and
/// ask the pricing ILP for the panel with the largest Σ_t y_t m_t / c_t. If that exceeds ŷ by more than
/// `columnTolerance` the panel improves the LP and joins the portfolio; otherwise the portfolio already holds an
/// optimal lottery (the duals are feasible for every panel). Its LP over the portfolio is the restricted master,
/// solved warm by the simplex method between new columns.
struct PanelColumnGeneration {
    /// A new panel joins only if its reduced cost Σ y m/c − ŷ exceeds this. It bounds how far the level's optimum
    /// z can be from the true one (z* ≤ z + gap), so it is set well below the 1e-6 the acceptance targets allow.
    /// sortition-algorithms uses 5e-4 (its EPS), which Gurobi's barrier makes up for.
    static let columnTolerance = 1e-9

    let model: PanelModel
    /// The pricing ILP over types, kept and re-solved with new objective coefficients.
    let pricing: LinearProgram
    /// Panels found so far (counts per type) and the same as a set, to refuse duplicates.
    var portfolio: [[Int]] = []
    var known: Set<[Int]> = []
    /// The restricted master LP, kept from level to level so that each solve starts from the last basis: column z
    /// (index 0), one row per type, then the row Σ x ≤ 1; `masterColumns[i]` is the LP column of `portfolio[i]`.
    private var masterLP: LinearProgram?
    private var masterColumns: [Int] = []
    /// How each type row is set in the master: nil = free and in the minimum; a value = fixed there.
    private var masterRows: [RowState] = []

    private enum RowState: Equatable {
        case inMinimum, fixed(Double), unconstrained
    }

    /// When the whole selection must have finished (GLPK's tm_lim on every solve is the time left), and the
    /// master solves one level may take (each adds at least one new panel, so a converging level stays far
    /// below it). Both turn an input that would not finish into `Failure.solver` (`PanelError.solver` for the
    /// app) instead of an HTTP request or demo seeding that never returns.
    let deadline: Date
    static let maxMasterSolvesPerLevel = 20_000

    /// `timeLimit` is in seconds from now.
    init(_ model: PanelModel, timeLimit: Double = PanelSelection.defaultTimeLimit) throws {
        self.model = model
        deadline = Date(timeIntervalSinceNow: timeLimit)
        pricing = try model.typeProgram()
        pricing.deadline = deadline
    }

    /// Adds a panel unless it is already known; says whether it was new.
    @discardableResult
    mutating func add(_ counts: [Int]) -> Bool {
        guard known.insert(counts).inserted else { return false }
        portfolio.append(counts)
        return true
    }

    /// The feasible panel with the largest Σ_t weight_t × m_t, and that sum. The weights are scaled so the largest is
    /// 1 before they reach GLPK, so that its absolute tolerances do not swallow small duals.
    func bestPanel(weights: [Double]) throws -> (counts: [Int], value: Double) {
        let top = weights.map(abs).max() ?? 0
        let scale = top > 0 ? 1 / top : 1
        for (t, w) in weights.enumerated() { pricing.setObjective(t, w * scale) }
        let solution = try pricing.integerOptimum()
        let counts = (0..<model.types.count).map { Int(solution.values[$0]) }
        let value = zip(weights, counts).reduce(0) { $0 + $1.0 * Double($1.1) }
        return (counts, value)
    }

    /// The master LP with its rows set for this level and a column for every panel in the portfolio. A row whose
    /// type has just been fixed loses its z coefficient and gets the fixed value as its lower bound; the basis is
    /// kept, so the simplex method goes on from where the last level stopped.
    private mutating func master(fixed: [Double?], active: [Bool]) throws -> (LinearProgram, Int, Int) {
        let typeCount = model.types.count
        let wanted: [RowState] = (0..<typeCount).map { t in
            if let f = fixed[t] { .fixed(f) } else if active[t] { .inMinimum } else { .unconstrained }
        }
        let lp: LinearProgram
        if let existing = masterLP {
            lp = existing
        } else {
            lp = LinearProgram(maximize: true)
            lp.deadline = deadline
            try lp.addColumn(lower: 0, upper: nil, objective: 1)
            for _ in 0..<typeCount { try lp.addRow([], lower: nil, upper: nil) }
            try lp.addRow([], lower: nil, upper: 1)
            masterLP = lp
            masterRows = Array(repeating: .unconstrained, count: typeCount)
        }
        try addColumns()
        var columnsOfType = Array(repeating: [(column: Int, coefficient: Double)](), count: typeCount)
        var changed = false
        for t in 0..<typeCount where wanted[t] != masterRows[t] {
            if !changed {
                for (i, panel) in portfolio.enumerated() {
                    for (type, m) in panel.enumerated() where m > 0 {
                        columnsOfType[type].append((masterColumns[i], Double(m) / Double(model.types[type].count)))
                    }
                }
                changed = true
            }
            switch wanted[t] {
            case .inMinimum:
                try lp.setRow(t, columnsOfType[t] + [(0, -1)], lower: 0, upper: nil)
            case .fixed(let f):
                try lp.setRow(t, columnsOfType[t], lower: f, upper: nil)
            case .unconstrained:
                try lp.setRow(t, columnsOfType[t], lower: nil, upper: nil)
            }
            masterRows[t] = wanted[t]
        }
        return (lp, 0, typeCount)
    }

    /// More panels from one master solve (sortition-algorithms' maximin does the same): the weights of the types on
    /// the panel just found are cut by `extraScale` and the pricing ILP asked again, up to `extraColumns` times; a
    /// panel joins if it is new and would still improve the LP at the true duals (Σ weight × m > cap). A master
    /// solve costs several pricing solves, so this saves time; it never changes the result.
    private mutating func addMoreColumns(weights: [Double], cap: Double, after first: [Int]) throws {
        var perturbed = weights
        var last = first
        for _ in 0..<Self.extraColumns {
            for t in last.indices where last[t] > 0 { perturbed[t] *= Self.extraScale }
            let (counts, _) = try bestPanel(weights: perturbed)
            let value = zip(weights, counts).reduce(0) { $0 + $1.0 * Double($1.1) }
            guard value > cap + Self.columnTolerance, add(counts) else { return }
            last = counts
        }
    }

    /// How many extra panels one master solve may bring, and how much the weights of a panel's types are cut
    /// before asking for the next.
    static let extraColumns = 8
    static let extraScale = 0.5

    /// Gives every portfolio panel not yet in the master LP its column.
    private mutating func addColumns() throws {
        guard let lp = masterLP else { return }
        let total = model.types.count
        while masterColumns.count < portfolio.count {
            masterColumns.append(try lp.addColumn(column(portfolio[masterColumns.count]) + [(total, 1)]))
        }
    }

    /// A type's probability in each panel: m_t / c_t, as (type, value) for the types on it.
    func column(_ counts: [Int]) -> [(row: Int, coefficient: Double)] {
        counts.enumerated().compactMap { t, m in m > 0 ? (t, Double(m) / Double(model.types[t].count)) : nil }
    }

    /// The outcome of one level: the optimal z, the duals y_t (per type; 0 for fixed and inactive types), the
    /// lottery over `portfolio` (x, same order) and whether the duals are strictly complementary.
    struct Level {
        var z: Double
        var duals: [Double]
        var weights: [Double]
        var strict: Bool
    }

    /// Solves one level. `fixed[t]` is the probability a type is held at; `active[t]` says whether a free type takes
    /// part in the minimum (maximin leaves out types that are on no feasible panel). With `strict`, once the
    /// column generation has converged the LP is solved once more by the interior-point method so that the duals
    /// are positive exactly for the types whose probability is z in every optimal lottery (strict
    /// complementarity); those duals are priced too, and the loop goes on if they find a new panel. Throws
    /// `LinearProgram.Failure.infeasible` when the fixed probabilities cannot all be met (rounding: see
    /// `PanelLeximin`).
    mutating func solveLevel(fixed: [Double?], active: [Bool], strict: Bool) throws -> Level {
        let typeCount = model.types.count
        let (lp, z, total) = try master(fixed: fixed, active: active)

        func duals(_ solution: LinearProgram.Solution) -> (y: [Double], cap: Double) {
            // GLPK's row dual is the objective's rate of change with the row's bound: ≤ 0 on a binding ≥ row of a
            // maximisation, ≥ 0 on a binding ≤ row.
            let y = (0..<typeCount).map { t in fixed[t] == nil && active[t] ? max(0, -solution.duals[t]) : 0 }
            return (y, max(0, solution.duals[total]))
        }
        func pricingWeights(_ solution: LinearProgram.Solution) -> ([Double], Double) {
            let y = (0..<typeCount).map { t in max(0, -solution.duals[t]) / Double(model.types[t].count) }
            return (y, max(0, solution.duals[total]))
        }

        var solves = 0
        while true {
            solves += 1
            guard solves <= Self.maxMasterSolvesPerLevel else {
                throw LinearProgram.Failure.solver(
                    "column generation did not converge in \(Self.maxMasterSolvesPerLevel) master solves "
                        + "(\(portfolio.count) panels)")
            }
            guard Date() < deadline else {
                throw LinearProgram.Failure.solver(
                    "time limit reached after \(portfolio.count) panels; the quotas may be too many or too tight")
            }
            let solution = try lp.simplex()
            let (weights, cap) = pricingWeights(solution)
            let (counts, value) = try bestPanel(weights: weights)
            if value > cap + Self.columnTolerance, add(counts) {
                try addMoreColumns(weights: weights, cap: cap, after: counts)
                try addColumns()
                continue
            }
            var level = Level(
                z: solution.values[z], duals: duals(solution).y, weights: masterColumns.map { solution.values[$0] },
                strict: false)
            guard strict else { return level }
            guard let inner = try? lp.interior() else { return level }
            let (innerWeights, innerCap) = pricingWeights(inner)
            let (innerCounts, innerValue) = try bestPanel(weights: innerWeights)
            if innerValue > innerCap + Self.columnTolerance, add(innerCounts) {
                try addColumns()
                continue
            }
            level.duals = duals(inner).y
            level.strict = true
            return level
        }
    }
}
