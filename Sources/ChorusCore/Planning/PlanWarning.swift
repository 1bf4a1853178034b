import Foundation

/// Something an officer should know about a plan, and what to do about it. Every planning check (the ladder
/// advisor, equality and DPIA screening, Gunning, duration, holidays, elections, VCSE notice) reports in this
/// one shape so the web layer can list them together, most serious first.
public struct PlanWarning: Sendable, Equatable, Hashable, Codable {
    public enum Severity: String, CaseIterable, Codable, Sendable, Comparable {
        /// Worth knowing; nothing has to change.
        case info
        /// Should be acted on or explained before the plan is signed off.
        case warning
        /// As planned, the engagement is likely to be unlawful or to break a promise made to residents.
        case critical

        public static func < (a: Severity, b: Severity) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Stable identifier, e.g. `duration.under_6_weeks`; for tests, styling and analytics, never shown.
    public let code: String
    public let severity: Severity
    /// What is wrong, as a complete sentence.
    public let message: String
    /// What to do about it, as a complete sentence (an instruction).
    public let action: String
    /// The plan or form field the warning is about, when there is one (for linking from an error summary).
    public let field: String?

    public init(code: String, severity: Severity, message: String, action: String, field: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.action = action
        self.field = field
    }
}

extension Array where Element == PlanWarning {
    /// Most serious first; ties keep their original order.
    public func bySeverity() -> [PlanWarning] {
        enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }
}

/// Dates in sentences for officers: "Tuesday 24 December 2024".
enum PlanText {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
    static let weekdayNames = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]

    static func long(_ day: Day) -> String {
        let c = day.components
        let weekday = weekdayNames[((day.ordinal % 7) + 7) % 7]  // 1970-01-01 was a Thursday
        return "\(weekday) \(c.day) \(monthNames[c.month - 1]) \(c.year)"
    }

    static func short(_ day: Day) -> String {
        let c = day.components
        return "\(c.day) \(monthNames[c.month - 1]) \(c.year)"
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    /// "6 weeks", "6 weeks and 3 days", "4 days".
    static func weeksAndDays(_ n: Int) -> String {
        let w = n / 7, d = n % 7
        let weeks = w == 1 ? "1 week" : "\(w) weeks"
        if w == 0 { return days(d) }
        return d == 0 ? weeks : "\(weeks) and \(days(d))"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
