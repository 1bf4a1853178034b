import Foundation

/// How `ThematicAnalyser` groups documents whose vectors are sentence embeddings (`run(_:vectors:)` or a
/// `DocumentEmbedder`). The built-in TF-IDF + LSA path always uses k-means.
///
/// Measured on all-MiniLM-L6-v2 vectors of the benchmark corpora (docs/analysis-engine.md, "Themes over sentence
/// embeddings"): k-means with several k-means++ restarts was as good as or better than every graph method tried
/// (spectral clustering of the kNN graph, UMAP + k-means, Ward) on fortunes and healthtweets and within noise on
/// chatterbot, and is 5× faster than the graph, so it is the default.
public enum EmbeddingClusterMethod: String, Sendable, Equatable, CaseIterable, Codable {
    /// k-means on the unit vectors, as on the TF-IDF path (k-means++ restarts on a sample, best objective kept,
    /// refined on every row). The default.
    case kMeans = "k-means"
    /// Spectral clustering of the cosine nearest-neighbour graph: the fuzzy 15-nearest-neighbour graph (UMAP's
    /// construction), its leading eigenvectors, k-means on them. Fitted on a sample of at most
    /// `AnalysisOptions.graphSampleSize` documents; the rest join the nearest theme centre. Follows chains of
    /// similar comments that k-means would cut, but on real comments it did not score better and costs more
    /// (quadratic in the sample).
    case spectralGraph = "spectral-graph"
}

/// The result every clustering method gives the analyser.
struct ClusterAssignment: Sendable {
    /// Cluster of each row (-1 for all-zero rows).
    let assignment: [Int32]
    /// Cosine similarity of each row to its cluster's centre (mean of the members, in the input space).
    let similarity: [Float]
    let clusters: Int
}

/// Spectral clustering of the cosine kNN graph (Ng, Jordan & Weiss 2001 on the fuzzy graph of McInnes et al. 2018).
///
/// 1. Sample at most `sampleSize` non-zero rows (all when fewer).
/// 2. The exact `neighbours` nearest neighbours of each sampled row; the fuzzy graph W (`SparseGraph.fuzzy`).
/// 3. The leading `k` eigenvectors of D^-1/2 W D^-1/2, by subspace iteration on (I + D^-1/2 W D^-1/2)/2 with a few
///    extra vectors and a Rayleigh–Ritz step; each row of the n × k eigenvector block scaled to unit length.
/// 4. k-means (k-means++ restarts, best objective) on those rows.
/// 5. Each theme's centre is its members' mean in the input space; rows outside the sample join the nearest centre
///    (x·μ − ‖μ‖²/2, as in k-means), and every row's similarity is its cosine to its centre.
/// Deterministic for a seed, whatever the number of threads.
enum SpectralGraphClustering {
    struct Settings: Sendable {
        var neighbours = 15
        var sampleSize = 12_000
        var iterations = 120
        var extraVectors = 8
    }

    static func cluster(
        _ x: DenseMatrix, k wanted: Int, settings: Settings = Settings(), random: AnalysisRandom,
        threads: Int
    ) -> ClusterAssignment {
        let n = x.rows, d = x.columns
        let live = (0..<n).filter { r in x.values[(r * d)..<((r + 1) * d)].contains { $0 != 0 } }
        let k = max(1, min(wanted, live.count))
        // Too few rows for a graph: plain k-means.
        if live.count < max(3 * settings.neighbours, 2 * k) || k == 1 {
            let km = DocumentKMeans(x, k: k, random: random.derived(0x4B), threads: threads)
            return ClusterAssignment(assignment: km.assignment, similarity: km.similarity, clusters: km.centres.rows)
        }
        var random = random
        let sampleRows =
            live.count > settings.sampleSize
            ? random.sample(settings.sampleSize, of: live.count).map { live[$0] } : live
        let sample = x.selecting(rows: sampleRows)
        let nn = GraphNeighbours(sample, neighbours: settings.neighbours, threads: threads)
        let graph = SparseGraph.fuzzy(nn)
        let spectral = embedding(
            graph, dimensions: k, extra: settings.extraVectors, iterations: settings.iterations,
            random: random.derived(0x5EC), threads: threads)
        let km = DocumentKMeans(spectral, k: k, random: random.derived(0x4B), threads: threads)
        // Centres in the input space from the sample's clusters, then every row to its nearest centre; sampled rows
        // keep their graph cluster.
        var centres = DenseMatrix(rows: k, columns: d)
        var counts = [Int](repeating: 0, count: k)
        for (i, r) in sampleRows.enumerated() where km.assignment[i] >= 0 {
            let c = Int(km.assignment[i])
            counts[c] += 1
            for j in 0..<d { centres.values[c * d + j] += x.values[r * d + j] }
        }
        for c in 0..<k where counts[c] > 0 {
            for j in 0..<d { centres.values[c * d + j] /= Float(counts[c]) }
        }
        var assignment = [Int32](repeating: -1, count: n)
        var similarity = [Float](repeating: 0, count: n)
        DocumentKMeans.assign(x, centres: centres, assignment: &assignment, similarity: &similarity, threads: threads)
        for (i, r) in sampleRows.enumerated() { assignment[r] = km.assignment[i] }
        // similarity of every row to its own centre (sampled rows may sit in a theme whose centre is not the nearest)
        var norms = [Float](repeating: 0, count: k)
        centres.values.withUnsafeBufferPointer { cv in
            for c in 0..<k { norms[c] = VectorMath.dot(cv.baseAddress! + c * d, cv.baseAddress! + c * d, d).squareRoot() }
            x.values.withUnsafeBufferPointer { xv in
                for r in sampleRows where assignment[r] >= 0 {
                    let c = Int(assignment[r])
                    similarity[r] = norms[c] > 0 ? VectorMath.dot(xv.baseAddress! + r * d, cv.baseAddress! + c * d, d) / norms[c] : 0
                }
            }
        }
        return ClusterAssignment(assignment: assignment, similarity: similarity, clusters: k)
    }

    /// The rows of the leading `dimensions` eigenvectors of D^-1/2 W D^-1/2, each scaled to unit length.
    static func embedding(
        _ g: SparseGraph, dimensions: Int, extra: Int, iterations: Int, random: AnalysisRandom,
        threads: Int
    ) -> DenseMatrix {
        let n = g.nodes
        let p = min(n, dimensions + extra)
        let degree = g.degrees
        let scale = degree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        // normalised weights of M = (I + D^-1/2 W D^-1/2) / 2
        var normalised = [Double](repeating: 0, count: g.weight.count)
        for r in 0..<n {
            for e in g.rowStart[r]..<g.rowStart[r + 1] { normalised[e] = 0.5 * g.weight[e] * scale[r] * scale[Int(g.column[e])] }
        }
        var random = random
        var q = [Double](repeating: 0, count: n * p)  // n × p, row-major
        for i in 0..<(n * p) { q[i] = Double(random.gaussian()) }
        // the known leading eigenvector (D^1/2 · 1) as the first start column speeds convergence
        for r in 0..<n { q[r * p] = degree[r].squareRoot() }
        orthonormaliseColumns(&q, rows: n, columns: p)
        var y = [Double](repeating: 0, count: n * p)
        for _ in 0..<iterations {
            multiply(g, normalised, q, into: &y, columns: p, threads: threads)
            swap(&q, &y)
            orthonormaliseColumns(&q, rows: n, columns: p)
        }
        // Rayleigh–Ritz: H = Qᵀ M Q, its eigenvectors rotate Q into the eigenvector estimates.
        multiply(g, normalised, q, into: &y, columns: p, threads: threads)
        var h = [Double](repeating: 0, count: p * p)
        for r in 0..<n {
            for a in 0..<p {
                let qa = q[r * p + a]
                if qa == 0 { continue }
                for b in 0..<p { h[a * p + b] += qa * y[r * p + b] }
            }
        }
        for a in 0..<p { for b in 0..<a { let m = (h[a * p + b] + h[b * p + a]) / 2; h[a * p + b] = m; h[b * p + a] = m } }
        let eigen = SymmetricEigen.decompose(h, n: p)
        let k = min(dimensions, p)
        var out = DenseMatrix(rows: n, columns: k)
        for r in 0..<n {
            for c in 0..<k {
                var s = 0.0
                for a in 0..<p { s += q[r * p + a] * eigen.vectors[a * p + c] }
                out.values[r * k + c] = Float(s)
            }
        }
        out.normaliseRows()
        return out
    }

    /// y = M q for the sparse symmetric M given by the graph's pattern and `weights`.
    static func multiply(
        _ g: SparseGraph, _ weights: [Double], _ q: [Double], into y: inout [Double], columns p: Int,
        threads: Int
    ) {
        let n = g.nodes
        y.withUnsafeMutableBufferPointer { yb in
            q.withUnsafeBufferPointer { qb in
                weights.withUnsafeBufferPointer { wb in
                    g.column.withUnsafeBufferPointer { cb in
                        g.rowStart.withUnsafeBufferPointer { sb in
                            let shared = AnalysisUnchecked((yb, qb, wb, cb, sb))
                            AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 2048) { range in
                                let (yb, qb, wb, cb, sb) = shared.value
                                for r in range {
                                    let out = yb.baseAddress! + r * p
                                    let own = qb.baseAddress! + r * p
                                    for a in 0..<p { out[a] = 0.5 * own[a] }
                                    for e in sb[r]..<sb[r + 1] {
                                        let w = wb[e]
                                        let src = qb.baseAddress! + Int(cb[e]) * p
                                        for a in 0..<p { out[a] += w * src[a] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Orthonormalises the columns of a row-major rows × columns matrix: Cholesky QR (G = QᵀQ = LLᵀ, Q ← Q L⁻ᵀ),
    /// done twice for accuracy; row-wise passes, so it is cheap for tall thin blocks. Falls back to modified
    /// Gram–Schmidt when G is not numerically positive definite (a vanishing column stays zero).
    static func orthonormaliseColumns(_ q: inout [Double], rows n: Int, columns p: Int) {
        for _ in 0..<2 where !choleskyQR(&q, rows: n, columns: p) {
            gramSchmidt(&q, rows: n, columns: p)
            return
        }
    }

    static func choleskyQR(_ q: inout [Double], rows n: Int, columns p: Int) -> Bool {
        var g = [Double](repeating: 0, count: p * p)
        q.withUnsafeBufferPointer { qb in
            for r in 0..<n {
                let row = qb.baseAddress! + r * p
                for a in 0..<p {
                    let va = row[a]
                    if va == 0 { continue }
                    for b in a..<p { g[a * p + b] += va * row[b] }
                }
            }
        }
        // Cholesky G = L Lᵀ (upper triangle of g holds G; L lower, row-major)
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = g[j * p + i]
                for t in 0..<j { s -= l[i * p + t] * l[j * p + t] }
                if i == j {
                    guard s > 1e-12 * max(1, g[i * p + i]) else { return false }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        // each row x ← x L⁻ᵀ, i.e. solve L y = xᵀ (forward substitution)
        q.withUnsafeMutableBufferPointer { qb in
            for r in 0..<n {
                let row = qb.baseAddress! + r * p
                for i in 0..<p {
                    var s = row[i]
                    for t in 0..<i { s -= l[i * p + t] * row[t] }
                    row[i] = s / l[i * p + i]
                }
            }
        }
        return true
    }

    static func gramSchmidt(_ q: inout [Double], rows n: Int, columns p: Int) {
        q.withUnsafeMutableBufferPointer { qb in
            for _ in 0..<2 {
                for a in 0..<p {
                    for b in 0..<a {
                        var dot = 0.0
                        for r in 0..<n { dot += qb[r * p + a] * qb[r * p + b] }
                        for r in 0..<n { qb[r * p + a] -= dot * qb[r * p + b] }
                    }
                    var norm = 0.0
                    for r in 0..<n { norm += qb[r * p + a] * qb[r * p + a] }
                    norm = norm.squareRoot()
                    let inv = norm > 1e-300 ? 1 / norm : 0
                    for r in 0..<n { qb[r * p + a] *= inv }
                }
            }
        }
    }
}
