import Foundation

/// Bank holidays in England and Wales, for deadlines that move to the next working day (a subject access request
/// due on Christmas Day is due on the next working day). The regular rules of the Banking and Financial Dealings Act
/// 1971 and the annual proclamations, with substitute days when a fixed holiday falls at a weekend, plus the one-off
/// days proclaimed since 2000. A new one-off day must be added to `oneOff` when it is proclaimed.
public enum BankHolidays {
    /// One-off and moved bank holidays: the early May holiday moved to 8 May (VE Day) in 2020, the spring
    /// holiday moved to early June for the jubilees, and the special days.
    static let moved: [Int: (remove: [Day], add: [Day])] = [
        2002: ([Day(year: 2002, month: 5, day: 27)], [Day(year: 2002, month: 6, day: 3), Day(year: 2002, month: 6, day: 4)]),
        2011: ([], [Day(year: 2011, month: 4, day: 29)]),
        2012: ([Day(year: 2012, month: 5, day: 28)], [Day(year: 2012, month: 6, day: 4), Day(year: 2012, month: 6, day: 5)]),
        2020: ([Day(year: 2020, month: 5, day: 4)], [Day(year: 2020, month: 5, day: 8)]),
        2022: (
            [Day(year: 2022, month: 5, day: 30)],
            [Day(year: 2022, month: 6, day: 2), Day(year: 2022, month: 6, day: 3), Day(year: 2022, month: 9, day: 19)]
        ),
        2023: ([], [Day(year: 2023, month: 5, day: 8)]),
    ]

    /// The bank holidays of one year in England and Wales, in date order.
    public static func englandAndWales(year: Int) -> [Day] {
        let easter = Easter.sunday(year: year)
        var days: Set<Day> = [
            easter.adding(days: -2), easter.adding(days: 1),
            firstMonday(year: year, month: 5), lastMonday(year: year, month: 5), lastMonday(year: year, month: 8),
        ]
        // New Year's Day, Christmas Day and Boxing Day: one at a weekend moves to the next weekday not already a
        // holiday (Christmas on a Saturday: Monday 27th and Tuesday 28th).
        let fixed = [Day(year: year, month: 1, day: 1), Day(year: year, month: 12, day: 25), Day(year: year, month: 12, day: 26)]
        for d in fixed where d.isoWeekday <= 5 { days.insert(d) }
        for d in fixed where d.isoWeekday > 5 {
            var s = d
            while s.isoWeekday > 5 || days.contains(s) { s = s.adding(days: 1) }
            days.insert(s)
        }
        if let m = moved[year] {
            days.subtract(m.remove)
            days.formUnion(m.add)
        }
        return days.sorted()
    }

    /// Not a Saturday, Sunday or England and Wales bank holiday.
    public static func isWorkingDay(_ day: Day) -> Bool {
        day.isoWeekday <= 5 && !englandAndWales(year: day.components.year).contains(day)
    }

    /// The day itself when it is a working day, else the next working day.
    public static func nextWorkingDay(onOrAfter day: Day) -> Day {
        var d = day
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    static func firstMonday(year: Int, month: Int) -> Day {
        let first = Day(year: year, month: month, day: 1)
        return first.adding(days: (8 - first.isoWeekday) % 7)
    }

    static func lastMonday(year: Int, month: Int) -> Day {
        let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
        return last.adding(days: -((last.isoWeekday + 6) % 7))
    }
}
