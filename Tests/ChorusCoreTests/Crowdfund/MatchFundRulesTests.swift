import Foundation
import Testing
@testable import ChorusCore

@Suite struct MatchFundRulesTests {
    let rules = MatchFundRules(
        categories: ["green spaces"], wards: ["w1", "w2"], creatorKinds: [.group, .charity], pencePerPound: 100,
        percentOfTarget: 50, capPerProject: 500_000, capPerCreator: 600_000)

    func project(crowd: Int64, target: Int64 = 1_000_000, ward: String = "w1") -> MatchFundRules.Project {
        .init(category: "green spaces", ward: ward, creatorKind: .group, target: target, crowd: crowd)
    }

    @Test func thePledgeGrowsPoundForPoundUpToTheShareOfTheTarget() {
        let budget = MatchFundRules.Position(budget: 10_000_000)
        #expect(rules.offer(project(crowd: 100_000), need: nil, position: budget).amount == 100_000)
        #expect(rules.offer(project(crowd: 100_000), need: nil, position: budget).limitedBy == .crowd)
        let half = rules.offer(project(crowd: 450_000, target: 800_000), need: nil, position: budget)
        #expect(half.amount == 350_000)  // the target, not the share, binds: 450k + 350k = 800k
        #expect(half.limitedBy == .target)
        let capped = rules.offer(project(crowd: 700_000, target: 2_000_000), need: nil, position: budget)
        #expect(capped.amount == 500_000)
        #expect(capped.limitedBy == .projectCap)
        #expect(capped.ceiling == 500_000)
    }

    @Test func eligibilityNamesEveryRuleAProjectMisses() {
        let offer = rules.offer(
            .init(category: "arts", ward: "w9", creatorKind: .resident, target: 100_000, crowd: 50_000), need: nil,
            position: .init(budget: 1_000_000))
        #expect(offer.ineligible == [.category, .ward, .creatorKind])
        #expect(offer.amount == 0)
        let noWard = rules.offer(
            .init(category: "green spaces", ward: nil, creatorKind: .group, target: 100, crowd: 10), need: nil, position: .init(budget: 10))
        #expect(noWard.ineligible == [.ward])
    }

    @Test func theCreatorCapCountsWhatTheSameGroupHasElsewhere() {
        let offer = rules.offer(project(crowd: 400_000), need: nil, position: .init(budget: 10_000_000, toCreatorElsewhere: 450_000))
        #expect(offer.amount == 150_000)
        #expect(offer.limitedBy == .creatorCap)
        let full = rules.offer(project(crowd: 400_000), need: nil, position: .init(budget: 10_000_000, toCreatorElsewhere: 600_000))
        #expect(full.ineligible == [.creatorCapReached])
    }

    @Test func anExhaustedFundPledgesNothingAndAnAlmostExhaustedOneWhatIsLeft() {
        let left = rules.offer(project(crowd: 400_000), need: nil, position: .init(budget: 1_000_000, committedElsewhere: 930_000))
        #expect(left.amount == 70_000)
        #expect(left.limitedBy == .budget)
        let spent = rules.offer(project(crowd: 400_000), need: nil, position: .init(budget: 1_000_000, committedElsewhere: 1_000_000))
        #expect(spent.ineligible == [.fundSpent])
        #expect(spent.amount == 0)
    }

    @Test func needWeightingRaisesTheShareInTheMostDeprivedWards() {
        var weighted = rules
        weighted.needWeightingPercent = 20
        weighted.capPerProject = 10_000_000
        weighted.capPerCreator = 10_000_000
        let budget = MatchFundRules.Position(budget: 10_000_000)
        let most = weighted.offer(project(crowd: 900_000, target: 2_000_000), need: 1, position: budget)
        let least = weighted.offer(project(crowd: 900_000, target: 2_000_000), need: 0, position: budget)
        let middle = weighted.offer(project(crowd: 900_000, target: 2_000_000), need: 0.5, position: budget)
        #expect(most.sharePercent == 70)
        #expect(least.sharePercent == 50)
        #expect(middle.sharePercent == 60)
        #expect(most.ceiling == 1_400_000)
        #expect(most.amount == 900_000)
        #expect(least.amount == 900_000)
        #expect(weighted.offer(project(crowd: 1_300_000, target: 2_000_000), need: 0, position: budget).amount == 700_000)
    }

    @Test func needIsScaledFromTheLeastToTheMostDeprivedWard() {
        let parsed = NeedIndex.parse("ward,score\nE05000001, 10\nE05000002,30\nE05000003,20\n")
        #expect(parsed.problems.isEmpty)
        #expect(NeedIndex.scaled(parsed.scores) == ["E05000001": 0, "E05000002": 1, "E05000003": 0.5])
        let bad = NeedIndex.parse("E05000001,1\nE05000002 twelve\nE05000001,3\n,4")
        #expect(bad.problems.count == 3)
        #expect(bad.problems[0].hasPrefix("Line 2"))
        #expect(bad.problems[1] == "Line 3: E05000001 is listed twice")
    }

    /// Whatever the project and the fund's position, the pledge never passes any cap, the budget left or the target.
    @Test func thePledgeRespectsEveryLimitOverRandomProjects() {
        var random = SeededRandom(state: 7)
        for _ in 0..<2_000 {
            let r = MatchFundRules(
                pencePerPound: random.int(1...300), percentOfTarget: random.int(1...100), needWeightingPercent: random.int(0...50),
                capPerProject: Int64(random.int(0...2_000_000)), capPerCreator: Int64(random.int(0...3_000_000)))
            let p = MatchFundRules.Project(
                category: "x", ward: "w", creatorKind: .resident, target: Int64(random.int(1...5_000_000)), crowd: Int64(random.int(0...6_000_000)))
            let pos = MatchFundRules.Position(
                budget: Int64(random.int(0...5_000_000)), committedElsewhere: Int64(random.int(0...5_000_000)),
                toCreatorElsewhere: Int64(random.int(0...3_000_000)))
            let o = r.offer(p, need: Double(random.int(0...100)) / 100, position: pos)
            #expect(o.amount >= 0)
            #expect(o.amount <= max(0, r.capPerProject))
            #expect(o.amount <= max(0, r.capPerCreator - pos.toCreatorElsewhere))
            #expect(o.amount <= max(0, pos.budget - pos.committedElsewhere))
            #expect(p.crowd + o.amount <= max(p.target, p.crowd))
            #expect(o.amount <= p.target * Int64(min(100, r.percentOfTarget + r.needWeightingPercent)) / 100)
        }
    }
}
