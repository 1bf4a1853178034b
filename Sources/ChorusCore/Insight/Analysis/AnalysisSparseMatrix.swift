import Foundation

/// A sparse matrix in compressed rows (CSR) with Float values, and the two products the truncated SVD needs.
struct SparseRows: Sendable {
    let rows: Int
    let columns: Int
    let rowStart: [Int]
    let columnIndex: [Int32]
    let values: [Float]

    var nonZeros: Int { values.count }

    /// The transpose, also in compressed rows (i.e. this matrix by columns).
    func transposed() -> SparseRows {
        var count = [Int](repeating: 0, count: columns + 1)
        for c in columnIndex { count[Int(c) + 1] += 1 }
        for j in 0..<columns { count[j + 1] += count[j] }
        var next = count
        var index = [Int32](repeating: 0, count: nonZeros)
        var value = [Float](repeating: 0, count: nonZeros)
        for r in 0..<rows {
            for k in rowStart[r]..<rowStart[r + 1] {
                let c = Int(columnIndex[k])
                let p = next[c]
                index[p] = Int32(r)
                value[p] = values[k]
                next[c] = p + 1
            }
        }
        return SparseRows(rows: columns, columns: rows, rowStart: count, columnIndex: index, values: value)
    }

    /// The rows listed, in that order.
    func selecting(rows list: [Int]) -> SparseRows {
        var start = [0]
        start.reserveCapacity(list.count + 1)
        var index: [Int32] = []
        var value: [Float] = []
        for r in list {
            index.append(contentsOf: columnIndex[rowStart[r]..<rowStart[r + 1]])
            value.append(contentsOf: values[rowStart[r]..<rowStart[r + 1]])
            start.append(index.count)
        }
        return SparseRows(rows: list.count, columns: columns, rowStart: start, columnIndex: index, values: value)
    }

    /// self (rows × columns) times a dense row-major matrix (columns × width): rows × width.
    func times(_ dense: DenseMatrix, threads: Int) -> DenseMatrix {
        precondition(dense.rows == columns)
        let width = dense.columns
        var out = DenseMatrix(rows: rows, columns: width)
        out.values.withUnsafeMutableBufferPointer { o in
            dense.values.withUnsafeBufferPointer { b in
                rowStart.withUnsafeBufferPointer { rs in
                    columnIndex.withUnsafeBufferPointer { ci in
                        values.withUnsafeBufferPointer { vs in
                            let shared = AnalysisUnchecked((o, b, rs, ci, vs))
                            AnalysisParallel.forChunks(rows, threads: threads, minimumChunk: 1024) { range in
                                let (o, b, rs, ci, vs) = shared.value
                                for r in range {
                                    let target = o.baseAddress! + r * width
                                    for k in rs[r]..<rs[r + 1] {
                                        let v = vs[k]
                                        let source = b.baseAddress! + Int(ci[k]) * width
                                        for j in 0..<width { target[j] += v * source[j] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
