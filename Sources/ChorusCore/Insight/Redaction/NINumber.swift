import Foundation

/// National Insurance numbers: two prefix letters, six digits, a suffix letter A–D ("QQ 12 34 56 C" is the
/// format; QQ itself is not a valid prefix).
public enum NINumber {
    /// The prefix rules: D, F, I, Q, U and V are never used; O is not used as the second letter; BG, GB, KN, NK, NT,
    /// TN and ZZ are not allocated. Letters in either case.
    public static func isValidPrefix(_ a: UInt8, _ b: UInt8) -> Bool {
        let a = a & 0xDF, b = b & 0xDF
        guard a &- 0x41 < 26, b &- 0x41 < 26 else { return false }
        switch a {
        case 0x44, 0x46, 0x49, 0x51, 0x55, 0x56: return false
        default: break
        }  // D F I Q U V
        switch b {
        case 0x44, 0x46, 0x49, 0x51, 0x55, 0x56, 0x4F: return false
        default: break
        }  // … and O
        switch (a, b) {
        case (0x42, 0x47), (0x47, 0x42), (0x4B, 0x4E), (0x4E, 0x4B), (0x4E, 0x54), (0x54, 0x4E), (0x5A, 0x5A): return false
        default: return true
        }
    }
}

extension PIIScanner {
    /// "AB123456C", "AB 12 34 56 C", "AB 123456 C", "ab123456c". Without the suffix letter only when the text just
    /// before says so ("National Insurance", "NI number", "NINO"). A spaced lower-case form ("on 123456 a") also
    /// needs that cue.
    mutating func niNumber(_ s: Int) -> Int? {
        guard t.isAlpha(s), t.isAlpha(s + 1), NINumber.isValidPrefix(t[s], t[s + 1]) else { return nil }
        var i = s + 2
        var blanks = false
        if t[i] == 0x20 { i += 1; blanks = true }
        for pair in 0..<3 {
            guard t.isDigit(i), t.isDigit(i + 1) else { return nil }
            i += 2
            if pair < 2 && t[i] == 0x20 && t.isDigit(i + 1) { i += 1; blanks = true }
        }
        let digitsEnd = i
        var end = -1
        var j = i
        if t[j] == 0x20 { j += 1 }
        let suffix = t[j] & 0xDF
        if suffix &- 0x41 < 4 && t.boundaryAfter(j + 1) {
            end = j + 1
            if j > i { blanks = true }
        } else if t.boundaryAfter(digitsEnd) && !t.isDigit(digitsEnd + 1) {
            guard hasNICue(before: s) else { return nil }
            end = digitsEnd
        } else {
            return nil
        }
        if t.isLower(s) && blanks && !hasNICue(before: s) { return nil }
        add(.niNumber, s, end, rank: PIICandidate.rankNI)
        return end
    }

    func hasNICue(before s: Int) -> Bool {
        t.precededBy(s, within: 40, "insurance") || t.precededBy(s, within: 24, "nino") || t.precededBy(s, within: 24, "ni no")
            || t.precededBy(s, within: 24, "ni number") || t.precededBy(s, within: 24, "n.i.")
    }
}
