import Foundation

/// The assignment problem (Kuhn–Munkres, O(n³) with potentials): pairs rows with columns to maximise the total
/// score, each row and column used at most once. Rectangular matrices are padded with zeros.
enum HungarianAssignment {
    /// `score[r][c]`; returns for each row the column it gets, or nil when it is paired with padding.
    static func maximise(_ score: [[Double]]) -> [Int?] {
        let rows = score.count
        let columns = score.first?.count ?? 0
        guard rows > 0, columns > 0 else { return [Int?](repeating: nil, count: rows) }
        let n = max(rows, columns)
        let top = score.flatMap { $0 }.max() ?? 0
        // cost = top − score (minimisation), 1-based arrays as in the classic formulation
        var cost = [[Double]](repeating: [Double](repeating: top, count: n + 1), count: n + 1)
        for r in 0..<rows { for c in 0..<columns { cost[r + 1][c + 1] = top - score[r][c] } }
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let cur = cost[i0][j] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...n {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for j in 1...n where p[j] >= 1 && p[j] <= rows && j <= columns { result[p[j] - 1] = j - 1 }
        return result
    }
}
