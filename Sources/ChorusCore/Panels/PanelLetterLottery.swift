import Foundation

/// The letter lottery: which households of an imported address list get an invitation letter. The draw is the
/// seeded generator (`SeededRandom`) sampling positions of the list in its imported order, so anyone holding the
/// list, its order and the recorded seed draws the same households (docs/panels.md shows how). Households already
/// drawn by an earlier lottery are left out by the caller before the draw, so a second round reaches new doors.
public enum PanelLetterLottery {
    /// Positions (0-based, ascending) of `count` households drawn from a list of `total`; all of them when the list
    /// is no longer than `count`.
    public static func draw(total: Int, count: Int, seed: UInt64) -> [Int] {
        guard total > 0, count > 0 else { return [] }
        var random = SeededRandom(state: seed)
        return random.sample(Array(0..<total), min(count, total)).sorted()
    }

    /// A seed for a new draw, from the system's generator, kept below 2^53 so it is exact in JSON and in a
    /// spreadsheet cell.
    public static func newSeed() -> UInt64 { UInt64.random(in: 1..<(1 << 53)) }

    /// The seed a person typed for a draw (a letter lottery or a selection): a new one when they left it empty, nil
    /// when what they typed is not a whole number.
    public static func seed(typed: String?) -> UInt64? {
        let text = (typed ?? "").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? newSeed() : UInt64(text)
    }
}
