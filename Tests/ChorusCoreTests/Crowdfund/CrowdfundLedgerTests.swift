import Foundation
import Testing
@testable import ChorusCore

@Suite struct CrowdfundLedgerTests {
    let a = UUID(), b = UUID()

    @Test func aPledgeMovesFromBackersAndEveryTotalIsASumOfEntries() throws {
        var ledger = CrowdfundLedger()
        try ledger.post(.pledge, pledge: a, amount: 2_500)
        try ledger.post(.authorise, pledge: a, amount: 2_500)
        try ledger.post(.pledge, pledge: b, amount: 1_000)
        try ledger.post(.collect, pledge: a, amount: 2_500)
        try ledger.post(.fee, pledge: a, amount: 60)
        try ledger.post(.payout, pledge: a, amount: 2_440)
        let totals = LedgerTotals(ledger.entries)
        #expect(totals.everPledged == 3_500)
        #expect(totals.outstanding == 1_000)
        #expect(totals[.paidOut] == 2_440)
        #expect(totals[.fees] == 60)
        #expect(totals[.collected] == 0)
        #expect(totals.standing == 3_500)
        #expect(totals.imbalance == 0)
    }

    @Test func moneyAPledgeDoesNotHoldCannotBeMoved() throws {
        var ledger = CrowdfundLedger()
        try ledger.post(.pledge, pledge: a, amount: 1_000)
        #expect(throws: LedgerError.self) { try ledger.post(.refund, pledge: a, amount: 1) }
        try ledger.post(.collect, pledge: a, amount: 1_000)
        #expect(throws: LedgerError(pledge: a, event: .refund, wanted: 1_001, available: 1_000)) {
            try ledger.post(.refund, pledge: a, amount: 1_001)
        }
        // Another pledge's money is not this one's.
        #expect(throws: LedgerError.self) { try ledger.post(.payout, pledge: b, amount: 1) }
        #expect(throws: LedgerError.self) { try ledger.post(.pledge, pledge: b, amount: 0) }
        #expect(ledger.entries.count == 2)
    }

    @Test func aCollectionDrawsOnTheSecuredAmountFirst() throws {
        var ledger = CrowdfundLedger()
        try ledger.post(.pledge, pledge: a, amount: 1_500)
        try ledger.post(.authorise, pledge: a, amount: 1_000)
        let moved = try ledger.post(.collect, pledge: a, amount: 1_200)
        #expect(moved.map(\.from) == [.authorised, .pledged])
        #expect(moved.map(\.amount) == [1_000, 200])
        #expect(ledger.postAll(.cancel, pledge: a).map(\.amount) == [300])
        #expect(ledger.postAll(.cancel, pledge: a).isEmpty)
    }

    /// Random pledge histories: whatever order events come in, each either moves money the pledge holds or is refused
    /// and writes nothing; the accounts always sum to zero and no pledge ever holds a negative amount anywhere.
    @Test func noMoneyIsCreatedOrLostOverRandomHistories() {
        var random = SeededRandom(state: 20_261_207)
        for _ in 0..<300 {
            var ledger = CrowdfundLedger()
            let pledges = (0..<random.int(1...8)).map { _ in UUID() }
            var pledged: [UUID: Int64] = [:]
            for _ in 0..<random.int(1...60) {
                let p = random.pick(pledges)
                let event = random.pick(LedgerEvent.allCases)
                let amount = Int64(random.int(1...5_000))
                let before = ledger.entries.count
                do {
                    try ledger.post(event, pledge: p, amount: amount)
                    if event == .pledge { pledged[p, default: 0] += amount }
                } catch {
                    #expect(ledger.entries.count == before)
                }
            }
            let totals = LedgerTotals(ledger.entries)
            #expect(totals.imbalance == 0)
            #expect(totals.everPledged == pledged.values.reduce(0, +))
            // Summed per account as the database sums them (what flowed in minus what flowed out), the totals are the same.
            var balances: [LedgerAccount: Int64] = [:]
            for e in ledger.entries { balances[e.to, default: 0] += e.amount }
            for e in ledger.entries { balances[e.from, default: 0] -= e.amount }
            #expect(LedgerTotals(balances: balances) == totals)
            for p in pledges {
                for account in LedgerAccount.allCases where account != .backers { #expect(ledger.balance(p, account) >= 0) }
                // What a pledge holds anywhere adds up to what it pledged.
                let held = LedgerAccount.allCases.filter { $0 != .backers }.reduce(Int64(0)) { $0 + ledger.balance(p, $1) }
                #expect(held == pledged[p, default: 0])
            }
            // Re-reading the entries gives the same balances.
            let again = CrowdfundLedger(ledger.entries)
            for p in pledges { #expect(LedgerAccount.allCases.allSatisfy { again.balance(p, $0) == ledger.balance(p, $0) }) }
        }
    }
}
