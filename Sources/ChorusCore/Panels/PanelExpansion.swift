/// Turns a lottery over panels written as counts per type into a lottery over named panels with exactly the same
/// selection probability for every volunteer of a type. For a count panel P of weight w, each type t with
/// 0 < m < c (m of its c volunteers on P) takes a window of m consecutive volunteers on the circle of its c
/// volunteers, starting at ⌊v·c⌋ as v runs over [0, 1): each volunteer is in the window for m/c of the run. Every
/// type's window moves at the breakpoints j/c, so P splits at the union of those breakpoints into named panels, each
/// weighted w × the length of its interval. Types with m = 0 or m = c need no breakpoints.
enum PanelExpansion {
    static func expand(_ model: PanelModel, counts: [[Int]], weights: [Double]) -> (panels: [[Int]], weights: [Double]) {
        var panels: [[Int]] = []
        var out: [Double] = []
        for (panel, w) in zip(counts, weights) where w > 0 {
            var cuts: [Double] = [0, 1]
            for (t, m) in panel.enumerated() where m > 0 && m < model.types[t].count {
                let c = model.types[t].count
                for j in 1..<c { cuts.append(Double(j) / Double(c)) }
            }
            cuts.sort()
            var points: [Double] = []
            for cut in cuts where points.last.map({ cut - $0 > 1e-12 }) ?? true { points.append(cut) }
            for k in 0..<(points.count - 1) {
                let middle = (points[k] + points[k + 1]) / 2
                var members: [Int] = []
                for (t, m) in panel.enumerated() where m > 0 {
                    let type = model.types[t]
                    let start = m == type.count ? 0 : Int(middle * Double(type.count))
                    for i in 0..<m { members.append(type[(start + i) % type.count]) }
                }
                panels.append(members.sorted())
                out.append(w * (points[k + 1] - points[k]))
            }
        }
        return (panels, out)
    }
}
