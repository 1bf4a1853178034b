import Foundation

/// The ladder of engagement (IAP2 spectrum), lowest to highest.
public enum LadderLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case inform, consult, involve, collaborate, empower

    /// Whether residents are asked for input (everything above "inform"); used by the fatigue index.
    public var asksForInput: Bool { self != .inform }

    public static func < (a: LadderLevel, b: LadderLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How an activity reaches people.
public enum EngagementMethod: String, CaseIterable, Codable, Sendable {
    case survey, doorstep, focusGroup = "focus_group", publicMeeting = "public_meeting", deliberativeEvent = "deliberative_event"
    case citizensPanel = "citizens_panel", onlineForum = "online_forum", coDesignWorkshop = "co_design_workshop", dropIn = "drop_in"
    case interview, streetStall = "street_stall", workshop, other
}

/// Where an activity is in its life.
public enum ActivityStatus: String, CaseIterable, Codable, Sendable {
    case draft, planned, open, closed, reported

    /// Drafts are private working copies: they take no part in overlap warnings, fatigue or public pages.
    public var isLive: Bool { self != .draft }
}

/// A calendar day (UTC), the unit activity dates are kept in. Text form YYYY-MM-DD.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    public init(_ date: Date) { ordinal = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// Exactly `yyyy-mm-dd` in digits: "2025-02--15", "-2025-02-15" and "2025-+2-15" are not days (the fuzz checks
    /// found them read as 15 February; docs/fuzzing.md).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].utf8.count == 4, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1900...2200).contains(y), (1...12).contains(m), (1...Day.daysIn(month: m, year: y)).contains(d)
        else { return nil }
        ordinal = Day.civilToDays(y, m, d)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(ordinal) * 86_400) }
    public var components: (year: Int, month: Int, day: Int) { Day.daysToCivil(ordinal) }
    public var description: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
    static func civilToDays(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysToCivil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A calendar quarter (Jan–Mar = 1).
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) { self.year = year; self.number = number }
    public init(containing day: Day) {
        let c = day.components
        year = c.year
        number = (c.month - 1) / 3 + 1
    }

    public var first: Day { Day(ordinal: Day.civilToDays(year, (number - 1) * 3 + 1, 1)) }
    public var last: Day { next.first.adding(days: -1) }
    public var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1) }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }
    public var description: String { "\(year) Q\(number)" }
    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}
