import Foundation

/// How often a saved analysis runs again by itself. Runs are at night, UTC, so they do not compete with the day's
/// work: every day at 02:00, or every Monday at 02:00.
public enum AnalysisFrequency: String, CaseIterable, Sendable {
    case daily, weekly

    public static let hourUTC = 2

    public var label: String {
        switch self {
        case .daily: "Every night (02:00 UTC)"
        case .weekly: "Every week (Monday, 02:00 UTC)"
        }
    }

    /// The first run time strictly after `now`.
    public func next(after now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let startOfDay = calendar.startOfDay(for: now)
        var candidate = startOfDay.addingTimeInterval(TimeInterval(Self.hourUTC * 3600))
        if candidate <= now { candidate = candidate.addingTimeInterval(86_400) }
        if self == .weekly {
            // Gregorian weekday: 1 = Sunday, 2 = Monday.
            let weekday = calendar.component(.weekday, from: candidate)
            candidate = candidate.addingTimeInterval(TimeInterval(((2 - weekday + 7) % 7) * 86_400))
        }
        return candidate
    }
}
