import Foundation

/// The VADER lexicon (`VaderLexiconData`), parsed once on first use, and VADER's word lists for negation and for
/// intensifiers (boosters and dampeners), from vaderSentiment 3.3.2 (MIT, C.J. Hutto).
enum SentimentLexicon {
    /// Token (lower case) → mean valence, −4…+4.
    static let valence: [String: Double] = {
        var table: [String: Double] = [:]
        table.reserveCapacity(7600)
        for line in VaderLexiconData.text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let tab = line.lastIndex(of: "\t"), let value = Double(line[line.index(after: tab)...]) else { continue }
            table[String(line[..<tab])] = value
        }
        return table
    }()

    /// Two-word entries of the lexicon ("fed up"), looked up as a pair.
    static let pairs: Set<String> = Set(valence.keys.filter { $0.contains(" ") })

    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt",
        "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't",
        "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt",
        "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt",
        "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    static let boostIncrement = 0.293
    static let capsIncrement = 0.733
    static let negationScalar = -0.74

    /// Intensifiers: +1 boosts the next sentiment word, −1 dampens it.
    static let boosters: [String: Double] = {
        var table: [String: Double] = [:]
        for w in [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
            "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
            "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
            "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly",
            "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
            "thoroughly", "total", "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually",
            "utter", "utterly", "very",
        ] { table[w] = 1 }
        for w in [
            "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little", "marginal",
            "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
            "somewhat", "sorta", "sortof", "sort-of",
        ] { table[w] = -1 }
        return table
    }()
}
