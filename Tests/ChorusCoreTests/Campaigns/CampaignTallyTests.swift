import Foundation
import Testing
import ChorusCore

/// The campaign tally: pledges and done counts by level, ward and action; small counts suppressed by ward for pages
/// residents see; the moves a campaign's status may make.
struct CampaignTallyTests {
    let litter = UUID(), sweep = UUID(), cleanUp = UUID()

    func pledges() -> [CampaignTally.Pledge] {
        var out: [CampaignTally.Pledge] = []
        for i in 0..<7 { out.append(.init(action: litter, level: .home, ward: "E1", done: i < 3)) }
        for i in 0..<3 { out.append(.init(action: sweep, level: .street, ward: "E2", done: i == 0)) }
        out.append(.init(action: cleanUp, level: .community, ward: "E1", done: false, byGroup: true))
        out.append(.init(action: cleanUp, level: .community, ward: nil, done: true))
        return out
    }

    @Test func countsByLevelWardAndAction() {
        let t = CampaignTally(pledges())
        #expect(t.total == .init(pledged: 12, done: 5, groups: 1))
        #expect(t.level(.home) == .init(pledged: 7, done: 3))
        #expect(t.level(.street) == .init(pledged: 3, done: 1))
        #expect(t.level(.community) == .init(pledged: 2, done: 1, groups: 1))
        #expect(t.byWard["E1"] == .init(pledged: 8, done: 3, groups: 1))
        #expect(t.byWard["E2"]?.pledged == 3)
        #expect(t.noWard == .init(pledged: 1, done: 1))
        #expect(t.action(sweep).pledged == 3 && t.action(UUID()).pledged == 0)
        #expect(t.pledgedByWard == ["E1": 8, "E2": 3])
    }

    @Test func anEmptyTallyIsZeroEverywhere() {
        let t = CampaignTally([])
        #expect(t.total == .init())
        for l in ActionLevel.allCases { #expect(t.level(l) == .init()) }
        #expect(t.wardRows([("E1", "One")]).map(\.pledged.value) == [0])
    }

    @Test func wardRowsHideOneToFourAndADoneCountUnderAHiddenPledgeCount() {
        let rows = CampaignTally(pledges()).wardRows([("E1", "One"), ("E2", "Two"), ("E3", "Three")])
        #expect(rows.map(\.name) == ["One", "Two", "Three"])
        #expect(rows[0].pledged.value == 8)
        // 3 done of 8 is hidden (1 to 4).
        #expect(rows[0].done.isHidden)
        #expect(rows[1].pledged.isHidden && rows[1].done.isHidden)
        #expect(rows[2].pledged.value == 0 && rows[2].done.value == 0)
        #expect(rows[1].pledged.text() == "fewer than 5")
    }

    @Test func onlyCommunityActionsTakeGroupsAndStatusMovesAreTheStatedOnes() {
        #expect(ActionLevel.allCases.filter(\.groupsMayPledge) == [.community])
        #expect(ActionLevel.allCases.map(\.rawValue) == ["home", "street", "community"])
        #expect(CampaignStatus.draft.canMove(to: .live))
        #expect(!CampaignStatus.draft.canMove(to: .closed))
        #expect(CampaignStatus.live.canMove(to: .closed) && CampaignStatus.closed.canMove(to: .live))
        #expect(!CampaignStatus.live.canMove(to: .draft))
        #expect(!CampaignStatus.draft.isPublic && CampaignStatus.closed.isPublic && !CampaignStatus.closed.takesPledges)
    }
}
