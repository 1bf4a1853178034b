import Foundation

/// Calendar arithmetic the planning rules need on top of `Day`.
extension Day {
    /// The day `months` calendar months later (or earlier, when negative). When the target month is shorter, the
    /// result is that month's last day: 31 August + 3 months = 30 November; 30 November + 3 months = 28 February
    /// (29 in a leap year).
    public func adding(months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let year = Int((Double(total) / 12).rounded(.down))
        let month = total - year * 12 + 1
        return Day(year: year, month: month, day: Swift.min(c.day, Day.daysIn(month: month, year: year)))
    }

    /// A day from its parts. The day is clamped to the month, so `Day(year: 2025, month: 2, day: 31)` is 28 Feb 2025.
    public init(year: Int, month: Int, day: Int) {
        let m = Swift.max(1, Swift.min(12, month))
        let d = Swift.max(1, Swift.min(day, Day.daysIn(month: m, year: year)))
        self.init(ordinal: Day.civilToDays(year, m, d))
    }

    /// Monday = 1 … Sunday = 7 (ISO 8601).
    public var isoWeekday: Int { ((ordinal + 3) % 7 + 7) % 7 + 1 }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }
}
