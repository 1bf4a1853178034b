import ChorusCore

/// A day as staff pages write it: "6 Dec 2026" (resident pages spell the month in the reader's language).
enum DayText {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static func long(_ d: Day) -> String {
        let c = d.components
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }
}
