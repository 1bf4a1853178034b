import Foundation

/// Chooses the number of themes in automatic mode.
///
/// On a random sample of the documents (at most 3,000), k-means is run for each candidate k and scored by the mean
/// silhouette (cosine distance). On text the silhouette usually keeps creeping up as k grows (many small tight
/// groups), so instead of the maximum the rule takes the *smallest* k whose silhouette reaches the best one less
/// a tolerance (15% of the spread between the worst and the best score) — the most parsimonious k that is about as
/// well separated as the best. When the data has a clear peak (three distinct topics), that peak is chosen.
/// docs/analysis-engine.md gives the measured effect on the benchmark corpora.
enum ThemeCountSelector {
    struct Choice: Sendable {
        let k: Int
        let silhouette: [Int: Double]
    }

    static let sampleSize = 3000
    static let tolerance = 0.15

    /// The k range actually searched for `documents` non-empty documents: at most one theme per 5 documents.
    static func searchRange(_ requested: ClosedRange<Int>, documents: Int) -> ClosedRange<Int> {
        let upper = max(1, min(requested.upperBound, documents / 5))
        let lower = max(1, min(requested.lowerBound, upper))
        return lower...max(lower, upper)
    }

    static func choose(
        _ x: DenseMatrix, range requested: ClosedRange<Int>, random: AnalysisRandom, threads: Int,
        progress: ((Double) -> Void)? = nil
    ) -> Choice {
        let d = x.columns
        let live = (0..<x.rows).filter { r in x.values[(r * d)..<((r + 1) * d)].contains { $0 != 0 } }
        let range = searchRange(requested, documents: live.count)
        if range.lowerBound == range.upperBound { return Choice(k: range.lowerBound, silhouette: [:]) }
        var random = random
        let rows = live.count > sampleSize ? random.sample(sampleSize, of: live.count).map { live[$0] } : live
        let sample = x.selecting(rows: rows)
        let similarity = pairwiseSimilarity(sample, threads: threads)
        let candidates = candidateCounts(range)
        var scores: [Int: Double] = [:]
        for (i, k) in candidates.enumerated() {
            let run = DocumentKMeans(
                sample, k: k, settings: .init(restarts: 3, maximumIterations: 30, restartSample: sampleSize),
                random: random.derived(UInt64(1000 + k)), threads: threads)
            scores[k] = silhouette(similarity, n: sample.rows, labels: run.assignment, k: k)
            progress?(Double(i + 1) / Double(candidates.count))
        }
        return Choice(k: pick(scores), silhouette: scores)
    }

    /// The smallest k whose score is within `tolerance` of the best (as a share of best − worst).
    static func pick(_ scores: [Int: Double]) -> Int {
        guard let best = scores.values.max(), let worst = scores.values.min() else { return 1 }
        let threshold = best - tolerance * (best - worst)
        return scores.filter { $0.value >= threshold }.keys.min() ?? 1
    }

    /// Every k in a short range; a spread of values (all up to 12, then about 15% apart) in a long one.
    static func candidateCounts(_ range: ClosedRange<Int>) -> [Int] {
        var out: [Int] = []
        var k = max(2, range.lowerBound)
        while k <= range.upperBound {
            out.append(k)
            k = k < 12 ? k + 1 : max(k + 1, Int((Double(k) * 1.15).rounded()))
        }
        if out.last != range.upperBound && range.upperBound >= 2 { out.append(range.upperBound) }
        return out
    }

    /// n × n cosine similarities of unit rows.
    static func pairwiseSimilarity(_ x: DenseMatrix, threads: Int) -> [Float] {
        let n = x.rows, d = x.columns
        var s = [Float](repeating: 0, count: n * n)
        s.withUnsafeMutableBufferPointer { out in
            x.values.withUnsafeBufferPointer { xv in
                let shared = AnalysisUnchecked((out, xv))
                AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 64) { range in
                    let (out, xv) = shared.value
                    for i in range {
                        let a = xv.baseAddress! + i * d
                        for j in 0..<n {
                            let b = xv.baseAddress! + j * d
                            out[i * n + j] = VectorMath.dot(a, b, d)
                        }
                    }
                }
            }
        }
        return s
    }

    /// Mean silhouette with distance 1 − similarity; rows labelled -1 are ignored, members of singleton clusters
    /// score 0 (Rousseeuw 1987).
    static func silhouette(_ similarity: [Float], n: Int, labels: [Int32], k: Int) -> Double {
        var size = [Int](repeating: 0, count: k)
        for l in labels where l >= 0 { size[Int(l)] += 1 }
        var total = 0.0
        var counted = 0
        var sums = [Double](repeating: 0, count: k)
        for i in 0..<n where labels[i] >= 0 {
            for c in 0..<k { sums[c] = 0 }
            let row = i * n
            for j in 0..<n where labels[j] >= 0 { sums[Int(labels[j])] += Double(1 - similarity[row + j]) }
            let own = Int(labels[i])
            counted += 1
            guard size[own] > 1 else { continue }
            let a = (sums[own] - Double(1 - similarity[row + i])) / Double(size[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && size[c] > 0 { b = min(b, sums[c] / Double(size[c])) }
            guard b.isFinite else { continue }
            let m = max(a, b)
            if m > 0 { total += (b - a) / m }
        }
        return counted > 0 ? total / Double(counted) : 0
    }
}
