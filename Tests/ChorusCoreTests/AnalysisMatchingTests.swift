import Foundation
import Testing
@testable import ChorusCore

@Suite("Analysis: themes across runs and given themes")
struct AnalysisMatchingTests {
    @Test("re-running with more comments keeps each theme's identity; a new subject is a new theme")
    func matchAcrossRuns() throws {
        let (twoTopics, _) = AnalysisFixtures.corpus(count: 20, topics: 2)
        let first = ThematicAnalyser.run(twoTopics, options: AnalysisOptions(seed: 1, themeCount: .fixed(2)))
        // next week: the same comments, more of them, and a housing topic that was not there before
        let (three, labels) = AnalysisFixtures.corpus(count: 30, topics: 3, seed: 99)
        let newHousing = zip(three, labels).filter { $0.1 == 2 }.map(\.0)
        let extraBuses = zip(three, labels).filter { $0.1 == 0 }.map(\.0).prefix(10)
        let second = ThematicAnalyser.run(twoTopics + newHousing + extraBuses, options: AnalysisOptions(seed: 2, themeCount: .fixed(3)))
        let previous = first.themes.map { ThemeSnapshot(key: UUID(), $0) }
        let current = second.themes.map { ThemeSnapshot(key: UUID(), $0) }
        let matches = ThemeMatcher.match(previous: previous, current: current)
        let continuing = matches.filter { $0.status == .continuing }
        #expect(continuing.count == 2)
        for m in continuing {
            let before = Set(first.themes[m.previous!].memberIDs)
            let after = Set(second.themes[m.current!].memberIDs)
            #expect(before.isSubset(of: after), "the same comments stay together under the same identity")
            #expect(m.similarity > 0.5)
        }
        let new = try #require(matches.first { $0.status == .new })
        #expect(Set(second.themes[new.current!].memberIDs) == Set(newHousing.map(\.id)))
        #expect(!matches.contains { $0.status == .fading })
    }

    @Test("a theme whose comments are gone fades; with no shared comments the signatures decide")
    func fadingAndSignatures() {
        let (docs, labels) = AnalysisFixtures.corpus(count: 20)
        let run1 = ThematicAnalyser.run(docs, options: AnalysisOptions(seed: 4, themeCount: .fixed(3)))
        // run 2: different comments (new seed) about buses and parks only
        let (later, laterLabels) = AnalysisFixtures.corpus(count: 20, topics: 2, seed: 1234)
        let fresh = later.enumerated().map { AnalysisDocument(id: AnalysisFixtures.uuid(500_000 + $0.offset), text: $0.element.text) }
        let run2 = ThematicAnalyser.run(fresh, options: AnalysisOptions(seed: 4, themeCount: .fixed(2)))
        let matches = ThemeMatcher.match(
            previous: run1.themes.map { ThemeSnapshot(key: UUID(), $0) },
            current: run2.themes.map { ThemeSnapshot(key: UUID(), $0) })
        let purity1 = AnalysisFixtures.purity(run1, docs, labels)
        let purity2 = AnalysisFixtures.purity(run2, fresh, laterLabels)
        let fading = matches.filter { $0.status == .fading }
        #expect(fading.count == 1)
        #expect(purity1[fading[0].previous!].label == 2)  // housing is gone
        for m in matches where m.status == .continuing {
            #expect(purity1[m.previous!].label == purity2[m.current!].label)
        }
        #expect(matches.filter { $0.status == .continuing }.count == 2)
    }

    @Test("matching handles empty runs")
    func emptyRuns() {
        let a = ThemeSnapshot(key: UUID(), memberIDs: [UUID()], signature: ["bus": 1])
        #expect(ThemeMatcher.match(previous: [], current: []).isEmpty)
        #expect(ThemeMatcher.match(previous: [a], current: []).map(\.status) == [.fading])
        #expect(ThemeMatcher.match(previous: [], current: [a]).map(\.status) == [.new])
    }

    @Test("the Hungarian method finds the best total pairing, not the greedy one")
    func hungarian() {
        // greedy takes (0,0)=0.9 and is left with (1,1)=0.1; the best is (0,1)+(1,0)=0.8+0.8
        let pairing = HungarianAssignment.maximise([[0.9, 0.8], [0.8, 0.1]])
        #expect(pairing == [1, 0])
        #expect(HungarianAssignment.maximise([[0.2, 0.9, 0.1]]) == [1])
        #expect(HungarianAssignment.maximise([[0.5], [0.7], [0.1]]) == [nil, 0, nil])
    }

    @Test("map to given themes: obvious comments get their theme, unrelated ones get none")
    func givenThemes() {
        let (documents, labels) = AnalysisFixtures.corpus(count: 20)
        let odd = AnalysisDocument(id: AnalysisFixtures.uuid(777), text: "Thank you for the survey")
        let given = [
            GivenTheme(name: "Buses and public transport", description: "bus routes, fares, timetables, bus stops and drivers"),
            GivenTheme(name: "Parks and green spaces", description: "parks, playgrounds, grass, trees, benches and litter in parks"),
            GivenTheme(name: "Housing", description: "council and rented homes, rent, repairs, damp and mould, landlords"),
        ]
        let mapped = GivenThemeMapper.map(documents + [odd], to: given)
        #expect(mapped.count == documents.count + 1)
        var right = 0
        for (d, label) in labels.enumerated() {
            if mapped[d].first?.themeIndex == label { right += 1 }
            #expect(mapped[d].allSatisfy { $0.confidence >= 0.3 && $0.confidence <= 1 })
        }
        #expect(Double(right) >= 0.9 * Double(labels.count), "\(right) of \(labels.count) got their theme first")
        #expect(mapped[documents.count].isEmpty)
        // a comment about two of them can get both
        let both = GivenThemeMapper.map(
            documents + [AnalysisDocument(id: UUID(), text: "The bus is always late and the playground is broken")], to: given)
        #expect(Set(both.last!.map(\.themeIndex)).isSuperset(of: [0, 1]))
        #expect(GivenThemeMapper.map([], to: given).isEmpty)
        let noThemes = GivenThemeMapper.map(documents, to: [])
        #expect(noThemes.count == documents.count && noThemes.allSatisfy { $0.isEmpty })
    }
}
