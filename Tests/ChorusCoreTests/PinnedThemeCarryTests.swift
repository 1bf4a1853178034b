import Foundation
import Testing
@testable import ChorusCore

@Suite("Analysis: pinned themes persist across runs")
struct PinnedThemeCarryTests {
    @Test("a pinned group's members still in scope leave the themes they fell into and form their theme again")
    func carriesPinnedMembers() throws {
        let (docs, labels) = AnalysisFixtures.corpus(count: 20, topics: 2)
        let result = ThematicAnalyser.run(docs, options: AnalysisOptions(seed: 1, themeCount: .fixed(2)))
        let buses = zip(docs, labels).filter { $0.1 == 0 }.map(\.0.id)
        // The analyst had pinned six bus comments as their own theme; one is no longer in scope.
        let pinned = Array(buses.prefix(6)) + [UUID()]
        let outcome = PinnedThemeCarry.carry(result, pinned: [pinned], documents: docs, options: AnalysisOptions(seed: 1))
        #expect(outcome.themes.count == 3 && outcome.origin == [0, 1, nil] && outcome.carried == [nil, nil, 0])
        let carried = try #require(outcome.themes.last)
        #expect(Set(carried.memberIDs) == Set(buses.prefix(6)))
        let weights = Dictionary(uniqueKeysWithValues: docs.map { ($0.id, $0.weight) })
        #expect(Set(carried.representativeIDs).isSubset(of: Set(carried.memberIDs)))
        #expect(carried.people == buses.prefix(6).reduce(0) { $0 + weights[$1]! })
        let all = outcome.themes.flatMap(\.memberIDs) + outcome.unassigned
        #expect(all.count == docs.count && Set(all) == Set(docs.map(\.id)), "every comment is in exactly one theme or unassigned")
        // The theme that lost them is described again: its size and representatives are its own.
        let busTheme = try #require(outcome.themes.prefix(2).first { Set($0.memberIDs).isSubset(of: Set(buses)) })
        #expect(busTheme.memberIDs.count == buses.count - 6 && Set(busTheme.representativeIDs).isSubset(of: Set(busTheme.memberIDs)))
    }

    @Test("nothing pinned, or nothing of it in scope: the run is unchanged; an emptied theme is dropped")
    func unchangedAndEmptied() {
        let (docs, labels) = AnalysisFixtures.corpus(count: 10, topics: 2)
        let result = ThematicAnalyser.run(docs, options: AnalysisOptions(seed: 1, themeCount: .fixed(2)))
        #expect(PinnedThemeCarry.carry(result, pinned: [], documents: docs).themes == result.themes)
        #expect(PinnedThemeCarry.carry(result, pinned: [[UUID(), UUID()]], documents: docs).themes == result.themes)
        // A pinned group that holds a whole theme: that theme is replaced by the carried one.
        let whole = result.themes[0].memberIDs
        let outcome = PinnedThemeCarry.carry(result, pinned: [whole], documents: docs)
        #expect(outcome.themes.count == 2 && outcome.origin == [1, nil])
        #expect(Set(outcome.themes[1].memberIDs) == Set(whole))
        _ = labels
    }
}
