import Foundation

/// How a run of name words after a cue is read.
struct NameRunRules {
    /// The first word may be lower case (strong cues: "my name is john smith", "I'm called ayesha").
    var lowercase = false
    /// A run containing an organisation word ("Council", "Homes") is not a person (weak cues: "this is", "Dear").
    var rejectOrganisations = false
    /// The run must be followed by the end of the text, a line break or punctuation (sign-offs: "Thanks, Sarah").
    var needsEnd = false
    /// The cue was written in capitals ("MY NAME IS JOHN"), so words in capitals are names, not acronyms.
    var capitalsCue = false
}

extension PIIScanner {
    /// Up to three name words from `i`: capitalised words of any script ("O'Brien", "Smith-Jones", "Łukasz"),
    /// initials ("J." or "J" before a capitalised word). Stops at a word in `PIIWords.notNames`, at a word in
    /// capitals (an acronym) unless the cue was in capitals, and at anything but spaces between words. A possessive
    /// "'s" is left outside ("Mrs Patel's dog" → "Mrs [name]'s dog").
    func nameRun(from i: Int, _ rules: NameRunRules = NameRunRules()) -> Range<Int>? {
        var j = i, start = -1, end = -1, words = 0, lowerMode = false
        while words < 3 {
            // An initial: one capital letter followed by "." or by a space and a capitalised word ("J. Smith",
            // "Ł. Nowak", "B. Ó Súilleabháin").
            if t.isCapital(at: j) {
                let after = j + t.scalarLength(at: j)
                if !t.isLetter(at: after) && (t[after] == 0x2E || (t.isBlank(after) && t.isCapital(at: t.skipBlanks(after)))) {
                    if t[after] == 0x2E || !t.isOneOf(j, after, PIIWords.notNames) {
                        if start < 0 { start = j }
                        end = after
                        words += 1
                        let k = t[after] == 0x2E ? after + 1 : after
                        guard t.isBlank(k), t.isCapital(at: t.skipBlanks(k)) else { break }
                        j = t.skipBlanks(k)
                        continue
                    }
                }
            }
            guard t.isLetter(at: j) else { break }
            let we = t.nameWordEnd(j)
            guard we > j, !t.isDigit(we) else { break }
            let stem = possessiveStart(j, we) ?? we
            if rules.rejectOrganisations && t.isOneOf(j, stem, PIIWords.organisationWords) { return nil }
            if t.isOneOf(j, stem, PIIWords.notNames) { break }
            let capitalised = t.isCapital(at: j)
            if !capitalised {
                guard rules.lowercase && (words == 0 || lowerMode) else { break }
                lowerMode = true
            } else if !rules.capitalsCue && we - j >= 2 && isAllCapitals(j, we) {
                break
            }
            if start < 0 { start = j }
            let possessive = stem < we
            end = stem
            words += 1
            guard !possessive, t.isBlank(we) else { break }
            j = t.skipBlanks(we)
        }
        guard start >= 0, end > start else { return nil }
        if rules.needsEnd {
            let k = t.skipBlanks(end)
            guard k >= t.n || Self.endsSignOff(t[k]) else { return nil }
        }
        return start..<end
    }

    /// Where a possessive "'s" / "’s" ends the word `s..<e`, if it does ("Patel's" → the index of the apostrophe).
    func possessiveStart(_ s: Int, _ e: Int) -> Int? {
        guard e - s > 2, t.lower(e - 1) == 0x73 else { return nil }
        if t[e - 2] == 0x27 { return e - 2 }
        if e - s > 4 && t.isCurlyApostrophe(e - 4) { return e - 4 }
        return nil
    }

    func isAllCapitals(_ s: Int, _ e: Int) -> Bool {
        for i in s..<e where t.isLower(i) || t[i] >= 0x80 { return false }
        return true
    }

    static func endsSignOff(_ b: UInt8) -> Bool {
        switch b {
        case 0x0A, 0x0D, 0x2E, 0x2C, 0x21, 0x3F, 0x3B, 0x3A, 0x29, 0x28, 0x2D, 0x22, 0x27: return true
        default: return b >= 0x80  // closing quotes, dashes, emoji
        }
    }

    /// Records a name run found after a cue; returns where to continue scanning.
    mutating func addName(_ run: Range<Int>?) -> Int? {
        guard let run else { return nil }
        add(.name, run.lowerBound, run.upperBound, rank: PIICandidate.rankName)
        return run.upperBound
    }
}
