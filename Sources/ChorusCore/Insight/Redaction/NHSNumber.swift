import Foundation

/// NHS numbers: ten digits whose last is the modulus 11 check digit of the first nine.
public enum NHSNumber {
    /// The check digit rule: weights 10…2 on the first nine digits; 11 − (sum mod 11) is the check digit,
    /// 11 becomes 0, and 10 means the number is not valid.
    public static func isValid(_ digits: [Int]) -> Bool {
        guard digits.count == 10, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for k in 0..<9 { sum += digits[k] * (10 - k) }
        return checkDigitMatches(weightedSum: sum, last: digits[9])
    }

    /// `weightedSum` is Σ digit × (10 − position) over the first nine digits.
    static func checkDigitMatches(weightedSum: Int, last: Int) -> Bool {
        var check = 11 - weightedSum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == last
    }

    /// Validates a written number: ten digits, spaces and hyphens ignored.
    public static func isValid(_ text: String) -> Bool {
        let digits = text.unicodeScalars.filter { $0 != " " && $0 != "-" }
        guard digits.allSatisfy({ $0.properties.numericType == .decimal && $0.isASCII }) else { return false }
        return isValid(digits.map { Int($0.value) - 48 })
    }
}

extension PIIScanner {
    /// Ten digits at `s`, run together ("9434765919") or spaced 3-3-4 with spaces or hyphens ("943 476 5919"),
    /// with a valid check digit. An NHS cue just before ("NHS no.", "patient number") makes it certain; a
    /// reference cue just before ("order number", "complaint ref") keeps it; otherwise an NHS cue within the 48
    /// bytes before it, or the 3-3-4 spacing, makes it certain, and without either it is still redacted, but a
    /// phone number of the same digits wins.
    mutating func nhsNumber(_ s: Int) -> Int? {
        var end = -1
        var spaced = false
        let run = t.digitsEnd(s) - s
        if run == 10 {
            end = s + 10
        } else if run == 3 {
            let sep = t[s + 3]
            guard sep == 0x20 || sep == 0x2D, t.digitsEnd(s + 4) == s + 7, t[s + 7] == sep, t.digitsEnd(s + 8) == s + 12 else { return nil }
            end = s + 12
            spaced = true
        } else {
            return nil
        }
        guard t.boundaryAfter(end), !continuesNumber(end) else { return nil }
        var sum = 0, k = 0, i = s, last = 0
        while i < end {
            if t.isDigit(i) {
                let d = Int(t[i] &- 0x30)
                if k < 9 { sum += d * (10 - k) } else { last = d }
                k += 1
            }
            i += 1
        }
        guard NHSNumber.checkDigitMatches(weightedSum: sum, last: last) else { return nil }
        let cue = numberCue(before: s)
        if cue == .nhs || cue == .none && (spaced || hasNHSCue(before: s)) {
            add(.nhsNumber, s, end, rank: PIICandidate.rankNHSWithContext)
            return end
        }
        guard cue == .none else { return nil }
        add(.nhsNumber, s, end, rank: PIICandidate.rankNHS)
        if t[s] == 0x30, let phoneEnd = phone(s) { return max(end, phoneEnd) }
        return end
    }

    /// A number ending at `e` goes on as a longer number: "1234567890-12", "1234567890.5", "…/3".
    func continuesNumber(_ e: Int) -> Bool {
        let b = t[e]
        return (b == 0x2D || b == 0x2E || b == 0x2F || b == 0x2C) && t.isDigit(e + 1)
    }

    func hasNHSCue(before s: Int) -> Bool {
        t.precededBy(s, within: 48, "nhs") || t.precededBy(s, within: 48, "patient") || t.precededBy(s, within: 48, "hospital")
            || t.precededBy(s, within: 24, "chi")
    }

    enum NumberCue { case nhs, reference, none }

    /// What the words just before a number at `s` say it is: "NHS no. …", "patient number …" (NHS); "order no. …",
    /// "ref: …", "my complaint reference is …" (a reference). Up to three words back, over "number", "no", "is" …
    func numberCue(before s: Int) -> NumberCue {
        for w in t.previousWords(before: s, count: 3) {
            if t.isOneOf(w.lowerBound, w.upperBound, PIIWords.nhsCues) { return .nhs }
            if t.isOneOf(w.lowerBound, w.upperBound, PIIWords.referenceCues) { return .reference }
            if !t.isOneOf(w.lowerBound, w.upperBound, PIIWords.numberConnectors) { return .none }
        }
        return .none
    }
}
