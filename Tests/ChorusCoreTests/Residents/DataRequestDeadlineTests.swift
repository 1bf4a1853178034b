import Foundation
import Testing

@testable import ChorusCore

@Suite struct DataRequestDeadlineTests {
    func due(_ received: String) -> String { DataRequestDeadline.due(received: Day(iso: received)!).description }

    @Test func theCorrespondingDateNextMonth() {
        #expect(due("2026-09-02") == "2026-10-02")  // Friday
        #expect(due("2026-12-07") == "2027-01-07")  // into the next year
    }

    @Test func theICOsExampleMovesOffTheWeekend() {
        // Received 3 September: due 3 October, a Saturday in 2026, so Monday 5 October.
        #expect(due("2026-09-03") == "2026-10-05")
    }

    @Test func noCorrespondingDateMeansTheLastDayOfTheMonth() {
        #expect(due("2028-01-31") == "2028-02-29")  // leap year, a Tuesday
        #expect(due("2024-01-30") == "2024-02-29")
        #expect(due("2026-03-31") == "2026-04-30")
        // 28 February 2027 is a Sunday: Monday 1 March.
        #expect(due("2027-01-31") == "2027-03-01")
    }

    @Test func christmasAndBoxingDayAndTheirSubstitutes() {
        // 2026: Christmas Friday, Boxing Day Saturday (substitute Monday 28th): Tuesday 29th.
        #expect(due("2026-11-25") == "2026-12-29")
        // 2027: Christmas Saturday: Monday 27th and Tuesday 28th are holidays: Wednesday 29th.
        #expect(due("2027-11-25") == "2027-12-29")
        // New Year's Day 2028 is a Saturday: Monday 3 January is the holiday.
        #expect(due("2027-12-01") == "2028-01-04")
    }

    @Test func easter() {
        // Good Friday 3 April 2026, Easter Monday 6 April.
        #expect(due("2026-03-03") == "2026-04-07")
        #expect(due("2027-02-26") == "2027-03-30")
    }

    @Test func receivedOnAHolidayStillCountsFromThatDay() {
        #expect(due("2026-12-25") == "2027-01-25")
    }
}

@Suite struct BankHolidaysTests {
    func days(_ year: Int) -> [String] { BankHolidays.englandAndWales(year: year).map(\.description) }

    @Test func matchGovUKForRecentYears() {
        #expect(days(2025) == ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"])
        #expect(days(2026) == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
        #expect(days(2027) == ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"])
        #expect(
            days(2022) == [
                "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                "2022-12-26", "2022-12-27",
            ])
        #expect(days(2020).contains("2020-05-08") && !days(2020).contains("2020-05-04"))
        #expect(days(2023).contains("2023-05-08") && days(2023).contains("2023-01-02"))
    }

    @Test func workingDays() {
        #expect(BankHolidays.isWorkingDay(Day(iso: "2026-12-24")!))
        #expect(!BankHolidays.isWorkingDay(Day(iso: "2026-12-28")!))
        #expect(!BankHolidays.isWorkingDay(Day(iso: "2026-12-06")!))  // Sunday
        #expect(BankHolidays.nextWorkingDay(onOrAfter: Day(iso: "2026-12-25")!).description == "2026-12-29")
    }
}
