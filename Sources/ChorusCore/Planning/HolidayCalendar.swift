import Foundation

/// An inclusive range of days.
public struct DayRange: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public let from: Day
    public let to: Day

    /// `to` earlier than `from` is swapped, so a range is never empty.
    public init(from: Day, to: Day) {
        self.from = min(from, to)
        self.to = max(from, to)
    }

    public var days: Int { to.ordinal - from.ordinal + 1 }
    public func contains(_ d: Day) -> Bool { from <= d && d <= to }
    /// The days both ranges share, or nil.
    public func intersection(_ other: DayRange) -> DayRange? {
        let a = max(from, other.from), b = min(to, other.to)
        return a <= b ? DayRange(from: a, to: b) : nil
    }
    public var description: String { "\(from)–\(to)" }
}

/// Easter Sunday (Gregorian calendar, as used by the Church of England and for English bank holidays).
public enum Easter {
    /// The anonymous Gregorian algorithm (Meeus/Jones/Butcher). Easter Sunday falls between 22 March and 25 April.
    public static func sunday(year: Int) -> Day {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year: year, month: month, day: day)
    }
}

/// A holiday period during which fewer people can respond to a consultation. Data, not code: a place can
/// replace the defaults with its own school term dates.
public struct HolidayPeriod: Sendable, Equatable, Codable {
    public enum Rule: Sendable, Equatable, Codable {
        /// Every year from one month/day to another, inclusive; wraps into the next year when the end is
        /// earlier than the start (24 December to 2 January).
        case annual(startMonth: Int, startDay: Int, endMonth: Int, endDay: Int)
        /// Every year, days relative to Easter Sunday (Good Friday is -2, Easter Monday +1).
        case easter(fromOffset: Int, toOffset: Int)
        /// Once, on fixed dates (for example one year's school Easter holiday).
        case dates(from: Day, to: Day)
    }

    public let name: String
    public let rule: Rule

    public init(name: String, rule: Rule) {
        self.name = name
        self.rule = rule
    }

    /// The occurrences of this holiday that share at least one day with `range`, in date order.
    public func occurrences(overlapping range: DayRange) -> [DayRange] {
        switch rule {
        case .dates(let a, let b):
            let r = DayRange(from: a, to: b)
            return r.intersection(range) == nil ? [] : [r]
        case .annual, .easter:
            let first = range.from.components.year - 1, last = range.to.components.year
            return (first...last).compactMap { year -> DayRange? in
                let r = occurrence(in: year)
                return r.intersection(range) == nil ? nil : r
            }
        }
    }

    /// The occurrence that starts in `year` (annual and Easter rules).
    func occurrence(in year: Int) -> DayRange {
        switch rule {
        case let .annual(sm, sd, em, ed):
            let start = Day(year: year, month: sm, day: sd)
            let wraps = (em, ed) < (sm, sd)
            return DayRange(from: start, to: Day(year: wraps ? year + 1 : year, month: em, day: ed))
        case let .easter(a, b):
            let sunday = Easter.sunday(year: year)
            return DayRange(from: sunday.adding(days: a), to: sunday.adding(days: b))
        case let .dates(a, b):
            return DayRange(from: a, to: b)
        }
    }
}

/// The holiday periods consultations are checked against.
public struct HolidayCalendar: Sendable, Equatable, Codable {
    public var periods: [HolidayPeriod]

    public init(periods: [HolidayPeriod]) { self.periods = periods }

    /// Defaults for England: school summer holidays (20 July to 31 August), Christmas and New Year (24 December
    /// to 2 January), and Easter (a week either side of Easter Sunday, covering Good Friday, Easter Monday and
    /// most school Easter holidays). Replace with local term dates where they differ.
    public static let england = HolidayCalendar(periods: [
        HolidayPeriod(name: "the school summer holidays", rule: .annual(startMonth: 7, startDay: 20, endMonth: 8, endDay: 31)),
        HolidayPeriod(name: "Christmas and New Year", rule: .annual(startMonth: 12, startDay: 24, endMonth: 1, endDay: 2)),
        HolidayPeriod(name: "Easter", rule: .easter(fromOffset: -7, toOffset: 7)),
    ])
}

/// A pre-election period ("purdah"): from the notice of election to polling day, when publicity about
/// controversial matters is restricted (Code of Recommended Practice on Local Authority Publicity).
public struct ElectionPeriod: Sendable, Equatable, Codable {
    public let name: String
    public let range: DayRange

    public init(name: String, from: Day, to: Day) {
        self.name = name
        self.range = DayRange(from: from, to: to)
    }
}
