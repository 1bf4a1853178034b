import Foundation

/// Checks a published selection from its files alone and replays its draw, so anyone can verify what the audit page
/// says (`chorus panel-replay`, docs/panels.md): every panel in the distribution has the right size, names only
/// people in the pool and meets every target; the weights sum to 1; each person's published probability is the sum of
/// the weights of the panels they are in, and the probabilities sum to the panel size; then the seed's draw.
public enum PanelReplay {
    public struct Report: Sendable, Equatable {
        public var problems: [String]
        /// The panel the seed draws, by the pool's ids (pseudonyms), in pool order.
        public var drawn: [String]
        public var ok: Bool { problems.isEmpty }
    }

    public static let tolerance = 1e-6

    public static func check(_ p: PanelProblem, _ d: PanelDistribution, seed: UInt64) -> Report {
        var problems: [String] = []
        let n = p.volunteers.count
        if d.panels.count != d.weights.count { problems.append("\(d.panels.count) panels but \(d.weights.count) weights") }
        if d.probabilities.count != n { problems.append("\(d.probabilities.count) probabilities for a pool of \(n)") }
        if abs(d.weights.reduce(0, +) - 1) > tolerance { problems.append("the weights sum to \(d.weights.reduce(0, +)), not 1") }
        if d.weights.contains(where: { $0 < -tolerance }) { problems.append("a weight is negative") }
        var marginal = [Double](repeating: 0, count: n)
        for (k, panel) in d.panels.enumerated() {
            if panel.count != p.panelSize { problems.append("panel \(k + 1) has \(panel.count) people, not \(p.panelSize)") }
            if Set(panel).count != panel.count { problems.append("panel \(k + 1) names someone twice") }
            guard panel.allSatisfy({ (0..<n).contains($0) }) else {
                problems.append("panel \(k + 1) names someone outside the pool")
                continue
            }
            for q in p.quotas {
                let count = panel.filter { p.volunteers[$0].features[q.category] == q.feature }.count
                if count < q.min || count > q.max {
                    problems.append("panel \(k + 1) has \(count) of \(q.category) \(q.feature), outside \(q.min)–\(q.max)")
                }
            }
            if p.keepHouseholdsApart {
                let households = panel.compactMap { p.volunteers[$0].household }.filter { !$0.isEmpty }
                if Set(households).count != households.count { problems.append("panel \(k + 1) has two people of one household") }
            }
            if k < d.weights.count { for i in panel { marginal[i] += d.weights[k] } }
        }
        if d.probabilities.count == n {
            for i in 0..<n where abs(marginal[i] - d.probabilities[i]) > tolerance {
                problems.append("\(p.volunteers[i].id): published probability \(d.probabilities[i]), but the panels give \(marginal[i])")
            }
            if abs(d.probabilities.reduce(0, +) - Double(p.panelSize)) > 1e-4 {
                problems.append("the probabilities sum to \(d.probabilities.reduce(0, +)), not \(p.panelSize)")
            }
        }
        let drawn = problems.isEmpty ? PanelSelection.draw(d, seed: seed).sorted().map { p.volunteers[$0].id } : []
        return Report(problems: Array(problems.prefix(50)), drawn: drawn)
    }
}
