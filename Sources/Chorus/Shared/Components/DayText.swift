import ChorusCore

/// A day as staff pages write it: "6 Dec 2026" (resident pages spell the month in the reader's language).
enum DayText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static func long(_ d: Day) -> String {
        let c = d.components
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    /// A day as residents' pages write it, the month in the reader's language: "6 December 2026".
    static func local(_ d: Day, _ ctx: PageContext) -> String {
        let c = d.components
        return "\(c.day) \(ctx.t("month.\(c.month)")) \(c.year)"
    }
}
