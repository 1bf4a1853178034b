import Foundation

extension PIIScanner {
    /// An email address around the '@' at `at`: a local part of letters, digits and . _ % + - before it, and a
    /// domain of at least two dot-separated labels after it, the last one of two or more letters.
    mutating func email(at a: Int) -> Int? {
        let at = a
        var s = at
        while s > 0 && Self.isLocalPartByte(t[s - 1]) { s -= 1 }
        while s < at && t[s] == 0x2E { s += 1 }  // no leading dot
        guard s < at else { return nil }
        var i = at + 1
        var labels = 0
        var lastLabelAlpha = false
        var end = -1
        while true {
            let ls = i
            var alpha = true
            while t.isAlnum(i) || (t[i] == 0x2D && i > ls) {
                if !t.isAlpha(i) { alpha = false }
                i += 1
            }
            guard i > ls, t[i - 1] != 0x2D else { break }
            labels += 1
            lastLabelAlpha = alpha && i - ls >= 2
            if labels >= 2 && lastLabelAlpha { end = i }
            guard t[i] == 0x2E, t.isAlnum(i + 1) else { break }
            i += 1
        }
        guard end > 0, t.boundaryAfter(end) else { return nil }
        add(.email, s, end, rank: PIICandidate.rankEmail)
        return end
    }

    @inline(__always) static func isLocalPartByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }
}
