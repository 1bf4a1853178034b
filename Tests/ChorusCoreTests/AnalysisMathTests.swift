import Foundation
import Testing
@testable import ChorusCore

@Suite("Analysis: the numerical stages")
struct AnalysisMathTests {
    @Test("the eigen-decomposition of a small symmetric matrix is exact")
    func eigen() {
        let (values, vectors) = SymmetricEigen.decompose([2, 1, 0, 1, 2, 0, 0, 0, 5], n: 3)
        #expect(abs(values[0] - 5) < 1e-12 && abs(values[1] - 3) < 1e-12 && abs(values[2] - 1) < 1e-12)
        // first eigenvector is ±e3
        #expect(abs(abs(vectors[2 * 3 + 0]) - 1) < 1e-12)
    }

    @Test("the randomized truncated SVD recovers the singular values of a low-rank sparse matrix")
    func truncatedSVD() {
        // a 40 × 30 matrix of rank 2: rows are a·u1 + b·u2 with disjoint supports
        var rowStart = [0], columns: [Int32] = [], values: [Float] = []
        for r in 0..<40 {
            let a = Float(r % 5 + 1), b = Float(r % 3)
            for c in 0..<10 { columns.append(Int32(c)); values.append(a) }
            if b > 0 { for c in 10..<15 { columns.append(Int32(c)); values.append(b) } }
            rowStart.append(columns.count)
        }
        let x = SparseRows(rows: 40, columns: 30, rowStart: rowStart, columnIndex: columns, values: values)
        let svd = TruncatedSVD(
            x, settings: .init(dimensions: 5, oversampling: 5, powerIterations: 2),
            random: AnalysisRandom(seed: 1), threads: 1)
        #expect(svd.singularValues.count == 2)  // the rank, not the 5 asked for
        // exact: X = a·1_Aᵀ + b·1_Bᵀ, so XᵀX on (1_A/√10, 1_B/√5) is [[10 a·a, √50 a·b], [√50 a·b, 5 b·b]]
        var aa = 0.0, ab = 0.0, bb = 0.0
        for r in 0..<40 {
            let a = Double(r % 5 + 1), b = Double(r % 3)
            aa += a * a; ab += a * b; bb += b * b
        }
        let p = 10 * aa, q = 50.0.squareRoot() * ab, s = 5 * bb
        let mean = (p + s) / 2, spread = (((p - s) / 2) * ((p - s) / 2) + q * q).squareRoot()
        let sigma = [(mean + spread).squareRoot(), (mean - spread).squareRoot()]
        for i in 0..<2 { #expect(abs(Double(svd.singularValues[i]) - sigma[i]) / sigma[i] < 1e-4) }
        // documents = X·W: row norms of U Σ equal the rows' norms (rank 2 holds everything)
        for r in [0, 7, 39] {
            let row = svd.documents.row(r)
            let norm = row.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            let a = Float(r % 5 + 1), b = Float(r % 3)
            #expect(abs(norm - (10 * a * a + 5 * b * b).squareRoot()) < 1e-3)
        }
    }

    @Test("k-means separates well-separated groups and is the same for any thread count")
    func kmeans() {
        var random = AnalysisRandom(seed: 3)
        let centres: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
        var rows: [[Float]] = []
        for i in 0..<3000 { rows.append(centres[i % 3].map { $0 + 0.1 * random.gaussian() }) }
        var x = DenseMatrix(rows)
        x.normaliseRows()
        let one = DocumentKMeans(x, k: 3, random: AnalysisRandom(seed: 8), threads: 1)
        let two = DocumentKMeans(x, k: 3, random: AnalysisRandom(seed: 8), threads: 2)
        #expect(one.assignment == two.assignment)
        #expect(one.centres == two.centres)
        for i in 0..<3000 { #expect(one.assignment[i] == one.assignment[i % 3]) }
        #expect(Set(one.assignment.prefix(3)).count == 3)
    }

    @Test("the silhouette is high for clean clusters and the parsimony rule takes the smallest k near the best")
    func silhouetteAndRule() {
        let x = DenseMatrix([[1, 0], [0.99, 0.14], [0, 1], [0.14, 0.99]])
        var unit = x
        unit.normaliseRows()
        let similarity = ThemeCountSelector.pairwiseSimilarity(unit, threads: 1)
        let good = ThemeCountSelector.silhouette(similarity, n: 4, labels: [0, 0, 1, 1], k: 2)
        let bad = ThemeCountSelector.silhouette(similarity, n: 4, labels: [0, 1, 0, 1], k: 2)
        #expect(good > 0.9)
        #expect(bad < 0)
        #expect(ThemeCountSelector.pick([2: 0.10, 3: 0.30, 4: 0.25, 5: 0.31]) == 3)
        #expect(ThemeCountSelector.pick([2: 0.50, 3: 0.20, 4: 0.10]) == 2)
        #expect(ThemeCountSelector.candidateCounts(2...30) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 21, 24, 28, 30])
        #expect(ThemeCountSelector.searchRange(2...30, documents: 12) == 2...2)
        #expect(ThemeCountSelector.searchRange(2...30, documents: 1000) == 2...30)
    }

    @Test("the seeded generator is reproducible and samples without repeats")
    func random() {
        var a = AnalysisRandom(seed: 5), b = AnalysisRandom(seed: 5)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        let sample = a.sample(50, of: 100)
        #expect(sample.count == 50 && Set(sample).count == 50 && sample == sample.sorted())
    }
}
