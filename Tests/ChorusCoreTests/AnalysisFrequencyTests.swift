import Foundation
import Testing
@testable import ChorusCore

@Suite struct AnalysisFrequencyTests {
    /// 2026-11-25 is a Wednesday.
    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    @Test func dailyRunsAtTwoTheSameNightOrTheNext() {
        #expect(AnalysisFrequency.daily.next(after: at("2026-11-25T01:59:00Z")) == at("2026-11-25T02:00:00Z"))
        #expect(AnalysisFrequency.daily.next(after: at("2026-11-25T02:00:00Z")) == at("2026-11-26T02:00:00Z"))
        #expect(AnalysisFrequency.daily.next(after: at("2026-11-25T23:30:00Z")) == at("2026-11-26T02:00:00Z"))
        #expect(AnalysisFrequency.daily.next(after: at("2026-12-31T12:00:00Z")) == at("2027-01-01T02:00:00Z"))
    }

    @Test func weeklyRunsOnMondayNight() {
        #expect(AnalysisFrequency.weekly.next(after: at("2026-11-25T12:00:00Z")) == at("2026-11-30T02:00:00Z"))
        #expect(AnalysisFrequency.weekly.next(after: at("2026-11-30T01:00:00Z")) == at("2026-11-30T02:00:00Z"))
        #expect(AnalysisFrequency.weekly.next(after: at("2026-11-30T02:00:00Z")) == at("2026-12-07T02:00:00Z"))
        #expect(AnalysisFrequency.weekly.next(after: at("2026-11-29T23:00:00Z")) == at("2026-11-30T02:00:00Z"))
    }

    @Test func rawValuesAreTheFormValues() {
        #expect(AnalysisFrequency(rawValue: "daily") == .daily)
        #expect(AnalysisFrequency(rawValue: "weekly") == .weekly)
        #expect(AnalysisFrequency(rawValue: "hourly") == nil)
    }
}

@Suite struct GivenThemeListTests {
    @Test func parsesNamesAndDescriptions() throws {
        let themes = try GivenThemeList.parse("Buses: routes, timetables, fares\n\n  Parks  \nHousing repairs:damp, mould")
        #expect(
            themes == [
                GivenTheme(name: "Buses", description: "routes, timetables, fares"), GivenTheme(name: "Parks"),
                GivenTheme(name: "Housing repairs", description: "damp, mould"),
            ])
    }

    @Test func refusesWhatCannotBeMatched() {
        func message(_ text: String) -> String? {
            do { _ = try GivenThemeList.parse(text); return nil } catch { return error.errors.first.map { "\($0.field): \($0.message)" } }
        }
        #expect(message("") == "themes: Enter at least one theme, one per line")
        #expect(message("Buses\n: no name") == "themes: Line 2: give the theme a name before the colon")
        #expect(message("Buses\nbuses: again") == "themes: Line 2: \u{201C}buses\u{201D} is listed twice")
        #expect(message(String(repeating: "x", count: 101)) == "themes: Line 1: the name is longer than 100 characters")
        #expect(message((1...31).map { "Theme \($0)" }.joined(separator: "\n")) == "themes: Enter at most 30 themes (there are 31)")
    }
}
