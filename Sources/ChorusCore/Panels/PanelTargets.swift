import Foundation

/// Selection targets worked out from shares of the population (for example each ward's share of the borough's
/// residents): each feature's expected seats, share × panel size, rounded down for the minimum and up for the
/// maximum, widened by `slack` seats either way (never below 0 or above the panel size). Rounding down and up keeps
/// the targets jointly achievable: the minimums sum to at most the panel size and the maximums to at least it.
public enum PanelTargets {
    public static func fromShares(category: String, shares: [(feature: String, count: Double)], panelSize: Int, slack: Int = 1)
        -> [PanelQuota]
    {
        let total = shares.reduce(0) { $0 + max(0, $1.count) }
        guard total > 0, panelSize > 0 else { return [] }
        return shares.map { s in
            let expected = max(0, s.count) / total * Double(panelSize)
            let low = max(0, Int(expected.rounded(.down)) - slack)
            let high = min(panelSize, Int(expected.rounded(.up)) + slack)
            return PanelQuota(category: category, feature: s.feature, min: low, max: high)
        }
    }

    /// Quotas for features the pool has but the targets leave out (0 to the panel size each), so nobody is left out of
    /// the draw only because nobody wrote a line for their answer; returned to be shown beside the typed targets.
    public static func missing(for quotas: [PanelQuota], pool: [PanelVolunteer], panelSize: Int) -> [PanelQuota] {
        var out: [PanelQuota] = []
        for category in PanelAuditFiles.categories(of: quotas) {
            let named = Set(quotas.filter { $0.category == category }.map(\.feature))
            let present = Set(pool.compactMap { $0.features[category] })
            for f in present.subtracting(named).sorted() { out.append(PanelQuota(category: category, feature: f, min: 0, max: panelSize)) }
        }
        return out
    }
}
