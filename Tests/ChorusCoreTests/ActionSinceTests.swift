import Testing
import ChorusCore

@Suite struct ActionSinceTests {
    let decided = Day(iso: "2026-12-22")!

    @Test func anActionRecordedBeforeItsDecisionsDayIsAgreedSinceTheDecision() {
        #expect(ActionRules.since(statusDay: Day(iso: "2026-12-06")!, decided: decided) == decided)
    }

    @Test func aLaterChangeOfStatusKeepsItsOwnDay() {
        let later = Day(iso: "2027-01-15")!
        #expect(ActionRules.since(statusDay: later, decided: decided) == later)
        #expect(ActionRules.since(statusDay: decided, decided: decided) == decided)
    }

    @Test func withoutADecisionDayTheStatusDayStands() {
        let day = Day(iso: "2026-12-06")!
        #expect(ActionRules.since(statusDay: day, decided: nil) == day)
    }
}
