import Foundation

extension PIIScanner {
    /// A full UK postcode starting at `s`, whose first alphanumeric run ends at `e`: the outward code (A9, A99,
    /// AA9, AA99, A9A, AA9A with the official letter rules), an optional space, then the inward code (a digit and
    /// two letters, never C, I, K, M, O or V). Any case. The outward code alone is a place, not personal data, and
    /// is not matched. "3rd", "1st" (lower case ordinals) are not inward codes.
    mutating func postcode(_ s: Int, _ e: Int) -> Int? {
        let length = e - s
        if length >= 2 && length <= 4 && Self.isOutward(t, s, e) {
            var i = e
            if t[i] == 0x20 { i += 1 }
            if isInward(i), t.boundaryAfter(i + 3), t[i + 3] != 0x40 {
                return addPostcode(s, i + 3, outwardEnd: e, sectorDigit: i)
            }
        } else if length >= 5 && length <= 7 && isInward(e - 3) && Self.isOutward(t, s, e - 3) && t[e] != 0x40 {
            return addPostcode(s, e, outwardEnd: e - 3, sectorDigit: e - 3)
        }
        if length == 3 && t.equals(s, e, "gir") && t[e] == 0x20 && t[e + 1] == 0x30 && t.upper(e + 2) == 0x41 && t.upper(e + 3) == 0x41
            && t.boundaryAfter(e + 4)
        {
            return addPostcode(s, e + 4, outwardEnd: e, sectorDigit: e + 1)
        }
        return nil
    }

    mutating func addPostcode(_ s: Int, _ end: Int, outwardEnd: Int, sectorDigit: Int) -> Int {
        candidates.append(
            PIICandidate(
                kind: .postcode, start: s, end: end, rank: PIICandidate.rankPostcode,
                outwardEnd: outwardEnd, sectorDigit: sectorDigit))
        return end
    }

    /// A digit then two letters from ABD…Z without C I K M O V; a lower-case ordinal ("3rd", "1st", "6th") is not one.
    func isInward(_ i: Int) -> Bool {
        guard t.isDigit(i), Self.isInwardLetter(t.upper(i + 1)), Self.isInwardLetter(t.upper(i + 2)) else { return false }
        if t.isLower(i + 1) && t.isLower(i + 2) {
            let suffix: (UInt8, UInt8)
            switch t[i] {
            case 0x31: suffix = (0x73, 0x74)  // 1st
            case 0x32: suffix = (0x6E, 0x64)  // 2nd
            case 0x33: suffix = (0x72, 0x64)  // 3rd
            default: suffix = (0x74, 0x68)  // 4th … 9th, 0th
            }
            if t[i + 1] == suffix.0 && t[i + 2] == suffix.1 { return false }
        }
        return true
    }

    @inline(__always) static func isInwardLetter(_ u: UInt8) -> Bool {
        guard u &- 0x41 < 26 else { return false }
        switch u {
        case 0x43, 0x49, 0x4B, 0x4D, 0x4F, 0x56: return false
        default: return true
        }  // C I K M O V
    }

    /// An outward code in `s..<e` (2–4 bytes).
    static func isOutward(_ t: PIIText, _ s: Int, _ e: Int) -> Bool {
        let a = t.upper(s)
        guard a &- 0x41 < 26, a != 0x51, a != 0x56, a != 0x58 else { return false }  // not Q V X first
        var i = s + 1
        if t.isAlpha(i) {
            let b = t.upper(i)
            guard b != 0x49, b != 0x4A, b != 0x5A else { return false }  // not I J Z second
            i += 1
        }
        let twoLetters = i == s + 2
        guard t.isDigit(i) else { return false }
        i += 1
        if i == e { return true }
        if i + 1 != e { return false }
        if t.isDigit(i) { return true }
        let c = t.upper(i)
        if twoLetters { return "ABEHMNPRVWXY".utf8.contains(c) }  // AA9A
        return "ABCDEFGHJKPSTUW".utf8.contains(c)  // A9A
    }
}
