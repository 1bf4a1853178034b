import Foundation

/// Counts for a briefing or report with small numbers suppressed (DESIGN.md §6: counts under 5 are never shown).
///
/// Primary suppression hides every count from 1 to 4. When a table also shows its total, hiding a single cell is
/// not enough (total minus the others gives it back), so secondary suppression then also hides the next smallest
/// shown cell. Zero is shown: "no one" identifies no one.
public struct SuppressedCount: Sendable, Equatable {
    /// nil when hidden.
    public let value: Int?
    /// Hidden only so that a small count elsewhere in the table cannot be worked out (the count itself may be large).
    public let isSecondary: Bool
    public var isHidden: Bool { value == nil }
    public init(_ value: Int?, secondary: Bool = false) { self.value = value; self.isSecondary = value == nil && secondary }

    /// "12", "0", "fewer than 5", or for a secondary suppression "not shown" (so it is not mistaken for a small count).
    public func text(fewer: String = "fewer than 5", notShown: String = "not shown") -> String {
        value.map(String.init) ?? (isSecondary ? notShown : fewer)
    }
}

public enum SmallNumberTable {
    /// Suppresses the cells of one table. `totalShown`: the table also shows the sum of the cells.
    public static func suppress(_ counts: [Int], totalShown: Bool) -> [SuppressedCount] {
        var hidden = counts.map { SmallNumbers.shown($0) == nil }
        var secondary = counts.map { _ in false }
        if totalShown {
            let hiddenCount = hidden.filter { $0 }.count
            if hiddenCount == 1 {
                // Hide the smallest other non-zero cell too, so neither can be worked out from the total.
                let candidates = counts.indices.filter { !hidden[$0] && counts[$0] > 0 }
                if let next = candidates.min(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }) {
                    hidden[next] = true; secondary[next] = true
                }
            }
        }
        return counts.indices.map { hidden[$0] ? SuppressedCount(nil, secondary: secondary[$0]) : SuppressedCount(counts[$0]) }
    }

    /// A total on its own: hidden when 1–4.
    public static func total(_ n: Int) -> SuppressedCount { SuppressedCount(SmallNumbers.shown(n)) }

    /// Suppresses labelled counts, keeping the labels in order.
    public static func suppress(_ rows: [(label: String, count: Int)], totalShown: Bool) -> [(label: String, count: SuppressedCount)] {
        let s = suppress(rows.map(\.count), totalShown: totalShown)
        return zip(rows, s).map { ($0.0.label, $0.1) }
    }
}
