import Foundation

/// The engine's seeded random numbers (`SeededRandom`, SplitMix64): the same seed gives the same sequence on every
/// platform, so a run can be repeated exactly. Not for anything secret.
struct AnalysisRandom: RandomNumberGenerator, Sendable {
    private var base: SeededRandom
    private var state: UInt64 { base.state }

    init(seed: UInt64) { base = SeededRandom(state: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { base.next() }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in 0..<bound (bound > 0), without modulo bias worth mentioning for our sizes.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Standard normal (Box–Muller), as Float.
    mutating func gaussian() -> Float {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// `count` distinct indices from 0..<n in increasing order (all of them when count >= n).
    mutating func sample(_ count: Int, of n: Int) -> [Int] {
        guard count < n else { return Array(0..<n) }
        var pool = Array(0..<n)
        for i in 0..<count {
            let j = i + below(n - i)
            pool.swapAt(i, j)
        }
        return pool[0..<count].sorted()
    }

    /// A derived generator for a sub-task, so adding a step does not shift the others' numbers.
    func derived(_ salt: UInt64) -> AnalysisRandom {
        var copy = AnalysisRandom(seed: state ^ (salt &* 0xD1B5_4A32_D192_ED03))
        _ = copy.next()
        return copy
    }
}
