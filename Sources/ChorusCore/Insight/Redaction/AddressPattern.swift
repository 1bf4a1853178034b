import Foundation

extension PIIScanner {
    /// A street address from a house number at `s`: 1–3 digits (not starting with 0), an optional letter ("14a") or
    /// range ("12-14"), then capitalised words ending in a street word ("12 Acacia Avenue", "3 St Mary's Road").
    /// The redaction starts at `start` (earlier when a "Flat 3," prefix was read). Towns and postcodes after the
    /// street are not part of it (the postcode is matched on its own).
    mutating func address(houseNumberAt s: Int, from start: Int) -> Int? {
        var i = t.digitsEnd(s)
        guard i - s >= 1, i - s <= 3, t[s] != 0x30 else { return nil }
        if t.isAlpha(i) && !t.isAlnum(i + 1) {
            i += 1
        } else if t[i] == 0x2D && t.isDigit(i + 1) {
            let e = t.digitsEnd(i + 1)
            guard e - i - 1 <= 3 else { return nil }
            i = e
        }
        guard !t.isAlnum(i) else { return nil }
        if t[i] == 0x2C { i += 1 }
        guard t.isBlank(i) else { return nil }
        guard let end = streetName(from: t.skipBlanks(i)) else { return nil }
        add(.address, start, end, rank: PIICandidate.rankAddress)
        return end
    }

    /// "Flat 3, 45 High Street", "Flat 3 Rose Court", "Apartment 12b, 4 Mill Lane": the flat and the street
    /// address are one redaction. "Flat 3" alone, or "Flat white", is not an address.
    mutating func flatAddress(_ s: Int, _ e: Int) -> Int? {
        var i = e
        if t[i] == 0x2E { i += 1 }
        guard t.isBlank(i) else { return nil }
        i = t.skipBlanks(i)
        let ds = i
        i = t.digitsEnd(i)
        guard i > ds, i - ds <= 4 else { return nil }
        if t.isAlpha(i) && !t.isAlnum(i + 1) { i += 1 }
        guard !t.isAlnum(i) else { return nil }
        if t[i] == 0x2C || t[i] == 0x2F { i += 1 }
        i = t.skipBlanks(i)
        if t.isDigit(i) { return address(houseNumberAt: i, from: s) }
        guard let end = streetName(from: i) else { return nil }
        add(.address, s, end, rank: PIICandidate.rankAddress)
        return end
    }

    /// Up to six capitalised words from `i`, the last of them a street word, with at least one word before it.
    /// Returns the end of the last street word in the run.
    func streetName(from i: Int) -> Int? {
        var j = i, words = 0, best = -1
        while words < 6 {
            guard t.isCapital(at: j) else {
                // A lower-case street word may close capitalised words: "12 Acacia avenue".
                if words >= 1, t.isLower(j) {
                    let we = t.nameWordEnd(j)
                    if t.isOneOf(j, we, PIIWords.streetWords) && t.boundaryAfter(we) { best = we }
                }
                break
            }
            let we = t.nameWordEnd(j)
            words += 1
            if words >= 2 && t.isOneOf(j, we, PIIWords.streetWords) { best = we }
            var k = we
            if t[k] == 0x2E && (t.equals(j, we, "st") || t.equals(j, we, "mt")) { k += 1 }  // "St. Mary's Road"
            guard t.isBlank(k) else { break }
            j = t.skipBlanks(k)
        }
        return best > 0 ? best : nil
    }
}
