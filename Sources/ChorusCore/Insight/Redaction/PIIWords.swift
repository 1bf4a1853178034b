import Foundation

/// Word lists the matchers consult (lower case; ' also matches ’).
enum PIIWords {
    /// Last word of a street name. Abbreviations included; "Dr" and "St" are also read as titles, but a house
    /// number in front makes it an address first.
    static let streetWords: [StaticString] = [
        "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "close", "cl", "drive", "dr", "way",
        "crescent", "cres", "court", "ct", "place", "pl", "gardens", "gdns", "terrace", "terr", "tce", "grove", "gr",
        "hill", "row", "walk", "square", "sq", "mews", "parade", "pde", "green", "rise", "view", "park", "vale",
        "wharf", "yard", "gate", "quay", "croft", "chase", "meadow", "meadows", "mount", "heights", "boulevard",
        "embankment", "circus", "approach", "passage", "path", "wynd", "brae", "fold", "gardens", "grange", "end",
        "bank", "side", "villas", "cottages", "buildings", "mansions", "house", "estate", "hollow", "dale", "lea",
        "crossing", "broadway", "promenade", "esplanade",
    ]

    /// Words between a number and the word that says it is a reference: "order no. 1234567890".
    static let numberConnectors: [StaticString] = ["number", "no", "num", "nr", "is", "was", "id", "my", "the", "our", "your", "a"]

    /// Words that make a number an NHS number when they come just before it: "NHS no. 943 476 5919".
    static let nhsCues: [StaticString] = ["nhs", "patient", "hospital", "chi", "health"]

    /// Words that make a number a reference, not a phone or NHS number.
    static let referenceCues: [StaticString] = [
        "ref", "reference", "order", "invoice", "account", "acct", "case", "booking", "ticket", "policy", "tracking",
        "claim", "crime", "incident", "membership", "serial", "customer", "application", "receipt", "transaction",
        "parcel", "contract", "licence", "license", "permit", "planning", "complaint", "enquiry", "job", "payment",
        "council", "tax", "student", "staff", "employee", "payroll", "voucher", "barcode", "isbn", "sort", "card",
    ]

    /// After "my", "our", "his", "her", "their": the next capitalised words are a name ("my son Jack").
    static let relations: [StaticString] = [
        "son", "daughter", "husband", "wife", "partner", "mum", "mom", "mother", "dad", "father", "brother", "sister",
        "neighbour", "neighbor", "friend", "carer", "boyfriend", "girlfriend", "grandson", "granddaughter", "nan",
        "nana", "gran", "grandma", "grandad", "granddad", "grandpa", "grandmother", "grandfather", "uncle", "aunt",
        "auntie", "niece", "nephew", "child", "baby", "landlord", "landlady", "colleague", "cousin", "fiancé",
        "fiancée", "stepson", "stepdaughter", "lodger", "tenant", "social", "worker", "caseworker", "gp", "doctor",
        "teacher", "mate",
    ]

    /// Before "called" or "named": the next capitalised words are a name ("a lady called Grace").
    static let personNouns: [StaticString] = [
        "man", "woman", "lady", "guy", "bloke", "girl", "boy", "lad", "lass", "chap", "gentleman", "fella",
        "fellow", "someone", "somebody", "person", "officer", "worker", "nurse", "doctor", "receptionist",
        "manager", "inspector", "engineer", "contractor", "neighbour", "son", "daughter", "child", "kid", "friend",
        "tenant", "resident", "warden", "caretaker", "volunteer", "teacher", "plumber", "builder", "electrician",
        "surveyor", "driver", "cleaner", "carer", "midwife", "visitor", "advisor", "adviser", "one", "lady's",
    ]

    /// Titles before a name (capitalised): "Mrs Patel", "Dr. Okafor", "Cllr Jones".
    static let titles: [StaticString] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "cllr", "councillor"]

    /// Capitalised words that are not names: function words, pronouns, days, months, greetings, titles and
    /// generic people-words. A name run stops at the first of them.
    static let notNames: [StaticString] = [
        "a", "an", "the", "i", "i'm", "im", "i've", "i'd", "i'll", "it", "it's", "its", "this", "that", "these",
        "those", "there", "here", "we", "you", "he", "she", "they", "me", "us", "him", "them", "my", "our", "your",
        "his", "her", "their", "and", "but", "or", "so", "not", "no", "yes", "very", "really", "just", "also", "too",
        "is", "was", "are", "am", "be", "been", "being", "were", "has", "have", "had", "do", "does", "did", "will",
        "would", "can", "could", "should", "may", "might", "must", "on", "in", "at", "to", "from", "for", "with",
        "of", "by", "as", "if", "when", "what", "who", "why", "how", "where", "which", "all", "any", "some", "every",
        "everyone", "anyone", "someone", "nobody", "please", "thanks", "thank", "hi", "hello", "dear", "regards",
        "ok", "okay", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "july", "august", "september", "october", "november", "december", "today",
        "tomorrow", "yesterday", "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "cllr", "councillor",
        "sir", "madam", "resident", "residents", "neighbour", "neighbours", "team", "staff", "officer", "manager",
        "council", "nhs", "gp", "anonymous", "unknown", "withheld", "private", "confidential", "none", "n/a",
        "happy", "unhappy", "sad", "glad", "pleased", "sorry", "disappointed", "concerned", "worried", "angry",
        "upset", "fine", "good", "great", "bad", "terrible", "awful", "ridiculous", "disgraceful", "unacceptable",
        "outrageous", "important", "absolutely", "totally", "completely", "exactly", "because", "such", "why",
        "one", "two", "three", "after", "before", "about", "again", "still", "never", "always", "now", "then",
        "writing", "calling", "going", "getting", "living", "trying", "asking", "back", "later", "soon", "asap",
        "english", "british", "welsh", "scottish", "irish", "polish", "local", "new", "old", "mum", "dad",
        "everybody", "friends", "colleagues", "love", "best", "kind", "warm", "many", "yours", "sincerely",
        "faithfully", "cheers", "same", "other", "another", "more", "most", "less", "only", "even", "though",
        "street", "road", "lane", "avenue", "name", "signed", "call", "tel", "phone", "email", "mobile", "address", "contact",
        "postcode",
        // what residents call things: "this is Brilliant", "call me Crazy"
        "brilliant", "amazing", "awesome", "excellent", "fantastic", "wonderful", "lovely", "marvellous", "superb",
        "rubbish", "shocking", "appalling", "dreadful", "horrendous", "horrible", "disgusting", "pathetic",
        "shameful", "scandalous", "insane", "crazy", "mad", "madness", "nonsense", "wrong", "right", "true", "false",
        "typical", "unbelievable", "incredible", "unfair", "dangerous", "urgent", "serious", "essential", "vital",
        "perfect", "lucky", "grateful", "fed", "tired", "exhausted", "desperate", "hopeless",
        "useless", "pointless", "unsafe", "safe", "nice", "poor", "sick", "ill", "disabled", "furious",
        "frustrated", "annoyed", "stressed", "scared", "afraid", "frightened", "lonely", "isolated", "stuck",
    ]

    /// Words that make a capitalised run an organisation or place, not a person, after weak cues
    /// ("this is Harbourside Council", "Dear Housing Team").
    static let organisationWords: [StaticString] = [
        // Not surnames: "Hall", "Church", "Bank", "Temple", "Park", "Wood" are names too and stay out of this list.
        "council", "homes", "housing", "trust", "hospital", "school", "academy", "college", "university", "centre",
        "center", "library", "mosque", "gurdwara", "synagogue", "surgery", "practice", "partnership", "group",
        "association", "team", "services", "service", "police", "ltd", "limited", "club", "foundation", "charity",
        "network", "forum", "board", "committee", "department", "office", "company", "station", "road", "street",
        "avenue", "lane", "borough", "city", "town", "county", "district", "ward", "estate", "community", "project",
        "alliance", "authority", "agency", "society", "nursery", "pharmacy", "clinic", "shop", "cafe", "café", "pub",
        "hotel", "nhs", "gp",
    ]
}
