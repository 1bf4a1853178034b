import Foundation

/// Names in running text, without a cue: a capitalised given name from the list (`GivenNames`), with the
/// capitalised surname(s) after it ("Sarah Jones said …", "ask Mohammed Al-Hassan", "Łukasz Nowak's van").
///
/// Guards against the words that are names and something else:
/// - a word-like name ("Grace", "Will", "Amber") at the start of a sentence, and a month, place or other proper
///   noun ("May", "Jordan", "Victoria") anywhere, is a name only with a surname or "said", "told" … after it;
/// - "Will" or "May" before another given name is a verb: "Will Sarah get a reply?" takes "Sarah" only;
/// - a run that reaches a street, building or organisation word is a place: "Victoria Road", "Mary Seacole
///   House", "Alexandra Park", "John Lewis"; so is a name after "St", "King", "Queen", "the" …: "St Mary's";
/// - words in capitals (acronyms) and lower-case words are never taken.
extension PIIScanner {
    /// A given name starting at `s` (a capital letter at a word boundary). Returns where to continue.
    mutating func givenName(_ s: Int) -> Int? {
        // Glued to a token of an earlier redaction ("4 [postcode]Łukasz", where the original had no word
        // boundary): left alone, so that redacting redacted text changes nothing.
        guard t[s - 1] != 0x5D else { return nil }
        let we = t.nameWordEnd(s)
        guard we - s >= 2 else { return nil }
        // Part of an address, handle or file name: "Sarah.Jones@", "Sarah_1", "Sarah2".
        if t.isDigit(we) || t[we] == 0x40 || t[we] == 0x5F || (t[we] == 0x2E && t.isAlnum(we + 1)) { return nil }
        let stem = possessiveStart(s, we) ?? we
        guard !isAllCapitals(s, stem) else { return nil }
        guard let entry = GivenNames.lookup(t, s, stem) ?? hyphenatedFirstPart(s, stem) else { return nil }
        if namedPlacePrefix(before: s) { return nil }

        var end = stem
        var surnames = 0
        var j = we
        if stem == we {
            var words = 0
            while words < 3, t.isBlank(j) {
                let k = t.skipBlanks(j)
                // A middle or last initial: "Sarah J. Jones", "Sarah J Jones".
                if t.isCapital(at: k) {
                    let after = k + t.scalarLength(at: k)
                    if !t.isLetter(at: after) {
                        if t[after] == 0x2E {
                            end = after + 1
                            j = after + 1
                            words += 1
                            continue
                        }
                        if t.isBlank(after) && t.isCapital(at: t.skipBlanks(after)) {
                            end = after
                            j = after
                            words += 1
                            continue
                        }
                        break
                    }
                }
                let ke = t.nameWordEnd(k)
                guard ke > k, !t.isDigit(ke) else { break }
                // Particles: "Abdi bin Ali", "Mohammed al Hassan", "Anna van der Berg", "Zia ul Haq".
                if t.isLower(k) {
                    if t.isOneOf(k, ke, Self.nameParticles), t.isBlank(ke), t.isCapital(at: t.skipBlanks(ke)) {
                        j = ke
                        continue
                    }
                    if t.isOneOf(k, ke, Self.lowerCasePlaceWords) { return nil }  // "Victoria station"
                    break
                }
                guard t.isCapital(at: k) else { break }
                let kStem = possessiveStart(k, ke) ?? ke
                if kStem - k >= 2 && isAllCapitals(k, kStem) { break }
                if t.isOneOf(k, kStem, Self.placeWords) { return nil }
                if t.isOneOf(k, kStem, Self.surnameOrPlaceWords) && (entry.commemorative || entry.kind != .plain) { return nil }
                if t.isOneOf(k, kStem, PIIWords.notNames) { break }
                if surnames == 0 && words == 0, let next = GivenNames.lookup(t, k, kStem), next.kind == .plain,
                    entry.kind == .properNounLike || (entry.verbLike && startsSentence(s))
                {
                    return nil  // "Will Sarah …?", "In May Ahmed …": the next word is the name (not "I'm Pat Jones")
                }
                if surnames == 0 && words == 0 && isNamedOrganisation(s, stem, k, kStem) { return kStem }
                end = kStem
                surnames += 1
                words += 1
                j = ke
                guard kStem == ke else { break }
            }
        }

        if entry.kind != .plain && surnames == 0 {
            let sentenceStart = startsSentence(s)
            guard entry.kind == .wordLike && !sentenceStart || personWordFollows(end, possessive: stem < we && entry.kind == .wordLike) else {
                return nil
            }
            if entry.verbLike && sentenceStart && endsWithQuestion(from: end) { return nil }
        }
        if entry.verbLike && surnames > 0 && startsSentence(s) && endsWithQuestion(from: end) { return nil }  // "Will Harbourside fix it?"
        add(.name, s, end, rank: PIICandidate.rankName)
        return end
    }

    /// "Anne-Marie", "Kerry-Ann": the part before the first hyphen, when the whole is not in the list; a capitalised
    /// double name is a name even when its first part alone is ambiguous.
    func hyphenatedFirstPart(_ s: Int, _ e: Int) -> GivenNames.Entry? {
        var h = s
        while h < e && t[h] != 0x2D { h += 1 }
        guard h < e, t.isCapital(at: h + 1), let first = GivenNames.lookup(t, s, h) else { return nil }
        if first.kind != .plain {  // "Kerry-Ann" is a name, "May-June" is not
            var h2 = h + 1
            while h2 < e && t[h2] != 0x2D { h2 += 1 }
            guard GivenNames.lookup(t, h + 1, h2)?.kind == .plain else { return nil }
        }
        return GivenNames.Entry(kind: .plain, commemorative: first.commemorative)
    }

    /// The word before `s` makes what follows a place or title: "St Mary's", "King George", "the Victoria".
    func namedPlacePrefix(before s: Int) -> Bool {
        var k = s
        while k > 0 && t.isBlank(k - 1) { k -= 1 }
        guard k < s, k > 0 else { return false }
        if t[k - 1] == 0x2E { k -= 1 }
        var b = k
        while b > 0 && t.isAlpha(b - 1) { b -= 1 }
        guard b < k, t.boundaryBefore(b) else { return false }
        return t.isOneOf(b, k, Self.placePrefixes)
    }

    /// Two-word organisations named after people: "John Lewis", "Marie Curie", "Sue Ryder".
    func isNamedOrganisation(_ s: Int, _ e: Int, _ k: Int, _ ke: Int) -> Bool {
        for (first, second) in Self.namedOrganisations where t.equals(s, e, first) && t.equals(k, ke, second) { return true }
        return false
    }

    /// After the name at `end`: "said", "told", "asked" … ("Grace said …"), or a possessive when allowed.
    func personWordFollows(_ end: Int, possessive: Bool) -> Bool {
        if possessive { return true }
        guard let w = wordAfterBlanks(end) else { return false }
        return t.isOneOf(w.lowerBound, w.upperBound, Self.personVerbs)
    }

    /// The sentence from `i` ends with a question mark (within 160 bytes).
    func endsWithQuestion(from i: Int) -> Bool {
        var k = i
        while k < t.n && k < i + 160 {
            switch t[k] {
            case 0x3F: return true
            case 0x2E, 0x21, 0x0A: return false
            default: k += 1
            }
        }
        return false
    }

    static let nameParticles: [StaticString] = [
        "bin", "binti", "bint", "ibn", "al", "el", "ul", "ud", "van", "von", "de", "da", "di", "du", "der", "den", "le", "la",
    ]

    static let placePrefixes: [StaticString] = [
        "st", "saint", "king", "queen", "prince", "princess", "lord", "lady", "duke", "duchess", "the", "storm",
        "hurricane", "hms", "big", "mount", "mt", "port", "fort", "lake", "cape", "san", "santa",
    ]

    /// Words that make a capitalised run a street, building, organisation or event, not a person.
    static let placeWords: [StaticString] = [
        "road", "rd", "street", "st", "avenue", "ave", "close", "drive", "way", "crescent", "court", "place",
        "gardens", "terrace", "walk", "square", "mews", "parade", "rise", "view", "vale", "wharf", "yard", "quay",
        "chase", "meadow", "heights", "boulevard", "embankment", "circus", "approach", "passage", "path", "wynd",
        "end", "side", "villas", "cottages", "buildings", "mansions", "house", "estate", "hollow", "crossing",
        "broadway", "promenade", "esplanade", "council", "homes", "housing", "trust", "hospital", "school",
        "academy", "college", "university", "centre", "center", "library", "mosque", "gurdwara", "synagogue",
        "temple", "surgery", "practice", "partnership", "group", "association", "team", "services", "service",
        "police", "ltd", "limited", "club", "foundation", "charity", "network", "forum", "board", "committee",
        "department", "office", "company", "station", "borough", "city", "town", "county", "district", "estate",
        "community", "project", "alliance", "authority", "agency", "society", "nursery", "pharmacy", "clinic",
        "shop", "cafe", "café", "pub", "hotel", "nhs", "gp", "palace", "chapel", "cathedral", "primary",
        "secondary", "infants", "juniors", "medical", "health", "leisure", "sports", "pool", "baths", "market",
        "memorial", "tower", "towers", "lodge", "arms", "inn", "tavern", "line", "building", "block", "fund",
        "award", "day", "week", "appeal", "festival", "fair", "gallery", "museum", "theatre", "cinema", "stadium",
        "ground", "hub", "campus", "care", "home", "infirmary", "hospice", "flats", "holiday", "unit", "wing",
        "children's", "bus", "airport", "coach", "valley", "conquest", "island", "docks", "bay", "beach", "pier", "harbour",
    ]

    /// Surnames that are also place words: a surname after a plain name ("Sarah Hall", "Tom Green"); a place
    /// after a commemorative or ambiguous one ("Albert Hall", "Victoria Park", "May Bank").
    static let surnameOrPlaceWords: [StaticString] = [
        "hall", "wood", "green", "hill", "park", "field", "fields", "brook", "cross", "marsh", "lane", "bank",
        "church", "gate", "gates", "mount", "grove", "dale", "mills", "mill", "ford", "croft", "meadows", "lea",
        "grange", "row", "bridge", "ward",
    ]

    /// Place words that follow a name in lower case: "Victoria station", "Albert park", "the Mary school".
    static let lowerCasePlaceWords: [StaticString] = [
        "road", "street", "lane", "avenue", "school", "station", "centre", "park", "house", "hospital", "surgery",
        "library", "church", "mosque", "estate", "line", "ward", "court", "gardens", "hall", "primary", "academy",
    ]

    static let personVerbs: [StaticString] = [
        "said", "says", "told", "tells", "asked", "asks", "rang", "rings", "phoned", "emailed", "wrote", "messaged",
        "texted", "lives", "lived", "works", "worked", "who", "came", "helped", "explained", "promised", "knows", "from",
    ]

    static let namedOrganisations: [(StaticString, StaticString)] = [
        ("john", "lewis"), ("marie", "curie"), ("sue", "ryder"), ("thomas", "cook"), ("ted", "baker"),
        ("ronald", "mcdonald"), ("christian", "aid"), ("jack", "russell"), ("jack", "russells"), ("jack", "wills"), ("laura", "ashley"),
        ("ann", "summers"), ("tommy", "hilfiger"), ("calvin", "klein"), ("hugo", "boss"), ("harvey", "nichols"),
    ]
}
