import Foundation
import Testing
@testable import ChorusCore

/// A round's count pot by pot, money typed as pounds, receipt references read back, and the same paper voter
/// recognised however their name and postcode are typed.
@Suite struct BudgetRoundTests {
    @Test func eachPotIsCountedOnItsOwnWithItsOwnVoters() throws {
        // Whole area £10: A (£6) and B (£5); ward pot £4: C (£4). Three voters chose in the whole area, one only in the ward.
        let pots = [BudgetRoundCount.Pot(id: "all", budget: 1000), .init(id: "ward", budget: 400)]
        let projects = [
            BudgetRoundCount.Project(id: "A", pot: "all", cost: 600), .init(id: "B", pot: "all", cost: 500), .init(id: "C", pot: "ward", cost: 400),
        ]
        let ballots = [
            BudgetRoundCount.Ballot(reference: "B-3", choices: ["A": 1, "C": 1]), .init(reference: "B-1", choices: ["A": 1]),
            .init(reference: "B-2", choices: ["B": 1]), .init(reference: "B-4", choices: ["C": 1]),
        ]
        let rules = BallotRules(kind: .knapsack)
        let results = try BudgetRoundCount.count(pots: pots, projects: projects, ballots: ballots, rules: rules, rule: .greedy, seed: "")
        let all = try #require(results.first { $0.pot == "all" })
        let ward = try #require(results.first { $0.pot == "ward" })
        #expect(all.voters == 3 && ward.voters == 2)
        #expect(all.projects.map(\.id) == ["A", "B"] && all.projects.map(\.funded) == [true, false])
        #expect(all.spent == 600 && all.spent <= all.budget)
        #expect(all.projects[1].why == .didNotFit(rank: 2, score: 1))
        #expect(ward.projects.first?.funded == true && ward.spent == 400)
        // The ballots' order does not matter: they are read in reference order.
        let shuffled = try BudgetRoundCount.count(pots: pots, projects: projects, ballots: ballots.reversed(), rules: rules, rule: .greedy, seed: "")
        #expect(shuffled == results)
    }

    @Test func equalSharesSaysWhatSupportersPaid() throws {
        let results = try BudgetRoundCount.count(
            pots: [.init(id: "p", budget: 900)], projects: [.init(id: "A", pot: "p", cost: 600), .init(id: "B", pot: "p", cost: 600)],
            ballots: [.init(reference: "1", choices: ["A": 1]), .init(reference: "2", choices: ["A": 1]), .init(reference: "3", choices: ["B": 1])],
            rules: BallotRules(kind: .approval), rule: .equalShares, seed: "")
        let pot = try #require(results.first)
        // Each voter has £3; A's two supporters pay £3 each (half a penny per penny of benefit at cost utility); B's one supporter has £3.
        #expect(pot.projects[0].id == "A" && pot.projects[0].why == .equalShares(round: 1, payers: 2, minPaid: 300, maxPaid: 300, rho: 0.5))
        #expect(pot.projects[1].why == .supportersShort(supporters: 1, left: 300))
    }

    @Test func moneyIsReadInWholePenceAndRefusedWhenItIsNotMoney() {
        #expect(MoneyText.pence("£12,500") == 1_250_000)
        #expect(MoneyText.pence(" 12500.5 ") == 1_250_050)
        #expect(MoneyText.pence("0.05") == 5)
        for bad in ["", "-5", "12.345", "£", "1e5", "12,50.0.1", "lots", "99999999999"] { #expect(MoneyText.pence(bad) == nil, "\(bad)") }
        #expect(
            MoneyText.pounds(1_250_050) == "£12,500.50" && MoneyText.pounds(100_000_000) == "£1,000,000" && MoneyText.pounds(-100_000) == "-£1,000")
    }

    @Test func receiptsReadBackAndPaperVotersAreRecognised() {
        let ref = BudgetCodes.ballotReference()
        #expect(BudgetCodes.normaliseBallotReference(ref) == ref)
        #expect(BudgetCodes.normaliseBallotReference(ref.lowercased().replacingOccurrences(of: "-", with: " ")) == ref)
        #expect(BudgetCodes.normaliseBallotReference("b-7k3m-9qxo") == "B-7K3M-9QX0")
        #expect(BudgetCodes.normaliseBallotReference("B-7K3M") == nil && BudgetCodes.normaliseBallotReference("<script>") == nil)
        #expect(
            BudgetCodes.voterIdentity(name: "Mary  O'Neil", postcode: "SW1A 1AA")
                == BudgetCodes.voterIdentity(name: "mary oneil", postcode: "sw1a1aa"))
        #expect(
            BudgetCodes.voterIdentity(name: "Mary O'Neil", postcode: "SW1A 1AA")
                != BudgetCodes.voterIdentity(name: "Mary O'Neil", postcode: "SW1A 1AB"))
    }

    @Test func phasesGoOneWayAndSayWhatResidentsMayDo() {
        #expect(BudgetPhase.allCases.compactMap(\.next) == Array(BudgetPhase.allCases.dropFirst()))
        #expect(BudgetPhase.allCases.filter(\.acceptsBallots) == [.voting] && BudgetPhase.allCases.filter(\.acceptsProposals) == [.proposals])
        #expect(!BudgetPhase.draft.isPublic && BudgetPhase.allCases.filter(\.ballotFixed) == [.voting, .counting, .results])
    }
}
