import Foundation
import Testing
@testable import ChorusCore

/// Small corpora where the right answer is obvious: residents' comments on clearly different subjects.
enum AnalysisFixtures {
    static let buses = (
        subjects: ["The number 12 bus", "The bus to the hospital", "Our bus route", "The evening bus service", "The school bus"],
        verbs: ["is always late", "never turns up on time", "was cancelled again", "needs more frequent buses", "costs too much in fares"],
        extras: [
            "and the bus driver was rude", "so I missed my bus connection", "and the timetable at the bus stop is wrong",
            "and the bus shelter has no seats", "",
        ]
    )
    static let parks = (
        subjects: ["The park", "Victoria park playground", "The green space by the river", "Our local park", "The park near the school"],
        verbs: [
            "needs more trees and flowers", "has broken swings in the playground", "is full of dog mess on the grass", "should have more benches",
            "is lovely for picnics in summer",
        ],
        extras: [
            "and the park litter bins overflow", "and the park toilets are locked", "so children have nowhere to play", "and the grass is never cut",
            "",
        ]
    )
    static let housing = (
        subjects: ["My council flat", "Our housing association home", "The flat upstairs", "My rented house", "Our tenancy"],
        verbs: [
            "has damp and black mould", "needs repairs the landlord ignores", "has a leaking roof", "has rent going up every year",
            "has broken heating all winter",
        ],
        extras: [
            "and the housing officer never replies", "and the rent is unaffordable", "so we have asked for a housing transfer",
            "and the mould makes my children ill", "",
        ]
    )

    /// `count` comments on each topic, mixed in a fixed order; label = topic index.
    static func corpus(count: Int, topics: Int = 3, seed: UInt64 = 7) -> (documents: [AnalysisDocument], labels: [Int]) {
        let all = [buses, parks, housing].prefix(topics)
        var random = AnalysisRandom(seed: seed)
        var documents: [AnalysisDocument] = []
        var labels: [Int] = []
        for i in 0..<count {
            for (t, topic) in all.enumerated() {
                let text =
                    [topic.subjects[random.below(5)], topic.verbs[random.below(5)], topic.extras[random.below(5)]]
                    .filter { !$0.isEmpty }.joined(separator: " ") + "."
                documents.append(AnalysisDocument(id: uuid(t * 100_000 + i), text: text, weight: 1 + i % 3))
                labels.append(t)
            }
        }
        return (documents, labels)
    }

    /// Comments made of 5–7 words drawn from one topic's vocabulary (no sub-groups within a topic, unlike the
    /// templates above): the plainest case of three separate subjects.
    static func wordCorpus(count: Int, seed: UInt64 = 3) -> (documents: [AnalysisDocument], labels: [Int]) {
        let vocabularies = [
            "bus route driver timetable fare ticket shelter service late cancelled stop journey".split(separator: " "),
            "park playground grass trees benches flowers swings picnic litter dogs pond paths".split(separator: " "),
            "rent landlord damp mould repairs tenancy heating flat roof housing leak deposit".split(separator: " "),
        ]
        var random = AnalysisRandom(seed: seed)
        var documents: [AnalysisDocument] = []
        var labels: [Int] = []
        for i in 0..<count {
            for (t, words) in vocabularies.enumerated() {
                let text = (0..<(5 + random.below(3))).map { _ in String(words[random.below(words.count)]) }.joined(separator: " ")
                documents.append(AnalysisDocument(id: uuid(t * 100_000 + i), text: text))
                labels.append(t)
            }
        }
        return (documents, labels)
    }

    static func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    /// For each theme, which label most of its members have, and the share that agree.
    static func purity(_ result: AnalysisResult, _ documents: [AnalysisDocument], _ labels: [Int]) -> [(label: Int, share: Double)] {
        var label: [UUID: Int] = [:]
        for (d, l) in zip(documents, labels) { label[d.id] = l }
        return result.themes.map { theme in
            var counts: [Int: Int] = [:]
            for id in theme.memberIDs { counts[label[id]!, default: 0] += 1 }
            let top = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
            return (top.key, Double(top.value) / Double(theme.memberIDs.count))
        }
    }
}

@Suite("Analysis: the pipeline")
struct AnalysisPipelineTests {
    @Test("two clearly separate topics split into two themes")
    func twoTopicsSplit() {
        let (documents, labels) = AnalysisFixtures.corpus(count: 20, topics: 2)
        let result = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: 3, themeCount: .fixed(2)))
        #expect(result.themes.count == 2)
        #expect(result.unassigned.isEmpty)
        let purity = AnalysisFixtures.purity(result, documents, labels)
        #expect(Set(purity.map(\.label)) == [0, 1])
        #expect(purity.allSatisfy { $0.share == 1 })
    }

    @Test("automatic mode finds three themes in three well-separated topics, labelled with their own words")
    func automaticFindsThree() throws {
        let (documents, labels) = AnalysisFixtures.wordCorpus(count: 40)
        let result = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: 11, themeCount: .automatic(2...12)))
        #expect(result.themes.count == 3)
        #expect(result.diagnostics.chosenThemeCount == 3)
        #expect(!result.diagnostics.silhouetteByThemeCount.isEmpty)
        #expect(Double(result.unassigned.count) <= 0.15 * Double(documents.count))
        let purity = AnalysisFixtures.purity(result, documents, labels)
        #expect(Set(purity.map(\.label)) == [0, 1, 2])
        #expect(purity.allSatisfy { $0.share >= 0.95 })
        let distinctive = [
            0: ["bus", "route", "driver", "fare", "ticket"], 1: ["park", "playground", "grass", "tree", "bench"],
            2: ["rent", "landlord", "damp", "mould", "repair"],
        ]
        for (theme, p) in zip(result.themes, purity) {
            let words = theme.keyPhrases.joined(separator: " ")
            #expect(distinctive[p.label]!.contains { words.contains($0) }, "theme \(p.label) labelled \(theme.keyPhrases)")
            #expect((3...5).contains(theme.keyPhrases.count))
            #expect(theme.label == theme.keyPhrases.prefix(3).joined(separator: " · "))
        }
    }

    @Test("representatives are members, most central first, 3 to 5 of them, with distinct texts")
    func representatives() {
        let (documents, _) = AnalysisFixtures.corpus(count: 25)
        let result = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: 5, themeCount: .fixed(3)))
        let text = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.text) })
        for theme in result.themes {
            #expect((3...5).contains(theme.representativeIDs.count))
            #expect(Set(theme.representativeIDs).isSubset(of: Set(theme.memberIDs)))
            #expect(theme.representativeIDs.first == theme.memberIDs.first)  // members are sorted by centrality
            #expect(Set(theme.representativeIDs.map { text[$0]!.lowercased() }).count == theme.representativeIDs.count)
            #expect(theme.people == theme.memberIDs.reduce(0) { s, id in s + documents.first { $0.id == id }!.weight })
            #expect(theme.cohesion > 0 && theme.cohesion <= 1)
        }
    }

    @Test("identical texts always land in the same theme")
    func identicalTextsJoin() {
        var (documents, _) = AnalysisFixtures.corpus(count: 15)
        let repeated = "The bus shelter on Mill Road has been smashed for weeks"
        let copies = (0..<6).map { AnalysisDocument(id: AnalysisFixtures.uuid(900_000 + $0), text: repeated) }
        documents.insert(contentsOf: copies, at: 7)
        for k in [2, 3, 5, 8] {
            let result = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: UInt64(k), themeCount: .fixed(k)))
            let holding = result.themes.filter { !Set($0.memberIDs).isDisjoint(with: copies.map(\.id)) }
            #expect(holding.count == 1, "k = \(k)")
            #expect(Set(copies.map(\.id)).isSubset(of: Set(holding.first?.memberIDs ?? [])))
        }
        // nothing but copies: one theme, however many are asked for
        let only = ThematicAnalyser.run(copies, options: AnalysisOptions(themeCount: .fixed(3)))
        #expect(only.themes.count == 1)
        #expect(only.themes[0].memberIDs.count == 6)
    }

    @Test("the same seed gives the same result; the thread count does not change it")
    func deterministic() {
        let (documents, _) = AnalysisFixtures.corpus(count: 20)
        let options = AnalysisOptions(seed: 42, themeCount: .automatic(2...6), threads: 1)
        let a = ThematicAnalyser.run(documents, options: options)
        let b = ThematicAnalyser.run(documents, options: options)
        var twoThreads = options
        twoThreads.threads = 2
        let c = ThematicAnalyser.run(documents, options: twoThreads)
        #expect(a == b)
        #expect(a == c)
    }

    @Test("automatic mode leaves at most 15% unassigned, empty texts included, and fixed mode assigns every text with words")
    func unassignedBucket() {
        var (documents, _) = AnalysisFixtures.corpus(count: 20)
        let empties = ["", "!!!", "12345", "a"].enumerated().map {
            AnalysisDocument(id: AnalysisFixtures.uuid(800_000 + $0.offset), text: $0.element)
        }
        documents += empties
        let automatic = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: 2, themeCount: .automatic(2...8)))
        #expect(Set(empties.map(\.id)).isSubset(of: Set(automatic.unassigned)))
        #expect(Double(automatic.unassigned.count) <= 0.15 * Double(documents.count))
        let fixed = ThematicAnalyser.run(documents, options: AnalysisOptions(seed: 2, themeCount: .fixed(3)))
        #expect(Set(fixed.unassigned) == Set(empties.map(\.id)))
        // every document is in exactly one theme or unassigned
        for result in [automatic, fixed] {
            let all = result.themes.flatMap(\.memberIDs) + result.unassigned
            #expect(all.count == documents.count)
            #expect(Set(all) == Set(documents.map(\.id)))
        }
    }

    @Test("empty input, one document and texts without words do not crash")
    func degenerate() {
        let none = ThematicAnalyser.run([], options: AnalysisOptions())
        #expect(none.themes.isEmpty && none.unassigned.isEmpty)
        let one = AnalysisDocument(id: AnalysisFixtures.uuid(1), text: "The library should open on Sundays")
        for count in [ThemeCount.standard, .fixed(4)] {
            let result = ThematicAnalyser.run([one], options: AnalysisOptions(themeCount: count))
            #expect(result.themes.count + result.unassigned.count >= 1)
            #expect(result.themes.flatMap(\.memberIDs) + result.unassigned == [one.id])
        }
        let blank = ThematicAnalyser.run([AnalysisDocument(id: AnalysisFixtures.uuid(2), text: "...")], options: AnalysisOptions())
        #expect(blank.themes.isEmpty)
        #expect(blank.unassigned == [AnalysisFixtures.uuid(2)])
    }

    @Test("progress goes from 0 to 1 without going back")
    func progress() {
        final class Log: @unchecked Sendable {
            let lock = NSLock()
            var values: [Double] = []
            func add(_ v: Double) { lock.lock(); values.append(v); lock.unlock() }
        }
        let log = Log()
        let (documents, _) = AnalysisFixtures.corpus(count: 20)
        _ = ThematicAnalyser.run(documents, options: AnalysisOptions(themeCount: .automatic(2...6)), progress: { log.add($0) })
        #expect(log.values.first == 0)
        #expect(log.values.last == 1)
        #expect(zip(log.values, log.values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("theme sentiment counts each member once and leans the obvious way")
    func themeSentiment() {
        let complaints = (0..<12).map {
            AnalysisDocument(
                id: AnalysisFixtures.uuid(10 + $0),
                text: "The bins were not collected again, terrible and disgusting service \($0 % 3 == 0 ? "awful" : "bad")")
        }
        let praise = (0..<12).map {
            AnalysisDocument(
                id: AnalysisFixtures.uuid(50 + $0), text: "Lovely library staff, wonderful reading groups, great \($0 % 2 == 0 ? "books" : "events")")
        }
        let result = ThematicAnalyser.run(complaints + praise, options: AnalysisOptions(seed: 1, themeCount: .fixed(2)))
        #expect(result.themes.count == 2)
        for theme in result.themes {
            #expect(theme.sentiment.total == theme.memberIDs.count)
            if Set(theme.memberIDs) == Set(complaints.map(\.id)) {
                #expect(theme.sentiment.negative == 12 && theme.sentiment.meanCompound < -0.3)
            } else {
                #expect(Set(theme.memberIDs) == Set(praise.map(\.id)))
                #expect(theme.sentiment.positive == 12 && theme.sentiment.meanCompound > 0.3)
            }
        }
        #expect(result.documentSentiment.count == 24)
    }

    @Test("describe relabels groups an analyst has edited")
    func describeEditedGroups() {
        let (documents, labels) = AnalysisFixtures.corpus(count: 15)
        let busIDs = zip(documents, labels).filter { $0.1 == 0 }.map(\.0.id)
        let housingIDs = zip(documents, labels).filter { $0.1 == 2 }.map(\.0.id)
        let themes = ThematicAnalyser.describe(documents, groups: [busIDs, housingIDs + [UUID()]])
        #expect(themes.count == 2)
        #expect(themes[0].keyPhrases.joined(separator: " ").contains("bus"))
        #expect(Set(themes[1].memberIDs) == Set(housingIDs))  // unknown ids ignored
        #expect(Set(themes[1].representativeIDs).isSubset(of: Set(housingIDs)))
    }

    @Test("a precomputed embedding can replace the built-in vectoriser")
    func precomputedVectors() {
        let (documents, labels) = AnalysisFixtures.corpus(count: 10)
        // a stand-in for sentence embeddings: one direction per topic plus a little noise
        var random = AnalysisRandom(seed: 9)
        let vectors = DenseMatrix(labels.map { l in (0..<8).map { j in (j == l ? 1 : 0) + 0.05 * random.gaussian() } })
        let result = ThematicAnalyser.run(documents, vectors: vectors, options: AnalysisOptions(themeCount: .automatic(2...6)))
        #expect(result.themes.count == 3)
        #expect(result.diagnostics.vectoriser == "precomputed(8)")
        #expect(AnalysisFixtures.purity(result, documents, labels).allSatisfy { $0.share == 1 })
    }
}

@Suite("Analysis: the unassigned bucket")
struct AnalysisOutlierTests {
    @Test("outliers are the least similar, within the cap, and ties at the cut stay assigned together")
    func outlierCap() {
        // 20 documents: similarities 0.00, 0.01, … ; floor 0.5 makes 10 candidates; the cap (15%) allows 3
        var assignment = [Int32](repeating: 0, count: 20)
        var similarity = (0..<20).map { Float($0) / 100 }
        ThematicAnalyser.markOutliers(&assignment, similarity: similarity, floor: 0.5, maximumShare: 0.15)
        #expect(assignment.enumerated().filter { $0.element < 0 }.map(\.offset) == [0, 1, 2])
        // documents 2 and 3 are identical (same similarity): the cut would fall between them, so both stay
        assignment = [Int32](repeating: 0, count: 20)
        similarity[3] = similarity[2]
        ThematicAnalyser.markOutliers(&assignment, similarity: similarity, floor: 0.5, maximumShare: 0.15)
        #expect(assignment.enumerated().filter { $0.element < 0 }.map(\.offset) == [0, 1])
        // empty documents count against the cap
        assignment = [Int32](repeating: 0, count: 20)
        assignment[19] = -1
        assignment[18] = -1
        similarity = (0..<20).map { Float($0) / 100 }
        ThematicAnalyser.markOutliers(&assignment, similarity: similarity, floor: 0.5, maximumShare: 0.15)
        #expect(assignment.filter { $0 < 0 }.count == 3)
        #expect(assignment[0] == -1)
    }
}
