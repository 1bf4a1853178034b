/// Maximin (Flanigan et al., Nature 2021; sortition-algorithms' default): the lottery over feasible panels whose
/// lowest selection probability is largest, over the volunteers who are on some feasible panel (the others cannot
/// be chosen at all). It is the first level of LEXIMIN (`PanelColumnGeneration.solveLevel`) with the simplex
/// solution kept as the lottery: the minimum is optimal, but nothing lifts the probabilities above it, so they may
/// be more uneven than LEXIMIN's.
enum PanelMaximin {
    static func solve(_ generation: inout PanelColumnGeneration, covered: [Bool]) throws -> [Double] {
        let fixed = [Double?](repeating: nil, count: generation.model.types.count)
        let level = try generation.solveLevel(fixed: fixed, active: covered, strict: false)
        // Panels added after the last LP solve have no weight in it.
        let weights = level.weights + Array(repeating: 0, count: generation.portfolio.count - level.weights.count)
        return PanelLeximin.normalised(weights)
    }
}
