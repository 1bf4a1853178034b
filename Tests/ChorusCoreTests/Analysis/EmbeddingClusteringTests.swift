import Foundation
import Testing
@testable import ChorusCore

/// Vector sets where the right grouping is obvious: tight blobs around well-separated unit directions.
enum EmbeddingFixtures {
    /// `perBlob` unit vectors around each of `blobs` random directions in `dimensions` (noise `spread` per
    /// coordinate); label = blob.
    static func blobs(_ blobs: Int, perBlob: Int, dimensions: Int = 24, spread: Float = 0.08, seed: UInt64 = 5)
        -> (vectors: DenseMatrix, labels: [Int])
    {
        var random = AnalysisRandom(seed: seed)
        var centres: [[Float]] = []
        for _ in 0..<blobs { centres.append(unit((0..<dimensions).map { _ in random.gaussian() })) }
        var rows: [[Float]] = []
        var labels: [Int] = []
        for i in 0..<perBlob {
            for b in 0..<blobs {
                _ = i
                rows.append(unit(centres[b].map { $0 + spread * random.gaussian() }))
                labels.append(b)
            }
        }
        return (DenseMatrix(rows), labels)
    }

    static func unit(_ v: [Float]) -> [Float] {
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / n }
    }

    static func documents(_ count: Int) -> [AnalysisDocument] {
        (0..<count).map { AnalysisDocument(id: uuid($0), text: "comment number \($0) about something") }
    }

    static func uuid(_ i: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", i))!
    }

    /// True when `found` groups the items exactly as `labels` does (same partition, any numbering).
    static func samePartition(_ found: [Int32], _ labels: [Int]) -> Bool {
        var forward: [Int32: Int] = [:], backward: [Int: Int32] = [:]
        for (f, l) in zip(found, labels) {
            if let seen = forward[f], seen != l { return false }
            if let seen = backward[l], seen != f { return false }
            forward[f] = l
            backward[l] = f
        }
        return true
    }
}

@Suite("Clustering over embeddings")
struct EmbeddingClusteringTests {
    @Test("the neighbour search finds the exact nearest rows, most similar first, never the row itself")
    func neighboursAreExact() {
        let (x, _) = EmbeddingFixtures.blobs(3, perBlob: 15, spread: 0.3)
        let nn = GraphNeighbours(x, neighbours: 5, threads: 2)
        for r in 0..<x.rows {
            var scored: [(Int, Float)] = []
            for j in 0..<x.rows where j != r {
                scored.append((j, zip(x.row(r), x.row(j)).reduce(0) { $0 + $1.0 * $1.1 }))
            }
            scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            for t in 0..<5 {
                #expect(Int(nn.index[r * 5 + t]) == scored[t].0)
                #expect(abs(nn.similarity[r * 5 + t] - scored[t].1) < 1e-5)
            }
        }
    }

    @Test("the fuzzy graph is symmetric with weights in (0, 1]")
    func graphIsSymmetric() {
        let (x, _) = EmbeddingFixtures.blobs(3, perBlob: 20)
        let g = SparseGraph.fuzzy(GraphNeighbours(x, neighbours: 6, threads: 1))
        var w: [Int: Double] = [:]
        for r in 0..<g.nodes { for e in g.rowStart[r]..<g.rowStart[r + 1] { w[r * g.nodes + Int(g.column[e])] = g.weight[e] } }
        for (key, value) in w {
            let (a, b) = (key / g.nodes, key % g.nodes)
            #expect(a != b)
            #expect(value > 0 && value <= 1)
            #expect(w[b * g.nodes + a] == value)
        }
    }

    @Test("well-separated blobs are split exactly, for both methods")
    func blobsSplit() {
        let (x, labels) = EmbeddingFixtures.blobs(5, perBlob: 40)
        let spectral = SpectralGraphClustering.cluster(x, k: 5, random: AnalysisRandom(seed: 1), threads: 2)
        #expect(spectral.clusters == 5)
        #expect(EmbeddingFixtures.samePartition(spectral.assignment, labels))
        let result = ThematicAnalyser.run(
            EmbeddingFixtures.documents(x.rows), vectors: x,
            options: AnalysisOptions(seed: 2, themeCount: .fixed(5), embeddingClustering: .kMeans))
        #expect(result.themes.count == 5)
        #expect(result.themes.allSatisfy { $0.memberIDs.count == 40 })
    }

    @Test("spectral clustering follows the graph, not the centre: two touching elongated groups")
    func chainsFollowTheGraph() {
        // Two parallel arcs of points on the unit circle's neighbourhood in 3-d: each arc is a chain whose ends are
        // further apart than the two arcs are from each other, which k-means splits across; the neighbour graph does not.
        var rows: [[Float]] = []
        var labels: [Int] = []
        for arc in 0..<2 {
            for i in 0..<80 {
                let angle = Float(i) / 79 * 2.4
                let z: Float = arc == 0 ? 0.18 : -0.18
                rows.append(EmbeddingFixtures.unit([cos(angle), sin(angle), z]))
                labels.append(arc)
            }
        }
        let x = DenseMatrix(rows)
        let spectral = SpectralGraphClustering.cluster(x, k: 2, settings: .init(neighbours: 6), random: AnalysisRandom(seed: 3), threads: 1)
        #expect(EmbeddingFixtures.samePartition(spectral.assignment, labels))
    }

    @Test("identical vectors always land in the same theme")
    func identicalJoin() {
        let (base, _) = EmbeddingFixtures.blobs(4, perBlob: 20, spread: 0.25)
        // every row three times
        var rows: [[Float]] = []
        for r in 0..<base.rows { for _ in 0..<3 { rows.append(base.row(r)) } }
        let x = DenseMatrix(rows)
        for seed in 1...3 as ClosedRange<UInt64> {
            let c = SpectralGraphClustering.cluster(x, k: 6, random: AnalysisRandom(seed: seed), threads: 2)
            for r in 0..<base.rows {
                #expect(c.assignment[3 * r] == c.assignment[3 * r + 1])
                #expect(c.assignment[3 * r] == c.assignment[3 * r + 2])
            }
        }
    }

    @Test("same seed, same result, whatever the number of threads; another seed may differ but stays valid")
    func deterministic() {
        let (x, _) = EmbeddingFixtures.blobs(6, perBlob: 50, spread: 0.3)
        let a = SpectralGraphClustering.cluster(x, k: 6, random: AnalysisRandom(seed: 9), threads: 1)
        let b = SpectralGraphClustering.cluster(x, k: 6, random: AnalysisRandom(seed: 9), threads: 2)
        #expect(a.assignment == b.assignment)
        #expect(a.similarity == b.similarity)
        let docs = EmbeddingFixtures.documents(x.rows)
        let r1 = ThematicAnalyser.run(docs, vectors: x, options: AnalysisOptions(seed: 4, themeCount: .automatic(2...10), threads: 1))
        let r2 = ThematicAnalyser.run(docs, vectors: x, options: AnalysisOptions(seed: 4, themeCount: .automatic(2...10), threads: 2))
        #expect(r1.themes == r2.themes)
        #expect(r1.unassigned == r2.unassigned)
    }

    @Test("the requested number of themes is honoured", arguments: [2, 3, 7, 12], EmbeddingClusterMethod.allCases)
    func fixedCountHonoured(k: Int, method: EmbeddingClusterMethod) {
        let (x, _) = EmbeddingFixtures.blobs(4, perBlob: 30, spread: 0.2)
        let result = ThematicAnalyser.run(
            EmbeddingFixtures.documents(x.rows), vectors: x,
            options: AnalysisOptions(seed: 1, themeCount: .fixed(k), embeddingClustering: method))
        #expect(result.themes.count == k)
        #expect(result.unassigned.isEmpty)
        #expect(result.themes.reduce(0) { $0 + $1.memberIDs.count } == x.rows)
    }

    @Test("a sample-fitted graph still gives every row a theme")
    func sampleFoldsIn() {
        let (x, labels) = EmbeddingFixtures.blobs(4, perBlob: 100)
        let c = SpectralGraphClustering.cluster(x, k: 4, settings: .init(sampleSize: 120), random: AnalysisRandom(seed: 2), threads: 2)
        #expect(c.assignment.allSatisfy { $0 >= 0 && $0 < 4 })
        #expect(EmbeddingFixtures.samePartition(c.assignment, labels))
    }

    @Test("automatic mode finds the blobs and leaves at most 15% unassigned, noise first", arguments: EmbeddingClusterMethod.allCases)
    func unassignedShare(method: EmbeddingClusterMethod) {
        let (blobs, _) = EmbeddingFixtures.blobs(4, perBlob: 50, dimensions: 64, spread: 0.03)
        var random = AnalysisRandom(seed: 77)
        var rows = (0..<blobs.rows).map { blobs.row($0) }
        let noise = 30  // 30 of 230 = 13%: random directions, far from every blob
        for _ in 0..<noise { rows.append(EmbeddingFixtures.unit((0..<64).map { _ in random.gaussian() })) }
        let x = DenseMatrix(rows)
        let docs = EmbeddingFixtures.documents(x.rows)
        let result = ThematicAnalyser.run(
            docs, vectors: x, options: AnalysisOptions(seed: 1, themeCount: .automatic(2...10), embeddingClustering: method))
        #expect(Double(result.unassigned.count) <= 0.15 * Double(x.rows))
        let noiseIDs = Set(docs.suffix(noise).map(\.id))
        // outliers are taken least similar first: only noise is left out, and some of it is
        #expect(!result.unassigned.isEmpty)
        #expect(result.unassigned.allSatisfy { noiseIDs.contains($0) })
        // every blob ends up whole in one theme
        let blobThemes = (0..<4).map { b in Set((0..<50).map { i in docs[i * 4 + b].id }) }
        for blob in blobThemes {
            #expect(result.themes.contains { Set($0.memberIDs).isSuperset(of: blob) })
        }
        // a tighter cap is obeyed too
        let capped = ThematicAnalyser.run(
            docs, vectors: x,
            options: AnalysisOptions(seed: 1, themeCount: .automatic(2...10), maximumUnassignedShare: 0.05, embeddingClustering: method))
        #expect(Double(capped.unassigned.count) <= 0.05 * Double(x.rows))
    }
}

@Suite("Number of themes over embeddings")
struct EmbeddingThemeCountTests {
    @Test("clear blobs: the silhouette decides; no structure at all: √(n/2) within the range")
    func flatSilhouetteFallsBack() {
        let (x, _) = EmbeddingFixtures.blobs(4, perBlob: 40, dimensions: 32, spread: 0.03)
        let clear = ThematicAnalyser.run(
            EmbeddingFixtures.documents(x.rows), vectors: x,
            options: AnalysisOptions(seed: 1, themeCount: .automatic(2...12)))
        #expect(clear.themes.count == 4)
        // 200 random directions in 64 dimensions: every k separates them equally badly
        var random = AnalysisRandom(seed: 8)
        let noise = DenseMatrix((0..<200).map { _ in EmbeddingFixtures.unit((0..<64).map { _ in random.gaussian() }) })
        let flat = ThematicAnalyser.run(
            EmbeddingFixtures.documents(noise.rows), vectors: noise,
            options: AnalysisOptions(seed: 1, themeCount: .automatic(2...30)))
        let spread = flat.diagnostics.silhouetteByThemeCount.values.max()! - flat.diagnostics.silhouetteByThemeCount.values.min()!
        #expect(spread < ThematicAnalyser.flatSilhouette)
        #expect(flat.themes.count == 10)  // √(200/2)
    }
}
