/// The first panels of a column generation: a varied set so that the master LP starts close to its optimum, and
/// every type that can be on some panel is on one of them (sortition-algorithms' `generate_initial_committees`).
/// Multiplicative weights: each round takes the panel of largest total weight, then makes the people on it 20% less
/// attractive (a type's weight falls by 20% × the share of its people on the panel), or evens all weights out a
/// little when the panel was found before. The start weights are seeded random numbers in [0.99, 1), so the
/// portfolio depends on the seed only. The reference runs 3 × pool-size rounds for LEXIMIN; over types far fewer
/// are needed (`rounds`), since column generation adds whatever is missing.
enum PanelPortfolioStart {
    static func rounds(typeCount: Int) -> Int { min(max(typeCount, 10), 150) }

    /// Fills `generation`'s portfolio; returns which types are on some feasible panel.
    static func fill(_ generation: inout PanelColumnGeneration, seed: UInt64) throws -> [Bool] {
        let model = generation.model
        let typeCount = model.types.count
        var random = SeededRandom(state: seed)
        var weights = (0..<typeCount).map { _ in 0.99 + 0.01 * unitInterval(&random) }
        for _ in 0..<rounds(typeCount: typeCount) {
            let (counts, _) = try generation.bestPanel(weights: weights)
            if generation.add(counts) {
                for t in 0..<typeCount where counts[t] > 0 {
                    weights[t] *= 1 - 0.2 * Double(counts[t]) / Double(model.types[t].count)
                }
            } else {
                weights = weights.map { 0.9 * $0 + 0.1 }
            }
            let sum = weights.reduce(0, +)
            weights = weights.map { $0 * Double(typeCount) / sum }
        }
        var covered = Array(repeating: false, count: typeCount)
        for panel in generation.portfolio { for t in 0..<typeCount where panel[t] > 0 { covered[t] = true } }
        for t in 0..<typeCount where !covered[t] {
            var only = Array(repeating: 0.0, count: typeCount)
            only[t] = 1
            let (counts, _) = try generation.bestPanel(weights: only)
            guard counts[t] > 0 else { continue }
            generation.add(counts)
            for u in 0..<typeCount where counts[u] > 0 { covered[u] = true }
        }
        return covered
    }

    /// A uniform number in [0, 1) from the top 53 bits.
    static func unitInterval(_ random: inout SeededRandom) -> Double { Double(random.next() >> 11) * 0x1p-53 }
}
