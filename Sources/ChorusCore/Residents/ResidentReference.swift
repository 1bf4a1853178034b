import Foundation

/// A short reference for a resident that staff can read over the phone or write on a paper form, for someone
/// without email (assisted digital) or asking for their data by post. Crockford's base32 leaves out I, L, O and U so
/// no two characters sound or look alike, and reading back accepts the common slips (O for 0, I or L for 1).
/// 32⁸ ≈ 10¹² references: collisions are rare, and the app checks uniqueness when it stores one.
public enum ResidentReference {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// "R-" + 8 characters of Crockford base32 (no I, L, O, U) in two groups of 4: "R-7K3M-9QXD".
    public static func make<R: RandomNumberGenerator>(using rng: inout R) -> String {
        let chars = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return format(chars)
    }

    public static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return make(using: &rng)
    }

    /// Case-insensitive, tolerant of spaces/missing hyphens, maps O→0, I/L→1; nil when not a reference.
    /// The "R" prefix is optional: "7k3m 9qxd" and "r7k3m9qxd" both read as "R-7K3M-9QXD".
    /// "R-" or "R " typed first is always the prefix, so "R-7K3M-9QX" (a character short) is not read as "R7K3M9QX".
    public static func normalise(_ typed: String) -> String? {
        func isSeparator(_ c: Character) -> Bool { c.isWhitespace || c == "-" || c == "\u{2010}" || c == "\u{2011}" || c == "\u{2013}" }
        var text = Substring(typed.uppercased().trimmingCharacters(in: .whitespacesAndNewlines))
        let explicitPrefix = text.count > 1 && text.first == "R" && isSeparator(text[text.index(after: text.startIndex)])
        if explicitPrefix { text = text.dropFirst() }
        var chars: [Character] = []
        for c in text where !isSeparator(c) {
            chars.append(c)
            if chars.count > 9 { return nil }
        }
        if !explicitPrefix && chars.count == 9 && chars[0] == "R" { chars.removeFirst() }
        guard chars.count == 8 else { return nil }
        var out: [Character] = []
        for c in chars {
            let mapped: Character
            switch c {
            case "O": mapped = "0"
            case "I", "L": mapped = "1"
            default: mapped = c
            }
            guard alphabet.contains(mapped) else { return nil }
            out.append(mapped)
        }
        return format(out)
    }

    static func format(_ chars: [Character]) -> String {
        "R-" + String(chars[0..<4]) + "-" + String(chars[4..<8])
    }
}
