import Testing
import Foundation
@testable import ChorusCore

private func day(_ s: String) -> Day { Day(iso: s)! }
private let noHolidays = HolidayCalendar(periods: [])

@Suite struct DayArithmeticTests {
    @Test func addingMonthsEndsOnTheLastDayOfAShorterMonth() {
        #expect(day("2025-08-31").adding(months: 3) == day("2025-11-30"))
        #expect(day("2025-11-30").adding(months: 3) == day("2026-02-28"))
        #expect(day("2023-11-30").adding(months: 3) == day("2024-02-29"), "leap year")
        #expect(day("2024-02-29").adding(months: 12) == day("2025-02-28"))
        #expect(day("2026-01-15").adding(months: -3) == day("2025-10-15"))
        #expect(day("2026-05-31").adding(months: -3) == day("2026-02-28"))
        #expect(day("2026-12-31").adding(months: 1) == day("2027-01-31"))
        #expect(day("2026-01-31").adding(months: -1) == day("2025-12-31"))
        #expect(Day(year: 2025, month: 2, day: 31) == day("2025-02-28"))
        #expect(day("1970-01-01").isoWeekday == 4 && day("2026-02-15").isoWeekday == 7 && day("2026-02-16").isoWeekday == 1)
        #expect(PlanText.long(day("2025-12-25")) == "Thursday 25 December 2025")
    }
}

@Suite struct EasterTests {
    @Test func knownEasterSundays() {
        let known = [
            (1900, 4, 15), (2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5),
            (2027, 3, 28), (2038, 4, 25), (2100, 3, 28), (2285, 3, 22),
        ]
        for (y, m, d) in known { #expect(Easter.sunday(year: y) == Day(year: y, month: m, day: d), "\(y)") }
    }

    @Test func easterIsAlwaysASundayBetween22MarchAnd25April() {
        for year in 1583...3000 {
            let e = Easter.sunday(year: year)
            let c = e.components
            #expect(e.isoWeekday == 7 && c.year == year)
            #expect((c.month == 3 && c.day >= 22) || (c.month == 4 && c.day <= 25), "\(e)")
        }
    }
}

@Suite struct ConsultationDurationTests {
    @Test func exactlySixWeeksIsNotWarnedButStillNeedsAReason() throws {
        let a = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-02-15"), holidays: noHolidays)
        #expect(a.days == 42 && a.reasonRequired)
        #expect(a.warnings.map(\.code) == ["duration.reason_required"])
        #expect(a.warnings[0].action.contains("Sunday 29 March 2026"))
        let short = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-02-14"), holidays: noHolidays)
        #expect(short.days == 41 && short.reasonRequired)
        #expect(short.warnings.map(\.code) == ["duration.under_6_weeks"])
        #expect(short.warnings[0].message.contains("5 weeks and 6 days"))
        #expect(
            short.warnings[0].action
                == "Extend the closing date to Sunday 15 February 2026 (6 weeks) or Sunday 29 March 2026 (12 weeks), or record why a shorter period is adequate for the people being asked."
        )
    }

    @Test func underSixWeeksStaysAWarningEvenWithAReason() throws {
        let a = try ConsultationDuration.assess(
            opens: day("2026-01-05"), closes: day("2026-01-25"), shortPeriodReason: "Urgent budget timetable",
            holidays: noHolidays)
        #expect(a.warnings.map(\.code) == ["duration.under_6_weeks"] && a.shortPeriodReason == "Urgent budget timetable")
        #expect(try ConsultationDuration.validateReason(a) == "Urgent budget timetable")
    }

    @Test func twelveWeeksNeedsNoReasonAndOneDayLessDoes() throws {
        let twelve = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-03-29"), holidays: noHolidays)
        #expect(twelve.days == 84 && !twelve.reasonRequired && twelve.warnings.isEmpty)
        #expect(try ConsultationDuration.validateReason(twelve) == nil)
        let under = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-03-28"), holidays: noHolidays)
        #expect(under.days == 83 && under.reasonRequired)
        #expect(throws: FieldError("short_period_reason", "Enter why 11 weeks and 6 days is long enough for this consultation")) {
            try ConsultationDuration.validateReason(under)
        }
        let explained = try ConsultationDuration.assess(
            opens: day("2026-01-05"), closes: day("2026-03-28"), shortPeriodReason: "  Follows a 12-week informal engagement  ",
            holidays: noHolidays)
        #expect(explained.warnings.isEmpty && explained.shortPeriodReason == "Follows a 12-week informal engagement")
        #expect(throws: FieldError.self) {
            try ConsultationDuration.validateReason(
                ConsultationDuration.assess(
                    opens: day("2026-01-05"), closes: day("2026-01-06"),
                    shortPeriodReason: String(repeating: "x", count: 2001), holidays: noHolidays))
        }
    }

    @Test func lengthsCountLeapDays() throws {
        let leap = try ConsultationDuration.assess(opens: day("2024-02-01"), closes: day("2024-04-24"), holidays: noHolidays)
        #expect(leap.days == 84 && !leap.reasonRequired)
        let common = try ConsultationDuration.assess(opens: day("2023-02-01"), closes: day("2023-04-24"), holidays: noHolidays)
        #expect(common.days == 83 && common.reasonRequired)
    }

    @Test func aOneDayConsultationAndAClosingDateBeforeTheOpeningDate() throws {
        #expect(try ConsultationDuration.assess(opens: day("2026-06-01"), closes: day("2026-06-01"), holidays: noHolidays).days == 1)
        #expect(throws: FieldError("closes_on", "The closing date must be the same as or after the opening date")) {
            try ConsultationDuration.assess(opens: day("2026-06-02"), closes: day("2026-06-01"))
        }
    }

    @Test func openEndedConsultationsAreToldToSetAClosingDateAndAreNotCheckedForHolidays() throws {
        let a = try ConsultationDuration.assess(opens: day("2026-07-01"), closes: nil)
        #expect(a.days == nil && !a.reasonRequired && a.holidays.isEmpty)
        #expect(a.warnings.map(\.code) == ["duration.open_ended"] && a.warnings[0].field == "closes_on")
    }
}

@Suite struct HolidayTests {
    @Test func aPeriodEndingOn24DecemberTouchesChristmas() throws {
        let a = try ConsultationDuration.assess(opens: day("2025-11-01"), closes: day("2025-12-24"))
        #expect(a.holidays.map(\.name) == ["Christmas and New Year"])
        #expect(a.holidays[0].overlap == DayRange(from: day("2025-12-24"), to: day("2025-12-24")))
        #expect(a.holidays[0].holiday == DayRange(from: day("2025-12-24"), to: day("2026-01-02")))
        let w = try #require(a.warnings.first { $0.code == "duration.holiday" })
        #expect(w.message == "1 day of the consultation falls in Christmas and New Year (24 December 2025), when fewer people can respond.")
        #expect(
            w.action
                == "Extend the closing date by 1 day, to Thursday 25 December 2025, to make up for the holiday, or record why the period is adequate."
        )
        #expect(try ConsultationDuration.assess(opens: day("2025-11-01"), closes: day("2025-12-23")).holidays.isEmpty)
    }

    @Test func christmasWrapsIntoTheNewYear() throws {
        let a = try ConsultationDuration.assess(opens: day("2026-01-02"), closes: day("2026-03-01"))
        #expect(a.holidays.map(\.name) == ["Christmas and New Year"] && a.holidays[0].overlap.days == 1)
        #expect(try ConsultationDuration.assess(opens: day("2026-01-03"), closes: day("2026-03-01")).holidays.isEmpty)
    }

    @Test func easterInMarchAndEasterInApril() throws {
        // Easter Sunday 31 March 2024: the Easter period is 24 March to 7 April.
        let march = try ConsultationDuration.assess(opens: day("2024-03-01"), closes: day("2024-03-25"))
        #expect(march.holidays.map(\.name) == ["Easter"] && march.holidays[0].overlap.days == 2)
        // The same dates in 2025 (Easter Sunday 20 April) miss Easter entirely…
        #expect(try ConsultationDuration.assess(opens: day("2025-03-01"), closes: day("2025-03-25")).holidays.isEmpty)
        // …which starts on 13 April.
        let april = try ConsultationDuration.assess(opens: day("2025-04-01"), closes: day("2025-04-14"))
        #expect(april.holidays.first?.overlap == DayRange(from: day("2025-04-13"), to: day("2025-04-14")))
        #expect(april.holidays.first?.holiday == DayRange(from: day("2025-04-13"), to: day("2025-04-27")))
    }

    @Test func summerHolidaysStartOn20July() throws {
        let a = try ConsultationDuration.assess(opens: day("2026-06-01"), closes: day("2026-07-20"))
        #expect(a.holidays.map(\.name) == ["the school summer holidays"] && a.holidays[0].overlap.days == 1)
        #expect(try ConsultationDuration.assess(opens: day("2026-06-01"), closes: day("2026-07-19")).holidays.isEmpty)
        let all = try ConsultationDuration.assess(opens: day("2026-07-01"), closes: day("2026-09-30"))
        #expect(all.holidays[0].overlap.days == 43)
        #expect(all.warnings.first { $0.code == "duration.holiday" }?.action.contains("by 43 days, to Thursday 12 November 2026") == true)
    }

    @Test func aLongPeriodMeetsEveryOccurrenceInDateOrder() throws {
        let a = try ConsultationDuration.assess(opens: day("2025-01-01"), closes: day("2026-12-31"))
        #expect(
            a.holidays.map(\.name) == [
                "Christmas and New Year", "Easter", "the school summer holidays", "Christmas and New Year",
                "Easter", "the school summer holidays", "Christmas and New Year",
            ])
        #expect(a.holidays.first?.overlap.days == 2 && a.holidays.last?.overlap.days == 8)
    }

    @Test func holidayPeriodsAreConfigurableData() throws {
        let termDates = HolidayCalendar(periods: [
            HolidayPeriod(name: "half term", rule: .dates(from: day("2026-10-26"), to: day("2026-10-30"))),
            HolidayPeriod(name: "Eid al-Fitr", rule: .dates(from: day("2026-03-20"), to: day("2026-03-20"))),
            HolidayPeriod(name: "Easter weekend", rule: .easter(fromOffset: -2, toOffset: 1)),
        ])
        let a = try ConsultationDuration.assess(opens: day("2026-03-01"), closes: day("2026-04-03"), holidays: termDates)
        #expect(a.holidays.map(\.name) == ["Eid al-Fitr", "Easter weekend"])
        #expect(a.holidays[1].holiday == DayRange(from: day("2026-04-03"), to: day("2026-04-06")))
        let json = try JSONEncoder().encode(termDates)
        #expect(try JSONDecoder().decode(HolidayCalendar.self, from: json) == termDates)
    }
}

@Suite struct ElectionPeriodTests {
    let election = ElectionPeriod(name: "the local elections on 7 May 2026", from: day("2026-03-23"), to: day("2026-05-07"))

    @Test func aConsultationClosingOnTheFirstDayOfThePreElectionPeriodIsWarned() throws {
        let a = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-03-23"), holidays: noHolidays, elections: [election])
        #expect(a.elections.map(\.overlap) == [DayRange(from: day("2026-03-23"), to: day("2026-03-23"))])
        let w = try #require(a.warnings.first { $0.code == "duration.election" })
        #expect(
            w.action
                == "Close it by Sunday 22 March 2026 or open it on or after Friday 8 May 2026, or take the monitoring officer's advice on what can go ahead."
        )
        #expect(
            try ConsultationDuration.assess(opens: day("2026-01-05"), closes: day("2026-03-22"), holidays: noHolidays, elections: [election])
                .elections.isEmpty)
        #expect(
            try ConsultationDuration.assess(opens: day("2026-05-08"), closes: day("2026-08-01"), holidays: noHolidays, elections: [election])
                .elections.isEmpty)
    }

    @Test func anOpenEndedConsultationRunsIntoLaterElectionsOnly() throws {
        let open = try ConsultationDuration.assess(opens: day("2026-01-05"), closes: nil, elections: [election])
        #expect(open.elections.first?.overlap == election.range)
        let inside = try ConsultationDuration.assess(opens: day("2026-04-01"), closes: nil, elections: [election])
        #expect(inside.elections.first?.overlap == DayRange(from: day("2026-04-01"), to: day("2026-05-07")))
        #expect(try ConsultationDuration.assess(opens: day("2026-05-08"), closes: nil, elections: [election]).elections.isEmpty)
    }
}

@Suite struct VCSENoticeTests {
    @Test func threeCalendarMonthsWithMonthEnds() {
        #expect(VCSENotice.check(decisionDate: day("2025-11-30"), changeDate: day("2026-02-28")).isEmpty)
        #expect(VCSENotice.check(decisionDate: day("2025-11-30"), changeDate: day("2026-02-27")).map(\.code) == ["vcse.short_notice"])
        #expect(VCSENotice.earliestChange(afterDecisionOn: day("2023-11-30")) == day("2024-02-29"))
        #expect(VCSENotice.isEnoughNotice(decision: day("2025-08-31"), change: day("2025-11-30")))
        #expect(!VCSENotice.isEnoughNotice(decision: day("2025-09-01"), change: day("2025-11-30")))
    }

    @Test func exactlyThreeMonthsIsEnoughAndTheWarningSaysWhichDatesWould() throws {
        #expect(VCSENotice.check(decisionDate: day("2026-01-15"), changeDate: day("2026-04-15")).isEmpty)
        let w = try #require(VCSENotice.check(decisionDate: day("2026-01-15"), changeDate: day("2026-04-14")).first)
        #expect(w.severity == .warning && w.field == "change_date")
        #expect(
            w.action == "Move the change to Wednesday 15 April 2026 or later, or bring the decision forward to Wednesday 14 January 2026 or earlier.")
    }

    @Test func theLatestDecisionDateIsExactAtMonthEnds() {
        #expect(VCSENotice.latestDecision(forChangeOn: day("2025-11-30")) == day("2025-08-31"))
        #expect(VCSENotice.latestDecision(forChangeOn: day("2026-05-31")) == day("2026-02-28"))
        #expect(VCSENotice.latestDecision(forChangeOn: day("2024-05-31")) == day("2024-02-29"))
        #expect(VCSENotice.latestDecision(forChangeOn: day("2026-02-28")) == day("2025-11-30"))
        // Against brute force, over four years of change dates.
        var change = day("2024-01-01")
        while change <= day("2027-12-31") {
            let latest = VCSENotice.latestDecision(forChangeOn: change)
            #expect(VCSENotice.isEnoughNotice(decision: latest, change: change))
            #expect(!VCSENotice.isEnoughNotice(decision: latest.adding(days: 1), change: change), "\(change)")
            change = change.adding(days: 1)
        }
    }

    @Test func aChangeBeforeTheDecisionOrMissingDates() {
        let before = VCSENotice.check(decisionDate: day("2026-03-01"), changeDate: day("2026-02-01"))
        #expect(before.map(\.code) == ["vcse.change_before_decision"] && before[0].severity == .critical)
        #expect(VCSENotice.check(decisionDate: nil, changeDate: day("2026-02-01")).first?.field == "decision_date")
        #expect(VCSENotice.check(decisionDate: day("2026-02-01"), changeDate: nil).first?.field == "change_date")
    }
}
