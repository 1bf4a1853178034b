import Foundation

/// The exact k nearest neighbours (cosine) of every row among the rows of a unit-length matrix, and the fuzzy
/// neighbour graph built from them (the UMAP construction, McInnes et al. 2018).
///
/// Brute force: every pair's dot product, four candidate rows per load of the query row (as `VectorMath.nearest`),
/// parallel over query rows. A row is never its own neighbour; ties go to the lower index (`TopList`), so the result
/// does not depend on the number of threads. Quadratic: the caller fits on a sample of large corpora.
struct GraphNeighbours: Sendable {
    let rows: Int
    let count: Int
    /// rows × count neighbour indices, most similar first.
    let index: [Int32]
    /// rows × count cosine similarities, matching `index`.
    let similarity: [Float]

    init(_ x: DenseMatrix, neighbours: Int, threads: Int) {
        let n = x.rows, d = x.columns
        let m = max(1, min(neighbours, n - 1))
        rows = n
        count = n > 1 ? m : 0
        guard n > 1 else { index = []; similarity = []; return }
        var index = [Int32](repeating: 0, count: n * m)
        var similarity = [Float](repeating: -.infinity, count: n * m)
        index.withUnsafeMutableBufferPointer { ix in
            similarity.withUnsafeMutableBufferPointer { sx in
                x.values.withUnsafeBufferPointer { xv in
                    let shared = AnalysisUnchecked((ix, sx, xv))
                    AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 64) { range in
                        let (ix, sx, xv) = shared.value
                        let base = xv.baseAddress!
                        var top = TopList(capacity: m)
                        for q in range {
                            top.reset()
                            top.scan(base + q * d, rows: base, 0..<n, dimensions: d, skipping: Int32(q)) { Int32($0) }
                            for t in 0..<m {
                                ix[q * m + t] = top.index[t]
                                sx[q * m + t] = top.score[t]
                            }
                        }
                    }
                }
            }
        }
        self.index = index
        self.similarity = similarity
    }
}

/// A symmetric sparse graph with non-negative weights (compressed rows; both directions stored).
struct SparseGraph: Sendable {
    let nodes: Int
    let rowStart: [Int]
    let column: [Int32]
    let weight: [Double]

    /// The fuzzy union of the directed kNN memberships (UMAP): for each row, distances d = 1 − cosine, ρ the
    /// nearest one, σ such that Σ exp(−(d − ρ)/σ) = log₂(k); w = exp(−(d − ρ)/σ); then w(a,b) + w(b,a) − w(a,b)·w(b,a).
    /// The nearest neighbour always weighs 1, so a point in a sparse region keeps a link; neighbours much further
    /// than the nearest weigh little, which is what separates touching themes better than a plain kNN graph.
    static func fuzzy(_ nn: GraphNeighbours) -> SparseGraph {
        let n = nn.rows, m = nn.count
        var directed = [[(Int32, Double)]](repeating: [], count: n)
        let target = log2(Double(max(m, 2)))
        for r in 0..<n {
            var distance = [Double](repeating: 0, count: m)
            for t in 0..<m { distance[t] = Double(1 - nn.similarity[r * m + t]) }
            let rho = distance.min() ?? 0
            var lo = 1e-8, hi = 10.0
            for _ in 0..<48 {
                let mid = (lo + hi) / 2
                var s = 0.0
                for t in 0..<m { s += exp(-max(0, distance[t] - rho) / mid) }
                if s > target { hi = mid } else { lo = mid }
            }
            let sigma = (lo + hi) / 2
            directed[r] = (0..<m).map { t in (nn.index[r * m + t], exp(-max(0, distance[t] - rho) / sigma)) }
        }
        // symmetrise: w_ab + w_ba − w_ab·w_ba
        var merged = [[Int32: Double]](repeating: [:], count: n)
        for r in 0..<n {
            for (c, w) in directed[r] where Int(c) != r {
                let ci = Int(c)
                let a = merged[r][c] ?? 0, b = w
                merged[r][c] = a + b - a * b
                let a2 = merged[ci][Int32(r)] ?? 0
                merged[ci][Int32(r)] = a2 + b - a2 * b
            }
        }
        var rowStart = [0]
        var column: [Int32] = []
        var weight: [Double] = []
        for r in 0..<n {
            for (c, w) in merged[r].sorted(by: { $0.key < $1.key }) where w > 0 {
                column.append(c)
                weight.append(w)
            }
            rowStart.append(column.count)
        }
        return SparseGraph(nodes: n, rowStart: rowStart, column: column, weight: weight)
    }

    var degrees: [Double] {
        (0..<nodes).map { r in (rowStart[r]..<rowStart[r + 1]).reduce(0) { $0 + weight[$1] } }
    }
}
