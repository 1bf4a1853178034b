import Foundation
import Testing
import ChorusCore

@Suite struct StandardsEvidenceTests {
    let from = Day(iso: "2026-04-01")!, to = Day(iso: "2027-03-31")!, today = Day(iso: "2027-04-30")!

    func activity(
        _ ladder: LadderLevel = .consult, start: String = "2026-06-01", closed: String? = nil, methods: Int = 1, partners: Int = 0,
        signed: String? = nil, eia: String? = nil, report: String? = nil, decision: Bool = false
    ) -> StandardsEvidence.ActivityFacts {
        .init(
            id: UUID(), ladder: ladder, start: Day(iso: start)!, closedOn: closed.flatMap(Day.init(iso:)), methods: methods, partners: partners,
            planSignedOffOn: signed.flatMap(Day.init(iso:)), equalityAssessedOn: eia.flatMap(Day.init(iso:)),
            reportPublishedOn: report.flatMap(Day.init(iso:)), hasDecision: decision)
    }

    func figure(_ key: String, _ list: [StandardsEvidence.ActivityFacts], actions: [LoopClosure.ActionFact] = [], nth: Int = 0)
        -> StandardsEvidence.Figure
    {
        StandardsEvidence.figures(activities: list, actions: actions, from: from, to: to, today: today).filter { $0.standardKey == key }[nth]
    }

    @Test func planningCountsPlansSignedOffByTheStartDayAmongActivitiesThatAsked() {
        let list = [
            activity(start: "2026-06-01", signed: "2026-05-20"),
            activity(start: "2026-06-01", signed: "2026-06-01"),
            activity(start: "2026-06-01", signed: "2026-06-02"),  // after it started
            activity(start: "2026-06-01"),
            activity(.inform, start: "2026-06-01"),  // asked nothing: not counted
            activity(start: "2026-03-31", signed: "2026-03-01"),  // before the period
        ]
        let f = figure("planning", list)
        #expect((f.count, f.of, f.percent) == (2, 4, 50))
        #expect(f.statement == "2 of 4 activities that asked residents for input had a signed-off plan before they started (50%).")
    }

    @Test func inclusionCountsEqualityAssessmentsByTheStartDay() {
        let f = figure("inclusion", [activity(eia: "2026-05-01"), activity(eia: "2026-07-01"), activity(.involve)])
        #expect((f.count, f.of) == (1, 3))
    }

    @Test func workingTogetherAndMethodsCountEveryActivityThatStarted() {
        let list = [activity(.inform, methods: 2, partners: 1), activity(methods: 3), activity(partners: 2), activity()]
        #expect((figure("working-together", list).count, figure("working-together", list).of) == (2, 4))
        #expect((figure("methods", list).count, figure("methods", list).of) == (2, 4))
    }

    @Test func communicationCountsReportsWithinTwelveWeeksAndWaitsForThoseStillInside() {
        let list = [
            activity(closed: "2026-07-01", report: "2026-09-23"),  // day 84: in time
            activity(closed: "2026-07-01", report: "2026-09-24"),  // day 85: late
            activity(closed: "2026-07-01"),  // never
            activity(closed: "2027-03-01"),  // closed 60 days before today: still inside its 12 weeks
            activity(closed: "2027-03-01", report: "2027-03-10"),  // inside, and reported: counts
            activity(closed: "2027-04-10", report: "2027-04-11"),  // closed after the period
        ]
        let f = figure("communication", list)
        #expect((f.count, f.of) == (2, 4))
        #expect(f.method.hasSuffix("(1 now)."))
    }

    @Test func impactCountsDecisionsOnClosedActivitiesAndActionsDoneOnTime() {
        let list = [
            activity(closed: "2026-08-01", decision: true), activity(closed: "2026-08-01"), activity(.inform, closed: "2026-08-01", decision: true),
        ]
        let f = figure("impact", list)
        #expect((f.count, f.of) == (1, 2))
        func action(_ s: ActionStatus, due: String?, done: String? = nil) -> LoopClosure.ActionFact {
            .init(organisation: "Council", wards: [], status: s, due: due.flatMap(Day.init(iso:)), doneOn: done.flatMap(Day.init(iso:)))
        }
        let actions = [
            action(.done, due: "2026-09-01", done: "2026-08-30"),  // on time
            action(.done, due: "2026-09-01", done: "2026-09-10"),  // late
            action(.inProgress, due: "2026-10-01"),  // overdue
            action(.inProgress, due: "2027-06-01"),  // not yet due: not counted
            action(.notDoing, due: "2026-10-01"),  // not counted
            action(.done, due: nil, done: "2026-11-01"),  // no due day: on time
        ]
        let g = figure("impact", list, actions: actions, nth: 1)
        #expect((g.count, g.of) == (2, 4))
    }

    @Test func nothingToCountSaysSoAndHasNoShare() {
        let f = figure("planning", [])
        #expect(f.share == nil && f.percent == nil)
        #expect(f.statement == "Nothing to count in this period (0 records matched the rule).")
    }
}
