/// How the budget rules choose between projects that are exactly tied (same votes for greedy, same price per unit of
/// utility for Equal Shares). The order must be fixed before the count and reproducible by anyone, so a result can
/// be checked: either the project ids themselves, or a seed published before the vote.
public enum BudgetTieBreak: Sendable, Equatable {
    /// Lower project id first, comparing the ids' UTF-8 bytes (so "10" comes before "9"): the order pabutools uses
    /// by default (`lexico_tie_breaking`, Python string order), so outcomes can be compared with it.
    case projectID
    /// An order drawn from a published seed: each project's key is the 64-bit FNV-1a hash of the UTF-8 bytes of
    /// the seed, one 0x1F byte, then the project id; the lower key comes first (equal keys: lower id). Anyone can
    /// recompute it, e.g. in Python:
    ///
    ///     def key(seed, pid):
    ///         h = 0xcbf29ce484222325
    ///         for b in seed.encode() + b"\x1f" + pid.encode():
    ///             h = ((h ^ b) * 0x100000001b3) % 2**64
    ///         return h
    ///
    /// A seed chosen after the votes are known could be picked to favour a project, so publish it first.
    case seeded(String)

    /// For each project, its place in the tie order (0 first). Computed once per run so a tie costs one integer
    /// comparison.
    public func ranks(of ids: [String]) -> [Int] {
        let order: [Int]
        switch self {
        case .projectID:
            order = ids.indices.sorted { Self.bytesBefore(ids[$0], ids[$1]) }
        case .seeded(let seed):
            let keys = ids.map { Self.fnv1a(seed, $0) }
            order = ids.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : Self.bytesBefore(ids[$0], ids[$1]) }
        }
        var rank = Array(repeating: 0, count: ids.count)
        for (place, j) in order.enumerated() { rank[j] = place }
        return rank
    }

    static func bytesBefore(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    static func fnv1a(_ seed: String, _ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for b in seed.utf8 { add(b) }
        add(0x1F)
        for b in id.utf8 { add(b) }
        return h
    }
}
