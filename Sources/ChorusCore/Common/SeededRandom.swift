/// The one seeded random generator (SplitMix64): the same state gives the same sequence on every platform, so the
/// demo borough, benchmarks and analysis runs can be repeated exactly. Not for anything secret (tokens use the
/// system's generator).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in the range (modulo bias is negligible for the small ranges used).
    public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    /// One element of a non-empty list.
    public mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }

    /// Up to `n` distinct elements of the list, in the order drawn.
    public mutating func sample<T>(_ list: [T], _ n: Int) -> [T] {
        var pool = list, out: [T] = []
        for _ in 0..<min(n, pool.count) { out.append(pool.remove(at: int(0...(pool.count - 1)))) }
        return out
    }
}
