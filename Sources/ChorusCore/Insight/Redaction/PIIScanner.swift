import Foundation

/// A match before overlaps are resolved. Lower `rank` wins an overlap.
struct PIICandidate: Equatable {
    var kind: PIIKind
    var start: Int
    var end: Int
    var rank: Int
    /// Postcodes only: end of the outward code and index of the sector digit, kept in the replacement.
    var outwardEnd = 0
    var sectorDigit = 0

    static let rankEmail = 0, rankNHSWithContext = 1, rankPhone = 2, rankNHS = 3, rankNI = 4, rankPostcode = 5,
        rankAddress = 6, rankName = 7
}

/// One left-to-right pass over the bytes. Each ASCII word or number that starts at a word boundary is offered to
/// the matchers that can start with it (a cheap test of its first bytes decides); a capitalised word that is no
/// cue is looked up as a given name (a capital Latin letter with a diacritic too: "Łukasz"); '@', '+' and '('
/// start emails and phone numbers. A match moves the scan past its end.
struct PIIScanner {
    let t: PIIText
    var candidates: [PIICandidate] = []

    init(_ t: PIIText) { self.t = t }

    mutating func add(_ kind: PIIKind, _ start: Int, _ end: Int, rank: Int) {
        candidates.append(PIICandidate(kind: kind, start: start, end: end, rank: rank))
    }

    mutating func scan() {
        let n = t.n, p = t.p
        var i = 0
        while i < n {
            let b = p[i]
            if b &- 0x30 < 10 {
                let e = t.alnumEnd(i)
                if t.boundaryBefore(i), numberMayStart(i), let end = scanNumber(i, e) { i = end; continue }
                i = e
            } else if (b | 0x20) &- 0x61 < 26 {
                let e = t.alnumEnd(i)
                if t.boundaryBefore(i), let end = scanWord(i, e) { i = end; continue }
                i = e
            } else if b == 0x40 {  // @
                if let end = email(at: i) { i = end; continue }
                i += 1
            } else if b &- 0xC3 < 7 {  // a Latin letter with a diacritic (U+00C0…U+024F) may start a name: "Łukasz"
                if t.boundaryBefore(i), t.isCapital(at: i), let end = givenName(i) { i = end; continue }
                i += 2
            } else if b == 0x2B || b == 0x28 {  // + (
                if t.boundaryBefore(i), let end = phone(i) { i = end; continue }
                i += 1
            } else {
                i += 1
            }
        }
    }

    /// A number at `s` may be a phone number, NHS number or house number: not a price, a decimal, part of a
    /// date or of a reference like "ABC-1234".
    func numberMayStart(_ s: Int) -> Bool {
        guard s > 0 else { return true }
        switch t[s - 1] {
        case 0x23, 0x24: return false  // # $
        case 0xA3: return t[s - 2] != 0xC2  // £
        case 0xAC: return !(t[s - 2] == 0x82 && t[s - 3] == 0xE2)  // €
        case 0x2E, 0x2C, 0x3A: return !t.isDigit(s - 2)  // . , :
        case 0x2F, 0x2D: return !t.isAlnum(s - 2)  // / -
        default: return true
        }
    }

    /// The number starting at `s` (its ASCII alphanumeric run ends at `e`). Returns where to continue after a match.
    mutating func scanNumber(_ s: Int, _ e: Int) -> Int? {
        if let end = nhsNumber(s) { return end }
        if t[s] == 0x30, let end = phone(s) { return end }
        if e - s <= 4, let end = address(houseNumberAt: s, from: s) { return end }
        return nil
    }

    /// The word starting at `s` (its ASCII alphanumeric run ends at `e`).
    mutating func scanWord(_ s: Int, _ e: Int) -> Int? {
        // Postcodes and NI numbers have a digit among their first four bytes ("B1", "HB3", "AB 12", "AB12").
        if t.isDigit(s + 1) || t.isDigit(s + 2) || (t.isBlank(s + 2) && t.isDigit(s + 3)) {
            if let end = niNumber(s) { return end }
            if let end = postcode(s, e) { return end }
            return nil
        }
        guard e - s <= 10 else { return t.isUpper(s) ? givenName(s) : nil }
        if e - s == 3 && t.lower(s) == 0x67, let end = postcode(s, e) { return end }  // GIR 0AA
        if let end = cue(s, e) { return end }
        return t.isUpper(s) ? givenName(s) : nil
    }
}
