import Foundation

/// Sentence embeddings averaged with their nearest neighbours before clustering: each unit row becomes the unit-length
/// mean of itself and its `neighbours` most similar rows (cosine). A comment is then placed by what it shares with the
/// comments around it rather than by its own wording alone, which is what graph methods (UMAP in BERTopic) draw on.
///
/// `ThematicAnalyser` smooths sentence embeddings with up to `AnalysisOptions.neighbourSmoothing` (30) neighbours, at
/// most a tenth of an average theme. On the benchmark's MiniLM vectors (bench/README.md, issue 7) this moved NMI from
/// 0.223 to 0.235 on fortunes and from 0.151 to 0.157 on healthtweets, left chatterbot level (its small themes get
/// 10 neighbours; 30 cost it 0.04), and made 100,000 comments take about 18 s instead of 7. Corpora under 2,000
/// comments have too few neighbours sharing a subject and are left as they are.
///
/// The neighbours are found approximately, inverted-file style: the rows are cut into about √n cells by a coarse
/// k-means fitted on a sample, each row is compared with the rows of its `probes` nearest cells only (its own first),
/// and the cells' rows are stored together so four candidates share each load of the row (`VectorMath.dot4`). Cost
/// is about n × probes × √n dot products instead of n². Each row's result depends only on the data and the seed (a
/// candidate replaces the m-th best only when strictly more similar, scanned in a fixed order), not on the threads.
enum NeighbourSmoothing {
    /// How many neighbours `ThematicAnalyser` averages for `n` documents in `k` themes: `atMost`, but never more than
    /// a tenth of an average theme (chatterbot's themes of ~50 texts lost 0.04 NMI with 30 neighbours and nothing with
    /// 10), and 0 (no smoothing) under `Settings().minimumRows` documents or below 3 neighbours.
    static func neighbours(documents n: Int, themes k: Int, atMost: Int) -> Int {
        guard n >= Settings().minimumRows else { return 0 }
        let m = min(atMost, n / (10 * max(1, k)))
        return m >= 3 ? m : 0
    }

    struct Settings: Sendable, Equatable {
        /// Neighbours averaged with each row (0 = no smoothing).
        var neighbours = 30
        /// Cells each row searches: its own and the next nearest.
        var probes = 4
        /// Corpora smaller than this are returned unchanged.
        var minimumRows = 2_000
        /// The coarse k-means is fitted on at most this many rows.
        var cellSample = 20_000
    }

    static func smooth(_ x: DenseMatrix, settings: Settings = Settings(), random: AnalysisRandom, threads: Int) -> DenseMatrix {
        let n = x.rows, d = x.columns
        let m = min(settings.neighbours, n - 1)
        guard n >= settings.minimumRows, m > 0, d > 0 else { return x }
        let nn = neighbours(x, count: m, settings: settings, random: random, threads: threads)
        var out = [Float](repeating: 0, count: n * d)
        out.withUnsafeMutableBufferPointer { ob in
            x.values.withUnsafeBufferPointer { xv in
                let shared = AnalysisUnchecked((ob, xv))
                AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 256) { range in
                    let (ob, xv) = shared.value
                    let base = xv.baseAddress!
                    for r in range {
                        let target = ob.baseAddress! + r * d
                        let own = base + r * d
                        for k in 0..<d { target[k] = own[k] }
                        for t in 0..<m {
                            let j = Int(nn[r * m + t])
                            guard j >= 0 else { break }
                            let source = base + j * d
                            for k in 0..<d { target[k] += source[k] }
                        }
                    }
                }
            }
        }
        var smoothed = DenseMatrix(rows: n, columns: d, values: out)
        smoothed.normaliseRows()
        return smoothed
    }

    /// rows × count indices of each row's approximate nearest rows, most similar first; -1 pads a row whose cells
    /// hold fewer than `count` other rows. Exact when `settings.probes` covers every cell.
    static func neighbours(_ x: DenseMatrix, count m: Int, settings: Settings, random: AnalysisRandom, threads: Int) -> [Int32] {
        let n = x.rows, d = x.columns
        let cells = cellsOf(x, settings: settings, random: random, threads: threads)
        let p = max(1, min(settings.probes, cells.count))

        // Each row's nearest cells, best first (ties to the lower cell).
        var probe = [Int32](repeating: 0, count: n * p)
        probe.withUnsafeMutableBufferPointer { pb in
            x.values.withUnsafeBufferPointer { xv in
                cells.centres.values.withUnsafeBufferPointer { cv in
                    let shared = AnalysisUnchecked((pb, xv, cv))
                    AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 256) { range in
                        let (pb, xv, cv) = shared.value
                        var top = TopList(capacity: p)
                        for r in range {
                            let row = xv.baseAddress! + r * d
                            top.reset()
                            for c in 0..<cells.count { top.offer(Int32(c), VectorMath.dot(row, cv.baseAddress! + c * d, d)) }
                            for t in 0..<p { pb[r * p + t] = top.index[t] }
                        }
                    }
                }
            }
        }

        // Rows grouped by their nearest cell and stored together, so four candidates share each load of the row.
        var start = [Int](repeating: 0, count: cells.count + 1)
        for r in 0..<n { start[Int(probe[r * p]) + 1] += 1 }
        for c in 0..<cells.count { start[c + 1] += start[c] }
        var fill = start
        var order = [Int32](repeating: 0, count: n)
        for r in 0..<n {
            let c = Int(probe[r * p])
            order[fill[c]] = Int32(r)
            fill[c] += 1
        }
        let grouped = x.selecting(rows: order.map(Int.init))

        var result = [Int32](repeating: -1, count: n * m)
        result.withUnsafeMutableBufferPointer { rb in
            grouped.values.withUnsafeBufferPointer { gv in
                x.values.withUnsafeBufferPointer { xv in
                    let shared = AnalysisUnchecked((rb, gv, xv))
                    AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 64) { range in
                        let (rb, gv, xv) = shared.value
                        let g = gv.baseAddress!
                        var top = TopList(capacity: m)
                        for r in range {
                            let row = xv.baseAddress! + r * d
                            top.reset()
                            for t in 0..<p {
                                let c = Int(probe[r * p + t])
                                top.scan(row, rows: g, start[c]..<start[c + 1], dimensions: d, skipping: Int32(r)) { order[$0] }
                            }
                            for t in 0..<top.count { rb[r * m + t] = top.index[t] }
                        }
                    }
                }
            }
        }
        return result
    }

    /// About √n cells: centres of a short k-means on a sample, scaled to unit length.
    static func cellsOf(_ x: DenseMatrix, settings: Settings, random: AnalysisRandom, threads: Int) -> (centres: DenseMatrix, count: Int) {
        let n = x.rows
        let count = max(2, min(n / 4, Int(Double(n).squareRoot().rounded())))
        var rng = random.derived(0x5A)
        var sample = Array(0..<n)
        if n > settings.cellSample {
            for i in 0..<settings.cellSample { sample.swapAt(i, i + rng.below(n - i)) }
            sample = Array(sample.prefix(settings.cellSample)).sorted()
        }
        let km = DocumentKMeans(
            x.selecting(rows: sample), k: count,
            settings: .init(restarts: 1, maximumIterations: 10, restartSample: settings.cellSample),
            random: random.derived(0x5B), threads: threads)
        var centres = km.centres
        centres.normaliseRows()
        return (centres, centres.rows)
    }
}

/// The best `capacity` (index, score) pairs offered so far, best first. A pair replaces the last one only when its
/// score is strictly higher, so among equal scores the first offered stays.
struct TopList {
    let capacity: Int
    private(set) var index: [Int32]
    private(set) var score: [Float]
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        index = [Int32](repeating: -1, count: capacity)
        score = [Float](repeating: -.infinity, count: capacity)
    }

    mutating func reset() {
        count = 0
        for t in 0..<capacity { score[t] = -.infinity; index[t] = -1 }
    }

    @inline(__always)
    mutating func offer(_ i: Int32, _ s: Float) {
        guard capacity > 0, s > score[capacity - 1] else { return }
        var p = capacity - 1
        while p > 0 && score[p - 1] < s { score[p] = score[p - 1]; index[p] = index[p - 1]; p -= 1 }
        score[p] = s
        index[p] = i
        count = min(capacity, count + 1)
    }

    /// Offers the rows `range` of `rows` (`d` floats apart) as `id(row)`, scored by their dot product with `x`, four
    /// rows per load of `x`; the row whose id is `skipping` (the query itself) is left out.
    @inline(__always)
    mutating func scan(
        _ x: UnsafePointer<Float>, rows: UnsafePointer<Float>, _ range: Range<Int>, dimensions d: Int,
        skipping: Int32, id: (Int) -> Int32
    ) {
        var j = range.lowerBound
        while j + 4 <= range.upperBound {
            let s = VectorMath.dot4(x, rows: rows + j * d, dimensions: d)
            for u in 0..<4 {
                let i = id(j + u)
                if i != skipping { offer(i, s[u]) }
            }
            j += 4
        }
        while j < range.upperBound {
            let i = id(j)
            if i != skipping { offer(i, VectorMath.dot(x, rows + j * d, d)) }
            j += 1
        }
    }
}
