import Foundation
import Testing
@testable import ChorusCore

@Suite struct CrowdfundCloseTests {
    @Test func allOrNothingChargesOnlyWhenCrowdAndMatchReachTheTarget() {
        #expect(CrowdfundClose.atDeadline(.allOrNothing, target: 10_000, crowd: 6_000, match: 4_000) == .charge)
        #expect(CrowdfundClose.atDeadline(.allOrNothing, target: 10_000, crowd: 6_000, match: 3_999) == .release)
        #expect(CrowdfundClose.atDeadline(.keepWhatYouRaise, target: 10_000, crowd: 1, match: 0) == .charge)
        #expect(CrowdfundClose.atDeadline(.keepWhatYouRaise, target: 10_000, crowd: 0, match: 0) == .release)
    }

    @Test func afterFailedChargesAProjectPaysOutFromNinetyPercentAndRefundsBelow() {
        #expect(CrowdfundClose.settle(.allOrNothing, target: 10_000, collected: 5_000, match: 4_000) == .payOut)
        #expect(CrowdfundClose.settle(.allOrNothing, target: 10_000, collected: 4_999, match: 4_000) == .refundAll)
        #expect(CrowdfundClose.settle(.allOrNothing, target: 10_000, collected: 0, match: 10_000) == .refundAll)
        #expect(CrowdfundClose.settle(.keepWhatYouRaise, target: 10_000, collected: 1, match: 0) == .payOut)
    }

    /// Random all-or-nothing closes with some charges failing: the rule decides from what was collected alone, and
    /// whatever it decides the ledger ends with nothing left pledged or held, and no money made or lost.
    @Test func anAllOrNothingCloseWithPartialFailuresEndsBalanced() throws {
        var random = SeededRandom(state: 99)
        for _ in 0..<300 {
            var ledger = CrowdfundLedger()
            let target = Int64(random.int(1_000...50_000))
            let pledges = (0..<random.int(1...30)).map { _ in (UUID(), Int64(random.int(100...5_000))) }
            for (id, amount) in pledges {
                try ledger.post(.pledge, pledge: id, amount: amount)
                try ledger.post(.authorise, pledge: id, amount: amount)
            }
            let crowd = LedgerTotals(ledger.entries).outstanding
            guard CrowdfundClose.atDeadline(.allOrNothing, target: target, crowd: crowd, match: 0) == .charge else {
                for (id, _) in pledges { ledger.postAll(.cancel, pledge: id) }
                let t = LedgerTotals(ledger.entries)
                #expect(t[.cancelled] == crowd && t[.collected] == 0 && t.imbalance == 0)
                continue
            }
            for (id, amount) in pledges {
                if random.int(0...4) == 0 {
                    try ledger.post(.fail, pledge: id, amount: amount)
                } else {
                    try ledger.post(.collect, pledge: id, amount: amount)
                }
            }
            let collected = LedgerTotals(ledger.entries)[.collected]
            let decision = CrowdfundClose.settle(.allOrNothing, target: target, collected: collected, match: 0)
            #expect(decision == (collected * 100 >= target * 90 ? .payOut : .refundAll))
            for (id, _) in pledges { ledger.postAll(decision == .payOut ? .payout : .refund, pledge: id) }
            let t = LedgerTotals(ledger.entries)
            #expect(t.outstanding == 0 && t[.collected] == 0 && t.imbalance == 0)
            #expect(t[.paidOut] + t[.refunded] == collected)
            #expect(t[.failed] == crowd - collected)
        }
    }

    @Test func overfundingKeepsAProjectOpenOnlyOnceItReachedItsTarget() {
        let deadline = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(CrowdfundClose.closes(deadline: deadline, overfundingDays: 7, reachedTarget: true) == deadline.addingTimeInterval(7 * 86_400))
        #expect(CrowdfundClose.closes(deadline: deadline, overfundingDays: 7, reachedTarget: false) == deadline)
        #expect(CrowdfundClose.closes(deadline: deadline, overfundingDays: 0, reachedTarget: true) == deadline)
    }

    @Test func aFailedChargeIsTriedThreeTimesTwoDaysApart() {
        let policy = ChargeRetryPolicy()
        let t = Date(timeIntervalSince1970: 0)
        #expect(policy.nextAttempt(afterAttempts: 1, lastAt: t) == t.addingTimeInterval(172_800))
        #expect(policy.nextAttempt(afterAttempts: 2, lastAt: t) != nil)
        #expect(policy.nextAttempt(afterAttempts: 3, lastAt: t) == nil)
    }
}

@Suite struct CostedItemsTests {
    @Test func itemsAddUpAndBadLinesAreNamed() {
        let ok = CostedItems.parse("Six planters, £450\nCompost, soil and bulbs, 120.50\n\n")
        #expect(ok.problems.isEmpty)
        #expect(ok.items.map(\.pence) == [45_000, 12_050])
        #expect(ok.items[1].description == "Compost, soil and bulbs")
        #expect(CostedItems.parse(CostedItems.text(ok.items)).items == ok.items)
        let thousands = CostedItems.parse("Commercial fridge, £1,100\nPaint, 3 colours, £50\nHall hire, 1,250.00")
        #expect(thousands.items.map(\.pence) == [110_000, 5_000, 125_000])
        #expect(thousands.items.map(\.description) == ["Commercial fridge", "Paint, 3 colours", "Hall hire"])
        let bad = CostedItems.parse("Planters £450\n, £3\nPaint, lots\nTools, -5")
        #expect(bad.problems.count == 4)
        #expect(bad.problems[2] == "Line 3: \"lots\" is not an amount of money (write £450 or 450.00)")
        #expect(CostedItems.parse("  \n").problems == ["List at least one item and what it costs"])
    }
}
