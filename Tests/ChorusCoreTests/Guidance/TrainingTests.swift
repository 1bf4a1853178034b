import Foundation
import Testing
import ChorusCore

@Suite struct TrainingTests {
    let today = Day(iso: "2027-01-15")!

    @Test func trainingIsCurrentThenDueSoonThenLapsed() {
        let done = Day(iso: "2025-03-01")!
        #expect(TrainingCurrency.of(completedOn: done, refreshMonths: nil, today: today) == .current(until: nil))
        #expect(TrainingCurrency.of(completedOn: done, refreshMonths: 36, today: today) == .current(until: Day(iso: "2028-03-01")!))
        #expect(TrainingCurrency.of(completedOn: done, refreshMonths: 24, today: today) == .dueSoon(until: Day(iso: "2027-03-01")!))
        #expect(TrainingCurrency.of(completedOn: done, refreshMonths: 12, today: today) == .lapsed(since: Day(iso: "2026-03-01")!))
        #expect(!TrainingCurrency.lapsed(since: today).counts && TrainingCurrency.dueSoon(until: today).counts)
    }

    @Test func coverageCountsStaffOnceAtTheirBestCurrentLevelAndVolunteersApart() {
        let council = UUID(), nhs = UUID(), ann = UUID(), bob = UUID(), cat = UUID(), gone = UUID()
        let day = Day(iso: "2026-06-01")!
        let rows = TrainingCoverage.byOrganisation(
            staff: [(ann, council), (bob, council), (cat, nhs)],
            completions: [
                .init(person: ann, organisation: council, level: .practitioner, completedOn: day, refreshMonths: nil),
                .init(person: ann, organisation: council, level: .specialist, completedOn: day, refreshMonths: 36),
                .init(person: bob, organisation: council, level: .practitioner, completedOn: Day(iso: "2020-01-01")!, refreshMonths: 24),  // lapsed
                .init(person: cat, organisation: nhs, level: .practitioner, completedOn: day, refreshMonths: nil),
                .init(person: gone, organisation: nhs, level: .practitioner, completedOn: day, refreshMonths: nil),  // no longer staff
                .init(person: nil, organisation: council, level: .involvement, completedOn: day, refreshMonths: nil),
                .init(person: nil, organisation: council, level: .involvement, completedOn: day, refreshMonths: nil),
            ], today: today)
        #expect(rows[council]?.staff == 2 && rows[council]?.practitioner == 1 && rows[council]?.specialist == 1 && rows[council]?.volunteers == 2)
        #expect(rows[council]?.share == 0.5)
        #expect(rows[nhs]?.staff == 1 && rows[nhs]?.practitioner == 1 && rows[nhs]?.specialist == 0)
    }
}
