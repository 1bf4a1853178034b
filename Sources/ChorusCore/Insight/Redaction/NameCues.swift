import Foundation

/// The words that announce a name, and flats. `cue(_:_:)` is asked about every ASCII word of up to 10 letters;
/// a switch on length and first letter turns almost all of them away at once.
extension PIIScanner {
    mutating func cue(_ s: Int, _ e: Int) -> Int? {
        let c = t.lower(s)
        switch e - s {
        case 1:
            if c == 0x69 { return iAmCalled(s, e) }  // i
        case 2:
            if c == 0x6D {  // m
                if t.equals(s, e, "my") { return relation(s, e) }
                if t.equals(s, e, "mr") || t.equals(s, e, "ms") || t.equals(s, e, "mx") { return title(s, e) }
            } else if c == 0x64 && t.equals(s, e, "dr") {
                return title(s, e)
            } else if c == 0x69 && t.equals(s, e, "im") {
                return iAmCalled(s, e)
            }
        case 3:
            switch c {
            case 0x6D: if t.equals(s, e, "mrs") { return title(s, e) }
            case 0x72: if t.equals(s, e, "rev") { return title(s, e) }
            case 0x61: if t.equals(s, e, "apt") { return flatAddress(s, e) }
            case 0x6F: if t.equals(s, e, "our") { return relation(s, e) }
            case 0x68: if t.equals(s, e, "his") || t.equals(s, e, "her") { return relation(s, e) }
            case 0x79: if t.equals(s, e, "you") { return signOff(s, e) }
            default: break
            }
        case 4:
            switch c {
            case 0x6D: if t.equals(s, e, "miss") { return title(s, e) }
            case 0x70: if t.equals(s, e, "prof") { return title(s, e) }
            case 0x72: if t.equals(s, e, "revd") { return title(s, e) }
            case 0x63:
                if t.equals(s, e, "cllr") { return title(s, e) }
                if t.equals(s, e, "call") { return callMe(s, e) }
            case 0x74: if t.equals(s, e, "this") { return thisIs(s, e) }
            case 0x66: if t.equals(s, e, "flat") { return flatAddress(s, e) }
            case 0x75: if t.equals(s, e, "unit") { return flatAddress(s, e) }
            case 0x6E: if t.equals(s, e, "name") { return nameIs(s, e) }
            case 0x64: if t.equals(s, e, "dear") { return dear(s, e) }
            default: break
            }
        case 5:
            if c == 0x74 && t.equals(s, e, "their") { return relation(s, e) }
            if c == 0x6E && t.equals(s, e, "named") { return calledName(s, e) }
        case 6:
            switch c {
            case 0x73: if t.equals(s, e, "signed") { return signed(s, e) }
            case 0x74: if t.equals(s, e, "thanks") { return signOff(s, e) }
            case 0x63:
                if t.equals(s, e, "cheers") { return signOff(s, e) }
                if t.equals(s, e, "called") { return calledName(s, e) }
            case 0x77: if t.equals(s, e, "wishes") { return signOff(s, e) }
            default: break
            }
        case 7:
            if c == 0x72 && t.equals(s, e, "regards") { return signOff(s, e) }
        case 9:
            if c == 0x61 && t.equals(s, e, "apartment") { return flatAddress(s, e) }
            if c == 0x73 && t.equals(s, e, "sincerely") { return signOff(s, e) }
        case 10:
            if c == 0x63 && t.equals(s, e, "councillor") { return title(s, e) }
            if c == 0x66 && t.equals(s, e, "faithfully") { return signOff(s, e) }
        default:
            break
        }
        return nil
    }

    /// The word at `s` starts the text, a line or a sentence (after . ! ? or a non-ASCII mark such as an emoji);
    /// `orClause` also accepts , : - ( " before it ("Hi, this is …").
    func startsSentence(_ s: Int, orClause: Bool = false) -> Bool {
        var k = s
        while k > 0 && t.isBlank(k - 1) { k -= 1 }
        if k == 0 { return true }
        switch t[k - 1] {
        case 0x2E, 0x21, 0x3F, 0x0A, 0x0D: return true
        case 0x2C, 0x3A, 0x2D, 0x28, 0x22: return orClause
        default: return t[k - 1] >= 0x80
        }
    }

    /// The next word after blanks from `i`, if there are blanks.
    func wordAfterBlanks(_ i: Int) -> Range<Int>? {
        guard t.isBlank(i) else { return nil }
        let s = t.skipBlanks(i)
        let e = t.letterWordEnd(s)
        return e > s ? s..<e : nil
    }

    /// "Mr Smith", "Mrs. J. Patel", "Cllr Jones": the title stays, the name goes. Titles are capitalised.
    mutating func title(_ s: Int, _ e: Int) -> Int? {
        guard t.isUpper(s) else { return nil }
        var i = e
        if t[i] == 0x2E { i += 1 }
        guard t.isBlank(i) else { return nil }
        return addName(nameRun(from: t.skipBlanks(i), NameRunRules(capitalsCue: isAllCapitals(s, e))))
    }

    /// "my name is Sarah Jones", "my name's john", "Name: Ayesha Khan" (strong: lower case accepted), "his name is
    /// Tom" (capitalised only).
    mutating func nameIs(_ s: Int, _ e: Int) -> Int? {
        var i = e
        let previous = t.previousWords(before: s, count: 1).first
        let afterMy = previous.map { t.equals($0.lowerBound, $0.upperBound, "my") } ?? false
        var strong = afterMy
        if t[i] == 0x27 && t.lower(i + 1) == 0x73 && !t.isAlpha(i + 2) {
            i += 2
        } else if t.isCurlyApostrophe(i) && t.lower(i + 3) == 0x73 && !t.isAlpha(i + 4) {
            i += 4
        } else if t[i] == 0x3A {
            i += 1
            if startsSentence(s) { strong = true }  // a "Name:" label
        } else if let w = wordAfterBlanks(i), t.equals(w.lowerBound, w.upperBound, "is") || t.equals(w.lowerBound, w.upperBound, "was") {
            i = w.upperBound
            if t[i] == 0x3A { i += 1 }
        } else {
            return nil
        }
        guard t.isBlank(i) else { return nil }
        let capitals = isAllCapitals(s, e)
        return addName(nameRun(from: t.skipBlanks(i), NameRunRules(lowercase: strong, rejectOrganisations: !strong, capitalsCue: capitals)))
    }

    /// "I'm called Ayesha", "I am called Tom", "im called jo".
    mutating func iAmCalled(_ s: Int, _ e: Int) -> Int? {
        var i = e
        if e - s == 1 {
            if t[i] == 0x27 && t.lower(i + 1) == 0x6D && !t.isAlpha(i + 2) {
                i += 2
            } else if t.isCurlyApostrophe(i) && t.lower(i + 3) == 0x6D && !t.isAlpha(i + 4) {
                i += 4
            } else if let w = wordAfterBlanks(i), t.equals(w.lowerBound, w.upperBound, "am") {
                i = w.upperBound
            } else {
                return nil
            }
        }
        guard let w = wordAfterBlanks(i), t.equals(w.lowerBound, w.upperBound, "called"), t.isBlank(w.upperBound) else { return nil }
        return addName(nameRun(from: t.skipBlanks(w.upperBound), NameRunRules(lowercase: true, capitalsCue: isAllCapitals(s, e))))
    }

    /// "call me Dave" (not "call me back", "call me on …").
    mutating func callMe(_ s: Int, _ e: Int) -> Int? {
        guard let w = wordAfterBlanks(e), t.equals(w.lowerBound, w.upperBound, "me"), t.isBlank(w.upperBound) else { return nil }
        return addName(nameRun(from: t.skipBlanks(w.upperBound), NameRunRules(rejectOrganisations: true)))
    }

    /// "Hi, this is Sarah from …" at the start of a sentence (not "this is Harbourside Council", "this is
    /// Ridiculous", "honestly this is Brilliant").
    mutating func thisIs(_ s: Int, _ e: Int) -> Int? {
        guard startsSentence(s, orClause: true) else { return nil }
        guard let w = wordAfterBlanks(e), t.equals(w.lowerBound, w.upperBound, "is"), t.isBlank(w.upperBound) else { return nil }
        return addName(nameRun(from: t.skipBlanks(w.upperBound), NameRunRules(rejectOrganisations: true)))
    }

    /// "Signed, Jane Doe", "signed: J. Smith", "signed by Tom Hughes".
    mutating func signed(_ s: Int, _ e: Int) -> Int? {
        var i = e
        if t[i] == 0x2C || t[i] == 0x3A { i += 1 }
        if let w = wordAfterBlanks(i), t.equals(w.lowerBound, w.upperBound, "by") { i = w.upperBound }
        guard t.isSpace(i) else { return nil }
        return addName(nameRun(from: t.skipSpaces(i), NameRunRules(rejectOrganisations: true)))
    }

    /// A sign-off followed by a comma, dash or line break, then a name at the end: "Kind regards, Sarah",
    /// "Thanks,\nTom Hughes", "Thank you - Priya". ("Thanks, Great idea though" is not a name: more words follow.)
    mutating func signOff(_ s: Int, _ e: Int) -> Int? {
        if e - s == 3 {  // "you" only after "thank"
            guard let previous = t.previousWords(before: s, count: 1).first, t.equals(previous.lowerBound, previous.upperBound, "thank") else {
                return nil
            }
        }
        var i = t.skipBlanks(e)
        switch t[i] {
        case 0x2C, 0x2D, 0x21: i += 1
        case 0x0A, 0x0D: break
        default: return nil
        }
        guard t.isSpace(i) else { return nil }
        return addName(nameRun(from: t.skipSpaces(i), NameRunRules(rejectOrganisations: true, needsEnd: true)))
    }

    /// "Dear Sarah," (not "Dear Sir", "Dear Housing Team").
    mutating func dear(_ s: Int, _ e: Int) -> Int? {
        guard t.isBlank(e) else { return nil }
        return addName(nameRun(from: t.skipBlanks(e), NameRunRules(rejectOrganisations: true)))
    }

    /// "a man called Dave", "a lady named Grace", "someone called Mrs Okafor" (a person word in the two words
    /// before), or "called Amber" when the word after is a given name; not "it's called Brickfields", "I called
    /// Harbourside Homes".
    mutating func calledName(_ s: Int, _ e: Int) -> Int? {
        guard let w = wordAfterBlanks(e), t.isCapital(at: w.lowerBound) else { return nil }
        let personBefore = t.previousWords(before: s, count: 2).contains { t.isOneOf($0.lowerBound, $0.upperBound, PIIWords.personNouns) }
        let stem = possessiveStart(w.lowerBound, w.upperBound) ?? w.upperBound
        guard personBefore || GivenNames.lookup(t, w.lowerBound, stem) != nil else { return nil }
        if t.isOneOf(w.lowerBound, w.upperBound, PIIWords.titles) { return nil }  // "called Mrs Okafor": the title reads it
        return addName(nameRun(from: w.lowerBound, NameRunRules(rejectOrganisations: true)))
    }

    /// "my son Jack", "our neighbour, Dave", "her social worker Priya".
    mutating func relation(_ s: Int, _ e: Int) -> Int? {
        var i = e
        var relations = 0
        while relations < 2, let w = wordAfterBlanks(i), t.isOneOf(w.lowerBound, w.upperBound, PIIWords.relations) {
            i = w.upperBound
            relations += 1
        }
        guard relations > 0 else { return nil }
        if t[i] == 0x2C { i += 1 }
        guard t.isBlank(i) else { return nil }
        return addName(nameRun(from: t.skipBlanks(i), NameRunRules(rejectOrganisations: true)))
    }
}
