import Foundation
import Testing

@testable import ChorusCore

@Suite struct ReadinessTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func readyWhenEveryKnownMigrationRanAndTheSweepIsMoving() {
        let sweep = Readiness.Sweep(workerStarted: true, lastFinished: start.addingTimeInterval(200))
        #expect(
            Readiness.problems(known: ["A", "B"], applied: ["A", "B"], sweep: sweep, startedAt: start, now: start.addingTimeInterval(230)).isEmpty)
    }

    @Test func pendingOrUnknownMigrationsAndAStuckSweepAreNamed() {
        let stuck = Readiness.Sweep(workerStarted: true, lastFinished: start)
        let problems = Readiness.problems(
            known: ["A", "B"], applied: ["A", "C"], sweep: stuck, startedAt: start, now: start.addingTimeInterval(301))
        #expect(
            problems == [
                "migrations not run: B",
                "the database has migrations this version does not know (a newer version ran): C",
                "no background sweep has finished for 301 seconds",
            ])
    }

    @Test func aServerThatDoesNotSweepIsNotJudgedOnIt() {
        let none = Readiness.Sweep(workerStarted: false, lastFinished: nil)
        #expect(Readiness.problems(known: ["A"], applied: ["A"], sweep: none, startedAt: start, now: start.addingTimeInterval(10_000)).isEmpty)
        // A worker that never finished a first sweep counts from when the server started.
        let first = Readiness.Sweep(workerStarted: true, lastFinished: nil)
        #expect(Readiness.problems(known: ["A"], applied: ["A"], sweep: first, startedAt: start, now: start.addingTimeInterval(299)).isEmpty)
        #expect(!Readiness.problems(known: ["A"], applied: ["A"], sweep: first, startedAt: start, now: start.addingTimeInterval(301)).isEmpty)
    }
}
