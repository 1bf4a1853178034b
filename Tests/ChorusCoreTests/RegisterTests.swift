import Testing
import Foundation
@testable import ChorusCore

@Suite struct DayTests {
    @Test func parsesAndPrintsISODates() throws {
        let d = try #require(Day(iso: "2026-11-23"))
        #expect(d.description == "2026-11-23")
        #expect(Day(iso: "2024-02-29") != nil)
        for bad in ["2025-02-29", "2026-13-01", "2026-1-01", "23/11/2026", "", "2026-11-31"] { #expect(Day(iso: bad) == nil, "\(bad)") }
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
        #expect(d.adding(days: 9).description == "2026-12-02")
        #expect(Day(d.date) == d)
    }

    @Test func quarters() throws {
        let q = Quarter(containing: try #require(Day(iso: "2026-11-23")))
        #expect(q.description == "2026 Q4" && q.first.description == "2026-10-01" && q.last.description == "2026-12-31")
        #expect(q.next.description == "2027 Q1" && q.previous.description == "2026 Q3")
        #expect(
            FatigueIndex.quarters(around: q.first, back: 3, ahead: 1).map(\.description) == ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"])
    }
}

@Suite struct OverlapTests {
    let ward1 = UUID(), ward2 = UUID(), climate = UUID(), parks = UUID(), young = UUID(), older = UUID()

    func fp(_ places: Set<UUID> = [], borough: Bool = false, themes: Set<UUID>, audiences: Set<UUID> = [], _ start: String, _ end: String?)
        -> ActivityFootprint
    {
        ActivityFootprint(
            id: UUID(), places: places, boroughWide: borough, themes: themes, audiences: audiences,
            start: Day(iso: start)!, end: end.flatMap { Day(iso: $0) })
    }

    @Test func sameWardThemeAndAudienceWithinTheWindowOverlap() {
        let a = fp([ward1], themes: [climate], audiences: [young], "2026-03-01", "2026-03-31")
        let b = fp([ward1, ward2], themes: [climate, parks], audiences: [young, older], "2026-04-20", "2026-05-10")
        let o = OverlapDetector.overlap(a, b)
        #expect(o?.sharedPlaces == [ward1] && o?.sharedThemes == [climate] && o?.sharedAudiences == [young])
        #expect(o?.gapDays == 20 && o?.daysConcurrent == 0)
        #expect(OverlapDetector.overlap(a, b, windowDays: 19) == nil, "outside a 19-day window")
    }

    @Test func needsPlaceThemeAndAudienceAllToMatch() {
        let a = fp([ward1], themes: [climate], audiences: [young], "2026-03-01", "2026-03-31")
        #expect(OverlapDetector.overlap(a, fp([ward2], themes: [climate], audiences: [young], "2026-03-01", "2026-03-31")) == nil)
        #expect(OverlapDetector.overlap(a, fp([ward1], themes: [parks], audiences: [young], "2026-03-01", "2026-03-31")) == nil)
        #expect(OverlapDetector.overlap(a, fp([ward1], themes: [climate], audiences: [older], "2026-03-01", "2026-03-31")) == nil)
    }

    @Test func boroughWideOverlapsEveryPlaceAndNoAudienceMeansEveryone() {
        let local = fp([ward2], themes: [parks], audiences: [older], "2026-06-01", "2026-06-30")
        let borough = fp(borough: true, themes: [parks], "2026-06-15", "2026-07-15")
        let o = OverlapDetector.overlap(borough, local)
        #expect(o != nil && o!.placeOverlapIsBoroughWide && o!.sharedPlaces == [ward2] && o!.daysConcurrent == 16)
    }

    @Test func openEndedActivitiesRunForEver() {
        let ongoing = fp([ward1], themes: [climate], "2024-01-01", nil)
        #expect(OverlapDetector.overlap(fp([ward1], themes: [climate], "2030-05-01", "2030-05-02"), ongoing) != nil)
        #expect(OverlapDetector.overlap(fp([ward1], themes: [climate], "2023-11-01", "2023-11-30"), ongoing) == nil, "32 days before it starts")
        #expect(OverlapDetector.overlap(fp([ward1], themes: [climate], "2023-12-01", "2023-12-10"), ongoing)?.gapDays == 22)
    }

    @Test func sameDayActivitiesOverlapByOneDayAndAnActivityNeverOverlapsItself() {
        let a = fp([ward1], themes: [climate], "2026-05-05", "2026-05-05")
        let b = fp([ward1], themes: [climate], "2026-05-05", "2026-05-05")
        #expect(OverlapDetector.overlap(a, b)?.daysConcurrent == 1)
        #expect(OverlapDetector.overlap(a, a) == nil)
    }

    @Test func ranksTheClosestMatchFirst() {
        let a = fp([ward1], themes: [climate, parks], audiences: [young], "2026-03-01", "2026-03-31")
        let weak = fp([ward1, ward2], themes: [climate], audiences: [young, older], "2026-04-25", "2026-05-01")
        let strong = fp([ward1], themes: [climate, parks], audiences: [young], "2026-03-10", "2026-03-20")
        let ranked = OverlapDetector.overlaps(of: a, among: [weak, strong, a])
        #expect(ranked.map(\.other) == [strong.id, weak.id])
    }
}

@Suite struct FatigueTests {
    @Test func countsAsksPerThousandResidentsPerQuarterWithBoroughWideEverywhere() {
        let w1 = UUID(), w2 = UUID()
        let q4 = Quarter(year: 2026, number: 4), q1 = q4.next
        let asks = [
            FatigueIndex.Ask(places: [w1], boroughWide: false, start: Day(iso: "2026-10-05")!, end: Day(iso: "2026-10-20")!),
            FatigueIndex.Ask(places: [w1, w2], boroughWide: false, start: Day(iso: "2026-12-20")!, end: Day(iso: "2027-01-10")!),
            FatigueIndex.Ask(places: [], boroughWide: true, start: Day(iso: "2027-02-01")!, end: nil),
            FatigueIndex.Ask(places: [w2], boroughWide: false, start: Day(iso: "2025-01-01")!, end: Day(iso: "2025-02-01")!),
        ]
        let t = FatigueIndex.table(asks: asks, wards: [.init(id: w1, population: 4000), .init(id: w2, population: nil)], quarters: [q4, q1])
        #expect(t[w1]?[q4] == .init(asks: 2, population: 4000) && t[w1]?[q4]?.per1000 == 0.5)
        #expect(t[w1]?[q1]?.asks == 2)
        #expect(t[w2]?[q4]?.asks == 1 && t[w2]?[q4]?.per1000 == nil)
        #expect(t[w2]?[q1]?.asks == 2)
    }
}

@Suite struct ICalendarTests {
    @Test func writesValidAllDayEventsWithEscapingAndFolding() {
        let long = String(repeating: "Parks, play areas; and ", count: 6) + "café ☕ benches"
        let feed = ICalendar.feed(
            name: "Quayside",
            events: [
                .init(
                    uid: "a1@chorus", summary: long, description: "Line one\nLine two", location: "Quayside", url: "https://x.example/a1",
                    start: Day(iso: "2026-03-01")!, end: Day(iso: "2026-03-31")!, lastModified: Date(timeIntervalSince1970: 0))
            ], now: Date(timeIntervalSince1970: 86_400))
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(feed.hasSuffix("END:VCALENDAR\r\n"))
        for physical in feed.components(separatedBy: "\r\n") { #expect(physical.utf8.count <= 75, "\(physical)") }
        let lines = ICalendar.unfold(feed)
        #expect(lines.contains("DTSTART;VALUE=DATE:20260301"))
        #expect(lines.contains("DTEND;VALUE=DATE:20260401"), "DTEND is exclusive")
        #expect(lines.contains("DTSTAMP:19700102T000000Z"))
        #expect(lines.contains("DESCRIPTION:Line one\\nLine two"))
        #expect(lines.contains { $0.hasPrefix("SUMMARY:Parks\\, play areas\\; and ") && $0.hasSuffix("café ☕ benches") })
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
    }
}

@Suite struct PostcodeTests {
    @Test func outwardCodes() {
        #expect(Postcode.outward("hs1 2ab") == "HS1")
        #expect(Postcode.outward("SW1A 1AA") == "SW1A")
        #expect(Postcode.outward("M1 1AE") == "M1")
        #expect(Postcode.outward("B33") == "B33")
        #expect(Postcode.outward("EC1A") == "EC1A")
        for bad in ["", "12345", "HELLO", "HS1 2AB'; drop", "1AB"] { #expect(Postcode.outward(bad) == nil, "\(bad)") }
        #expect(Postcode.districts("HS1, hs2 ;HS10 nonsense") == ["HS1", "HS2", "HS10"])
    }
}

@Suite struct ActivityImportTests {
    @Test func guessesColumnsFromCommonHeaders() {
        let m = ActivityImport.guessMapping(header: ["Activity", "Why", "Ward", "Theme", "Start date", "End date", "Level", "Stage", "Method"])
        #expect(m["title"] == 0 && m["purpose"] == 1 && m["places"] == 2 && m["themes"] == 3 && m["starts_on"] == 4 && m["ends_on"] == 5)
        #expect(m["ladder_level"] == 6 && m["status"] == 7 && m["methods"] == 8 && m["audiences"] == nil)
        // The register's own export headers map one to one.
        let own = ActivityImport.guessMapping(header: ActivityImport.fields.map(\.field))
        #expect(own.count == ActivityImport.fields.count)
    }

    @Test func readsSpreadsheetCells() {
        #expect(ActivityImport.isoDate("01/03/2026") == "2026-03-01")
        #expect(ActivityImport.isoDate("2026-03-01") == "2026-03-01")
        #expect(ActivityImport.isoDate("31/02/2026") == nil && ActivityImport.isoDate("March 1") == nil)
        #expect(ActivityImport.list("Quayside; Old Town |  ; Foxhill") == ["Quayside", "Old Town", "Foxhill"])
        #expect(ActivityImport.bool("Yes") == true && ActivityImport.bool("n") == false && ActivityImport.bool("maybe") == nil)
        #expect(ActivityImport.code("Focus group", among: [("focus_group", "Focus group"), ("survey", "Survey")]) == "focus_group")
        #expect(ActivityImport.code("FOCUS_GROUP", among: [("focus_group", "Focus group")]) == "focus_group")
    }
}
