/// LEXIMIN (Flanigan et al., Nature 2021): among all lotteries over feasible panels, the one whose lowest selection
/// probability is largest, then the second lowest, and so on. The outer loop runs one column-generation level (see
/// `PanelColumnGeneration`) per step: maximise the smallest probability z of the types not yet fixed, with the
/// fixed ones held at their values. A type whose dual y_t is positive has probability z in every optimal lottery
/// (strict complementarity; Pelessoni 1998, Theorem 3.3, as sortition-algorithms cites), so it is fixed at z; the
/// interior-point duals are positive for all such types at once, so a step usually fixes many. At least one type is
/// fixed per step (the free duals sum to 1). When every type is fixed, a last LP over the portfolio finds the
/// lottery: minimise the largest shortfall ε with Σ_P x_P m_t(P)/c_t ≥ f_t − ε, Σ x = 1.
///
/// Types on no feasible panel are fixed at 0 from the start. Rounding can make a later level's fixed values
/// impossible to meet together; then every fixed value is lowered by `relaxStep` and the level solved again, as the
/// reference does (it lowers by 1e-4).
enum PanelLeximin {
    /// A free type's dual above this fixes its probability. Duals of the free types sum to 1; the interior-point
    /// solution puts duals of types that could still rise at about 1e-9 or below.
    static let fixTolerance = 1e-6
    /// How far fixed probabilities are lowered when rounding has made them infeasible together.
    static let relaxStep = 1e-7
    /// Panels whose weight in the final lottery is below this are dropped and the rest renormalised.
    static let weightFloor = 1e-10

    /// Type probabilities (leximin) and the lottery over the generation's portfolio that realises them.
    static func solve(_ generation: inout PanelColumnGeneration, covered: [Bool]) throws -> [Double] {
        let typeCount = generation.model.types.count
        var fixed: [Double?] = covered.map { $0 ? nil : 0 }
        let active = Array(repeating: true, count: typeCount)
        var relaxations = 0
        while fixed.contains(where: { $0 == nil }) {
            let level: PanelColumnGeneration.Level
            do {
                level = try generation.solveLevel(fixed: fixed, active: active, strict: true)
            } catch LinearProgram.Failure.infeasible {
                relaxations += 1
                guard relaxations <= 1000 else { throw LinearProgram.Failure.infeasible }
                fixed = fixed.map { $0.map { max(0, $0 - relaxStep) } }
                continue
            }
            let free = (0..<typeCount).filter { fixed[$0] == nil }
            var fixing = free.filter { level.duals[$0] > fixTolerance }
            if fixing.isEmpty, let top = free.max(by: { level.duals[$0] < level.duals[$1] }) { fixing = [top] }
            for t in fixing { fixed[t] = max(0, level.z) }
        }
        return try finalWeights(generation, fixed: fixed.map { $0 ?? 0 })
    }

    /// The lottery over the portfolio closest to the fixed probabilities (minimise the largest shortfall).
    static func finalWeights(_ generation: PanelColumnGeneration, fixed: [Double]) throws -> [Double] {
        let lp = LinearProgram(maximize: false)
        lp.deadline = generation.deadline
        let shortfall = try lp.addColumn(lower: 0, upper: nil, objective: 1)
        for f in fixed { try lp.addRow([(shortfall, 1)], lower: f, upper: nil) }
        let total = try lp.addRow([], lower: 1, upper: 1)
        let columns = try generation.portfolio.map { try lp.addColumn(generation.column($0) + [(total, 1)]) }
        let solution = try lp.simplex()
        return normalised(columns.map { solution.values[$0] })
    }

    /// Clips to [0, 1], drops weights under `weightFloor` and rescales to sum 1.
    static func normalised(_ weights: [Double]) -> [Double] {
        let clipped = weights.map { $0 < weightFloor ? 0 : min(1, $0) }
        let sum = clipped.reduce(0, +)
        return sum > 0 ? clipped.map { $0 / sum } : clipped
    }
}
