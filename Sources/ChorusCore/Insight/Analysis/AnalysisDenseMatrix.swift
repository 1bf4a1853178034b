import Foundation

/// A dense row-major Float matrix: one row per document (embeddings) or per term.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "DenseMatrix: \(values.count) values for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Float](repeating: 0, count: rows * columns))
    }

    /// From one vector per row (all the same length).
    public init(_ vectors: [[Float]]) {
        let width = vectors.first?.count ?? 0
        var values: [Float] = []
        values.reserveCapacity(vectors.count * width)
        for v in vectors {
            precondition(v.count == width, "DenseMatrix: rows of different lengths")
            values.append(contentsOf: v)
        }
        self.init(rows: vectors.count, columns: width, values: values)
    }

    public func row(_ r: Int) -> [Float] { Array(values[(r * columns)..<((r + 1) * columns)]) }

    /// Scales every row to unit length; all-zero rows stay zero. Returns the original lengths.
    @discardableResult
    mutating func normaliseRows() -> [Float] {
        var norms = [Float](repeating: 0, count: rows)
        let width = columns
        values.withUnsafeMutableBufferPointer { v in
            for r in 0..<rows {
                let p = v.baseAddress! + r * width
                let norm = VectorMath.dot(p, p, width).squareRoot()
                norms[r] = norm
                if norm > 0 {
                    let inv = 1 / norm
                    for j in 0..<width { p[j] *= inv }
                }
            }
        }
        return norms
    }

    /// The rows listed, in that order.
    func selecting(rows list: [Int]) -> DenseMatrix {
        var out = [Float]()
        out.reserveCapacity(list.count * columns)
        for r in list { out.append(contentsOf: values[(r * columns)..<((r + 1) * columns)]) }
        return DenseMatrix(rows: list.count, columns: columns, values: out)
    }

    /// selfᵀ · other (both with the same number of rows): columns × other.columns, in Double. Rows are summed in
    /// Float in fixed blocks of 1,024 and the blocks in Double in order, so the result is the same for any number
    /// of threads and 100,000 rows lose no precision worth mentioning.
    func transposedTimes(_ other: DenseMatrix, threads: Int) -> [Double] {
        precondition(rows == other.rows)
        if other.values.count == values.count, other.columns == columns, other.values == values {
            return gram(threads: threads)
        }
        let a = columns, b = other.columns
        let block = 1024
        let blocks = (rows + block - 1) / block
        var partial = [[Double]](repeating: [], count: blocks)
        values.withUnsafeBufferPointer { x in
            other.values.withUnsafeBufferPointer { y in
                partial.withUnsafeMutableBufferPointer { parts in
                    let shared = AnalysisUnchecked((x, y, parts))
                    AnalysisParallel.forChunks(blocks, threads: threads, minimumChunk: 1) { range in
                        let (x, y, parts) = shared.value
                        var acc = [Float](repeating: 0, count: a * b)
                        for w in range {
                            let lo = w * block, hi = min(rows, lo + block)
                            acc.withUnsafeMutableBufferPointer { acc in
                                for i in 0..<(a * b) { acc[i] = 0 }
                                for r in lo..<hi {
                                    let xr = x.baseAddress! + r * a
                                    let yr = y.baseAddress! + r * b
                                    for i in 0..<a {
                                        let xi = xr[i]
                                        if xi == 0 { continue }
                                        let target = acc.baseAddress! + i * b
                                        for j in 0..<b { target[j] += xi * yr[j] }
                                    }
                                }
                            }
                            parts[w] = acc.map(Double.init)
                        }
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: a * b)
        for p in partial { for i in 0..<(a * b) { out[i] += p[i] } }
        return out
    }

    /// selfᵀ · self, computing the upper triangle only (half the work) and mirroring it.
    func gram(threads: Int) -> [Double] {
        let a = columns
        let block = 1024
        let blocks = (rows + block - 1) / block
        var partial = [[Double]](repeating: [], count: blocks)
        values.withUnsafeBufferPointer { x in
            partial.withUnsafeMutableBufferPointer { parts in
                let shared = AnalysisUnchecked((x, parts))
                AnalysisParallel.forChunks(blocks, threads: threads, minimumChunk: 1) { range in
                    let (x, parts) = shared.value
                    var acc = [Float](repeating: 0, count: a * a)
                    for w in range {
                        let lo = w * block, hi = min(rows, lo + block)
                        acc.withUnsafeMutableBufferPointer { acc in
                            for i in 0..<(a * a) { acc[i] = 0 }
                            for r in lo..<hi {
                                let xr = x.baseAddress! + r * a
                                for i in 0..<a {
                                    let xi = xr[i]
                                    if xi == 0 { continue }
                                    let target = acc.baseAddress! + i * a
                                    for j in i..<a { target[j] += xi * xr[j] }
                                }
                            }
                        }
                        parts[w] = acc.map(Double.init)
                    }
                }
            }
        }
        var out = [Double](repeating: 0, count: a * a)
        for p in partial { for i in 0..<(a * a) { out[i] += p[i] } }
        for i in 0..<a { for j in 0..<i { out[i * a + j] = out[j * a + i] } }
        return out
    }

    /// self (rows × columns) · small (columns × width): rows × width.
    func times(_ small: DenseMatrix, threads: Int) -> DenseMatrix {
        precondition(columns == small.rows)
        let a = columns, width = small.columns
        var out = DenseMatrix(rows: rows, columns: width)
        out.values.withUnsafeMutableBufferPointer { o in
            values.withUnsafeBufferPointer { x in
                small.values.withUnsafeBufferPointer { s in
                    let shared = AnalysisUnchecked((o, x, s))
                    AnalysisParallel.forChunks(rows, threads: threads, minimumChunk: 1024) { range in
                        let (o, x, s) = shared.value
                        for r in range {
                            let xr = x.baseAddress! + r * a
                            let target = o.baseAddress! + r * width
                            for i in 0..<a {
                                let xi = xr[i]
                                if xi == 0 { continue }
                                let sr = s.baseAddress! + i * width
                                for j in 0..<width { target[j] += xi * sr[j] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
