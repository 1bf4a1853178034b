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
        for (word, value) in britishComplaints where table[word] == nil { table[word] = value }
        return table
    }()

    /// Words British residents use for a failing service that the VADER lexicon (American social media) lacks,
    /// rated like their nearest VADER entries ("disgrace" −2.2, "useless" −1.8). Added only where VADER has no entry.
    static let britishComplaints: [String: Double] = [
        "nightmare": -2.2, "nightmares": -2.2, "shambles": -2.0, "shambolic": -2.2, "diabolical": -2.5,
        "fobbed": -1.8, "shoddy": -1.9,
    ]

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

    /// Negations VADER's list lacks that residents use for a service that failed: "nobody came", "noone rang".
    /// ("no one" is read as two words: `SentimentAnalyser.isNegation(at:)`.)
    static let moreNegations: Set<String> = ["nobody", "noone", "nobodys", "nobody's", "nothing's"]

    /// What residents expect a service to do, absent from the VADER lexicon: neutral on their own ("the fan
    /// worked"), negative after a negation ("never worked", "doesn't work", "not fixed", "no one came", "never got
    /// a reply"). A negated outcome scores `failedOutcome`, what a +2 word scores after a negation.
    static let outcomes: Set<String> = [
        "work", "works", "worked", "working", "fix", "fixed", "fixing", "repair", "repaired", "repairs", "mend",
        "mended", "sort", "sorted", "come", "came", "coming", "turn", "turned", "show", "showed", "shown", "arrive",
        "arrived", "reply", "replied", "replies", "respond", "responded", "response", "responses", "answer",
        "answered", "answers", "callback", "call", "called", "ring", "rang", "collect", "collected", "emptied",
        "cleared", "cleaned", "done", "happened", "changed", "listen", "listened", "listens", "acknowledged",
        "update", "updated", "updates", "action", "actioned", "progress", "visited", "inspected", "checked",
        "contacted", "returned", "followed", "heard", "replaced", "finished", "completed", "attended", "bothered",
        "received",
    ]

    /// Repairs done, mildly positive when not negated: "they fixed the leak the same day".
    static let completions: Set<String> = ["fixed", "repaired", "mended", "sorted"]
    static let completedRepair = 1.0
    /// "a fixed income", "fixed-term", "sorted by date" are not repairs.
    static let notCompletionBefore: Set<String> = ["income", "term", "rate", "rates", "penalty", "price", "prices", "abode", "charge", "by"]

    /// "a joke", "an absolute joke": not funny, a failing service.
    static let jokeAfter: Set<String> = [
        "is", "it's", "its", "was", "what", "that's", "thats", "an", "absolute", "complete", "total", "utter", "bloody",
        "sick", "cruel", "such",
    ]

    /// "still waiting", "still chasing": a failed outcome without a negation.
    static let stillFailing: Set<String> = ["waiting", "chasing", "wait", "ringing", "phoning", "emailing"]

    /// A failed outcome: +2 × the negation scalar.
    static let failedOutcome = 2.0 * negationScalar

    /// Lexicon words that are things, not feelings, after the word in front of them: the "extractor fan", "social
    /// care", "Universal Credit". They score 0 there.
    static let notSentimentAfter: [String: Set<String>] = [
        "fan": ["extractor", "ceiling", "bathroom", "kitchen", "electric", "desk", "cooker", "oven", "loft"],
        "fans": ["extractor", "ceiling", "electric"],
        "care": [
            "social", "adult", "child", "children's", "health", "day", "foster", "respite", "home", "personal",
            "after", "primary", "community", "urgent", "intensive", "palliative", "dental", "residential", "elderly",
        ],
        "credit": ["universal", "tax", "pension", "phone", "mobile"],
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
