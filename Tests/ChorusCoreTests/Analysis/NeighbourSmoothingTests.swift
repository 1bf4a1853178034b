import Foundation
import Testing
@testable import ChorusCore

@Suite("Neighbour smoothing of sentence embeddings")
struct NeighbourSmoothingTests {
    static let random = AnalysisRandom(seed: 3)

    static func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test("a corpus under the minimum size is returned as it is")
    func smallCorporaAreLeftAlone() {
        let (x, _) = EmbeddingFixtures.blobs(3, perBlob: 20, spread: 0.3)
        #expect(NeighbourSmoothing.smooth(x, random: Self.random, threads: 2) == x)
        #expect(NeighbourSmoothing.smooth(x, settings: .init(neighbours: 0, minimumRows: 1), random: Self.random, threads: 2) == x)
    }

    @Test("when the search covers every cell, each row becomes the unit mean of itself and its exact nearest rows")
    func exactWhenEveryCellIsSearched() {
        let (x, _) = EmbeddingFixtures.blobs(4, perBlob: 30, spread: 0.3)
        let settings = NeighbourSmoothing.Settings(neighbours: 5, probes: 1_000, minimumRows: 10)
        let exact = GraphNeighbours(x, neighbours: 5, threads: 1)
        let found = NeighbourSmoothing.neighbours(x, count: 5, settings: settings, random: Self.random, threads: 2)
        #expect(found == exact.index)
        let smoothed = NeighbourSmoothing.smooth(x, settings: settings, random: Self.random, threads: 2)
        for r in 0..<x.rows {
            var sum = x.row(r)
            for t in 0..<5 { for (k, v) in x.row(Int(exact.index[r * 5 + t])).enumerated() { sum[k] += v } }
            let expected = EmbeddingFixtures.unit(sum)
            let got = smoothed.row(r)
            #expect(abs(Self.dot(got, got) - 1) < 1e-4, "unit length")
            #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-5 }, "row \(r)")
        }
    }

    @Test("with the default few cells searched, most of the true nearest rows are still found")
    func approximateSearchHasHighRecall() {
        let (x, _) = EmbeddingFixtures.blobs(12, perBlob: 200, dimensions: 32, spread: 0.25, seed: 11)
        let exact = GraphNeighbours(x, neighbours: 10, threads: 2)
        func recall(_ settings: NeighbourSmoothing.Settings) -> Double {
            let found = NeighbourSmoothing.neighbours(x, count: 10, settings: settings, random: Self.random, threads: 2)
            var hits = 0
            for r in 0..<x.rows {
                let truth = Set(exact.index[(r * 10)..<((r + 1) * 10)])
                let got = found[(r * 10)..<((r + 1) * 10)]
                #expect(!got.contains(Int32(r)), "a row is never its own neighbour")
                hits += got.filter { truth.contains($0) }.count
            }
            return Double(hits) / Double(x.rows * 10)
        }
        let searchOne = recall(.init(probes: 1)), searchDefault = recall(.init())
        #expect(searchDefault >= 0.85, "recall \(searchDefault)")
        #expect(searchDefault > searchOne + 0.1, "searching more cells finds more: \(searchOne) → \(searchDefault)")
    }

    @Test("smoothing pulls rows towards their group, and the result does not depend on the threads")
    func pullsRowsTowardsTheirGroup() {
        let (x, labels) = EmbeddingFixtures.blobs(6, perBlob: 400, dimensions: 24, spread: 0.45, seed: 7)
        let one = NeighbourSmoothing.smooth(x, random: Self.random, threads: 1)
        let three = NeighbourSmoothing.smooth(x, random: Self.random, threads: 3)
        #expect(one == three)
        func meanSimilarityToOwnCentre(_ m: DenseMatrix) -> Float {
            var centres = [[Float]](repeating: [Float](repeating: 0, count: m.columns), count: 6)
            for r in 0..<m.rows { for (k, v) in m.row(r).enumerated() { centres[labels[r]][k] += v } }
            centres = centres.map(EmbeddingFixtures.unit)
            return (0..<m.rows).reduce(0) { $0 + Self.dot(m.row($1), centres[labels[$1]]) } / Float(m.rows)
        }
        let before = meanSimilarityToOwnCentre(x), after = meanSimilarityToOwnCentre(one)
        #expect(after > before + 0.1, "\(before) → \(after)")
    }

    @Test("the engine smooths sentence embeddings unless told not to, with the same result on any threads")
    func theEngineSmoothsWhenAsked() {
        let (x, _) = EmbeddingFixtures.blobs(6, perBlob: 400, dimensions: 24, spread: 0.45, seed: 7)
        let docs = EmbeddingFixtures.documents(x.rows)
        func run(_ smoothing: Int, threads: Int) -> AnalysisResult {
            ThematicAnalyser.run(docs, vectors: x, options: AnalysisOptions(themeCount: .fixed(6), threads: threads, neighbourSmoothing: smoothing))
        }
        let plain = run(0, threads: 2), smoothed = run(30, threads: 2)
        #expect(!plain.diagnostics.stageSeconds.contains { $0.stage == "neighbour smoothing" })
        #expect(smoothed.diagnostics.stageSeconds.contains { $0.stage == "neighbour smoothing" })
        #expect(smoothed.themes.map(\.memberIDs) == run(30, threads: 1).themes.map(\.memberIDs))
        #expect(smoothed.themes.map(\.memberIDs) != plain.themes.map(\.memberIDs), "the smoothing changed the grouping")
    }

    @Test("the engine averages at most a tenth of an average theme, and nothing for small corpora or few neighbours")
    func howManyNeighbours() {
        #expect(NeighbourSmoothing.neighbours(documents: 100_000, themes: 30, atMost: 30) == 30)
        #expect(NeighbourSmoothing.neighbours(documents: 2_026, themes: 21, atMost: 30) == 9)
        #expect(NeighbourSmoothing.neighbours(documents: 2_400, themes: 100, atMost: 30) == 0, "2 neighbours: not worth it")
        #expect(NeighbourSmoothing.neighbours(documents: 1_999, themes: 2, atMost: 30) == 0)
        #expect(NeighbourSmoothing.neighbours(documents: 50_000, themes: 10, atMost: 0) == 0)
    }

    @Test("the best list keeps the highest scores in order and, among equal scores, the first offered")
    func topListKeepsTheBest() {
        var top = TopList(capacity: 3)
        for (i, s) in [(0, Float(0.1)), (1, 0.5), (2, 0.3), (3, 0.5), (4, 0.9), (5, 0.2)] { top.offer(Int32(i), s) }
        #expect(top.count == 3 && top.index == [4, 1, 3] && top.score == [0.9, 0.5, 0.5])
        top.reset()
        top.offer(7, 0.4)
        #expect(top.count == 1 && top.index[0] == 7)
    }
}
