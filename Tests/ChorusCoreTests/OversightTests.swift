import Testing
@testable import ChorusCore

/// The pure rules behind decisions and "You said, we did": action status changes, overdue and on-time, small-number
/// suppression in briefings (with secondary suppression when a total is shown), email retry backoff, loop closure.
@Suite struct OversightTests {
    let d = { (s: String) in Day(iso: s)! }

    @Test func actionsMoveForwardOnlyAndNotDoingNeedsAReason() {
        #expect(ActionRules.check(from: .proposed, to: .agreed, reason: nil).isEmpty)
        #expect(ActionRules.check(from: .agreed, to: .inProgress, reason: nil).isEmpty)
        #expect(ActionRules.check(from: .inProgress, to: .done, reason: nil).isEmpty)
        #expect(ActionRules.check(from: .proposed, to: .done, reason: nil).map(\.field) == ["status"], "a proposal is agreed before it is done")
        #expect(ActionRules.check(from: .agreed, to: .notDoing, reason: "  ").map(\.field) == ["reason"])
        #expect(ActionRules.check(from: .agreed, to: .notDoing, reason: "The funding was withdrawn").isEmpty)
        #expect(ActionRules.check(from: .done, to: .agreed, reason: nil).isEmpty, "a finished action can be reopened")
        #expect(ActionRules.check(from: .done, to: .inProgress, reason: nil).map(\.field) == ["status"])
        #expect(ActionRules.check(from: .inProgress, to: .inProgress, reason: nil).isEmpty, "a progress note alone")
        for s in ActionStatus.allCases { #expect(!s.next.contains(s)) }
    }

    @Test func overdueIsOpenAndPastItsDueDay() {
        let today = d("2027-03-10")
        #expect(ActionRules.isOverdue(status: .agreed, due: d("2027-03-09"), today: today))
        #expect(!ActionRules.isOverdue(status: .agreed, due: d("2027-03-10"), today: today), "due today is not yet overdue")
        #expect(!ActionRules.isOverdue(status: .done, due: d("2027-01-01"), today: today))
        #expect(!ActionRules.isOverdue(status: .notDoing, due: d("2027-01-01"), today: today))
        #expect(!ActionRules.isOverdue(status: .inProgress, due: nil, today: today))
        #expect(ActionRules.doneOnTime(status: .done, due: d("2027-03-10"), doneOn: d("2027-03-10")))
        #expect(!ActionRules.doneOnTime(status: .done, due: d("2027-03-10"), doneOn: d("2027-03-11")))
        #expect(!ActionRules.doneOnTime(status: .inProgress, due: d("2027-03-10"), doneOn: nil))
    }

    @Test func countsUnderFiveAreHiddenAndZeroIsShown() {
        let s = SmallNumberTable.suppress([0, 1, 4, 5, 12], totalShown: false)
        #expect(s.map(\.value) == [0, nil, nil, 5, 12])
        #expect(s[1].text() == "fewer than 5" && s[4].text() == "12" && !s[1].isSecondary)
        #expect(SmallNumberTable.total(3).isHidden && SmallNumberTable.total(0).value == 0 && SmallNumberTable.total(5).value == 5)
    }

    @Test func aLoneSmallCellBesideATotalTakesTheNextSmallestWithIt() {
        // Total 30 shown; hiding only the 3 would let anyone compute it as 30 - 20 - 7.
        let s = SmallNumberTable.suppress([20, 3, 7], totalShown: true)
        #expect(s.map(\.value) == [20, nil, nil])
        #expect(s[2].isSecondary && s[2].text() == "not shown" && !s[1].isSecondary)
        // Two small cells already protect each other; zeros are never used as the second cell.
        #expect(SmallNumberTable.suppress([20, 3, 2, 9], totalShown: true).map(\.value) == [20, nil, nil, 9])
        #expect(SmallNumberTable.suppress([0, 3, 8], totalShown: true).map(\.value) == [0, nil, nil])
        #expect(SmallNumberTable.suppress([20, 3, 7], totalShown: false).map(\.value) == [20, nil, 7])
        let rows = SmallNumberTable.suppress([(label: "Quayside", count: 9), (label: "Old Town", count: 1)], totalShown: false)
        #expect(rows.map(\.label) == ["Quayside", "Old Town"] && rows[1].count.isHidden)
    }

    @Test func failedEmailsBackOffExponentiallyThenGiveUp() {
        let r = OutboxRetry(baseSeconds: 60, maxAttempts: 4, capSeconds: 200)
        #expect(r.afterFailure(attempts: 1) == .retry(afterSeconds: 60))
        #expect(r.afterFailure(attempts: 2) == .retry(afterSeconds: 120))
        #expect(r.afterFailure(attempts: 3) == .retry(afterSeconds: 200), "capped")
        #expect(r.afterFailure(attempts: 4) == .giveUp)
    }

    @Test func percentilesInterpolateBetweenRanks() {
        #expect(Percentile.of([], 0.5) == nil)
        #expect(Percentile.of([7], 0.9) == 7)
        #expect(Percentile.of([1, 2, 3, 4], 0.5) == 2.5)
        #expect(Percentile.of([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9) == 91)
    }

    @Test func loopClosureByOrganisationAndWard() {
        let today = d("2027-06-30")
        let acts: [LoopClosure.ClosedActivity] = [
            .init(organisation: "Council", wards: ["Quayside"], closedOn: d("2027-01-31"), reportPublishedOn: d("2027-02-20")),  // 20 days
            .init(organisation: "Council", wards: ["Quayside", "Old Town"], closedOn: d("2027-03-01"), reportPublishedOn: d("2027-04-10")),  // 40
            .init(organisation: "NHS", wards: [], closedOn: d("2027-04-01"), reportPublishedOn: nil),
            .init(organisation: "NHS", wards: ["Old Town"], closedOn: d("2027-07-31"), reportPublishedOn: nil),  // not yet closed: ignored
        ]
        let actions: [LoopClosure.ActionFact] = [
            .init(organisation: "Council", wards: ["Quayside"], status: .done, due: d("2027-03-01"), doneOn: d("2027-02-27")),  // on time
            .init(organisation: "Council", wards: ["Quayside"], status: .done, due: d("2027-03-01"), doneOn: d("2027-03-05")),  // late
            .init(organisation: "NHS", wards: [], status: .inProgress, due: d("2027-05-01"), doneOn: nil),  // overdue
            .init(organisation: "NHS", wards: [], status: .agreed, due: d("2027-12-01"), doneOn: nil),  // not due yet
            .init(organisation: "NHS", wards: [], status: .notDoing, due: d("2027-01-01"), doneOn: nil),  // withdrawn
        ]
        let r = LoopClosure.compute(activities: acts, actions: actions, today: today)
        #expect(r.overall.closedActivities == 3 && r.overall.withReport == 2)
        #expect(r.overall.shareWithReport == 2.0 / 3.0)
        #expect(r.overall.medianDays == 30 && r.overall.p90Days == 38)
        #expect(r.overall.actionsDue == 3 && r.overall.actionsDoneOnTime == 1)
        #expect(r.byOrganisation["Council"]?.shareWithReport == 1 && r.byOrganisation["NHS"]?.withReport == 0)
        #expect(r.byOrganisation["Council"]?.shareOnTime == 0.5)
        #expect(r.byWard["Quayside"]?.closedActivities == 2 && r.byWard["Old Town"]?.daysToReport == [40])
        #expect(r.byWard[LoopClosure.boroughWide]?.closedActivities == 1 && r.byWard[LoopClosure.boroughWide]?.actionsDue == 1)
        #expect(LoopClosure.compute(activities: [], actions: [], today: today).overall.shareWithReport == nil)
    }
}
