import Foundation

/// How current a directory entry is. An entry someone last checked over a year ago is where a group has folded or a
/// venue has lost its lift: it is shown as out of date, and its owner is reminded a month before that happens.
public enum DirectoryFreshness: String, Sendable, Equatable, CaseIterable {
    case current
    /// Within `reminderDays` of going out of date: the owner is asked to check it.
    case dueSoon = "due_soon"
    case stale

    public static let staleAfterDays = 365
    public static let reminderDays = 30

    /// The state on `today` of an entry last assured on `assuredDay` (both days since 1970-01-01).
    public static func of(assuredDay: Int, today: Int) -> DirectoryFreshness {
        let age = today - assuredDay
        if age >= staleAfterDays { return .stale }
        if age >= staleAfterDays - reminderDays { return .dueSoon }
        return .current
    }

    /// The last day an entry assured on `assuredDay` counts as current.
    public static func lastCurrentDay(assuredDay: Int) -> Int { assuredDay + staleAfterDays - 1 }
}
