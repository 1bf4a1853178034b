import Foundation

/// The codes a survey gives residents, in Crockford's base32 like `ResidentReference` (no I, L, O or U; reading back
/// forgives O for 0 and I or L for 1), so they can be read over the phone or copied from paper:
/// - a response's reference, "S-7K3M-9QXD", on the confirmation page and the emailed copy;
/// - a resume code for anonymous save-and-return, 10 characters in two groups ("7K3M9-QXD2A"): 50 random bits, kept
///   only as a keyed hash, linked to the draft and to nobody.
public enum SurveyCodes {
    public static func reference() -> String {
        let c = random(8)
        return "S-" + String(c[0..<4]) + "-" + String(c[4..<8])
    }

    /// Whether `text` has the shape of a response reference (a confirmation link's `ref`), so it can be shown as given.
    public static func isReference(_ text: String) -> Bool {
        let c = Array(text.utf8)
        guard c.count == 11, c[0] == UInt8(ascii: "S"), c[1] == UInt8(ascii: "-"), c[6] == UInt8(ascii: "-") else { return false }
        return [2, 3, 4, 5, 7, 8, 9, 10].allSatisfy { (48...57).contains(c[$0]) || (65...90).contains(c[$0]) }
    }

    public static func resumeCode() -> String {
        let c = random(10)
        return String(c[0..<5]) + "-" + String(c[5..<10])
    }

    /// A typed resume code in its stored form, or nil when it cannot be one (wrong length or characters).
    public static func normaliseResumeCode(_ typed: String) -> String? {
        guard let out = readBack(typed, count: 10) else { return nil }
        return String(out[0..<5]) + "-" + String(out[5..<10])
    }

    /// A code as typed, read back: capitals, spaces and dashes dropped, O read as 0 and I or L as 1; nil unless exactly
    /// `count` characters of the alphabet remain.
    static func readBack(_ typed: some StringProtocol, count: Int) -> [Character]? {
        var out: [Character] = []
        for c in typed.uppercased() where !(c.isWhitespace || c == "-") {
            let mapped: Character
            switch c {
            case "O": mapped = "0"
            case "I", "L": mapped = "1"
            default: mapped = c
            }
            guard ResidentReference.alphabet.contains(mapped), out.count < count else { return nil }
            out.append(mapped)
        }
        return out.count == count ? out : nil
    }

    static func random(_ n: Int) -> [Character] {
        var rng = SystemRandomNumberGenerator()
        return (0..<n).map { _ in ResidentReference.alphabet[Int.random(in: 0..<ResidentReference.alphabet.count, using: &rng)] }
    }
}
