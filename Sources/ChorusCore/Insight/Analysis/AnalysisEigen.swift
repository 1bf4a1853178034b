import Foundation

/// Eigen-decomposition of a small symmetric matrix (cyclic Jacobi rotations, Double). Used on the l × l Gram
/// matrices of the truncated SVD (l ≈ 110), where it takes milliseconds and is exact to rounding.
enum SymmetricEigen {
    /// `matrix` is n × n row-major and symmetric. Returns eigenvalues in decreasing order and the matching
    /// eigenvectors as the columns of an n × n row-major matrix.
    static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        guard n > 1 else { return (a, v) }
        for _ in 0..<60 {
            var off = 0.0, diag = 0.0
            for i in 0..<n {
                diag += a[i * n + i] * a[i * n + i]
                for j in (i + 1)..<n { off += a[i * n + j] * a[i * n + j] }
            }
            if off <= 1e-22 * max(diag, 1e-300) { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if abs(apq) < 1e-300 { continue }
                    let app = a[p * n + p], aqq = a[q * n + q]
                    let theta = (aqq - app) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {  // rotate columns p, q
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // rotate rows p, q
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] || (a[$0 * n + $0] == a[$1 * n + $1] && $0 < $1) }
        var values = [Double](repeating: 0, count: n)
        var vectors = [Double](repeating: 0, count: n * n)
        for (newIndex, old) in order.enumerated() {
            values[newIndex] = a[old * n + old]
            for k in 0..<n { vectors[k * n + newIndex] = v[k * n + old] }
        }
        return (values, vectors)
    }
}
