import Foundation

/// What a theme of a run looks like to the matcher: its members and its term signature
/// (`DiscoveredThemeResult.signature`). `key` is the caller's identifier (e.g. the stored theme's id).
public struct ThemeSnapshot: Sendable, Equatable, Codable {
    public let key: UUID
    public let memberIDs: [UUID]
    public let signature: [String: Float]

    public init(key: UUID, memberIDs: [UUID], signature: [String: Float]) {
        self.key = key
        self.memberIDs = memberIDs
        self.signature = signature
    }

    public init(key: UUID, _ theme: DiscoveredThemeResult) {
        self.init(key: key, memberIDs: theme.memberIDs, signature: theme.signature)
    }
}

/// How a theme of the current run relates to the previous run.
public struct ThemeMatch: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Equatable, Codable {
        /// The same theme as one of the previous run: keep its identity, name, pin and notes.
        case continuing
        /// Only in the current run.
        case new
        /// Only in the previous run (no current theme is like it).
        case fading
    }

    /// Index into `previous` (nil for a new theme).
    public let previous: Int?
    /// Index into `current` (nil for a fading theme).
    public let current: Int?
    public let status: Status
    /// 0–1; 0 for new and fading.
    public let similarity: Double

    public init(previous: Int?, current: Int?, status: Status, similarity: Double) {
        self.previous = previous
        self.current = current
        self.status = status
        self.similarity = similarity
    }
}

/// Matches the themes of two runs so a theme keeps its identity across re-runs.
///
/// Similarity of a previous and a current theme: where the runs share documents, 0.7 × the Jaccard index of their
/// members counted over the shared documents only (so newly added comments do not make a theme look different)
/// plus 0.3 × the cosine of their term signatures; with no shared documents, the signature cosine alone. The pairing
/// that maximises total similarity is found with the Hungarian method; a pair below `minimumSimilarity` is not a
/// match (the previous theme fades and the current one is new).
public enum ThemeMatcher {
    public static func match(previous: [ThemeSnapshot], current: [ThemeSnapshot], minimumSimilarity: Double = 0.2) -> [ThemeMatch] {
        let previousDocs = Set(previous.flatMap(\.memberIDs))
        let currentDocs = Set(current.flatMap(\.memberIDs))
        let shared = previousDocs.intersection(currentDocs)
        let previousSets = previous.map { Set($0.memberIDs).intersection(shared) }
        let currentSets = current.map { Set($0.memberIDs).intersection(shared) }
        var score = [[Double]](repeating: [Double](repeating: 0, count: current.count), count: previous.count)
        for p in previous.indices {
            for c in current.indices {
                let cosine = signatureCosine(previous[p].signature, current[c].signature)
                if shared.isEmpty {
                    score[p][c] = cosine
                } else {
                    let union = previousSets[p].union(currentSets[c]).count
                    let jaccard = union == 0 ? 0 : Double(previousSets[p].intersection(currentSets[c]).count) / Double(union)
                    score[p][c] = 0.7 * jaccard + 0.3 * cosine
                }
            }
        }
        let pairing = HungarianAssignment.maximise(score)
        var matches: [ThemeMatch] = []
        var matchedCurrent = Set<Int>()
        var fading: [ThemeMatch] = []
        for p in previous.indices {
            if let c = pairing[p], score[p][c] >= minimumSimilarity {
                matches.append(ThemeMatch(previous: p, current: c, status: .continuing, similarity: score[p][c]))
                matchedCurrent.insert(c)
            } else {
                fading.append(ThemeMatch(previous: p, current: nil, status: .fading, similarity: 0))
            }
        }
        for c in current.indices where !matchedCurrent.contains(c) {
            matches.append(ThemeMatch(previous: nil, current: c, status: .new, similarity: 0))
        }
        matches.sort { ($0.current ?? Int.max) < ($1.current ?? Int.max) }
        return matches + fading
    }

    /// Cosine of two term-weight maps (0 when either is empty).
    public static func signatureCosine(_ a: [String: Float], _ b: [String: Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (t, w) in a {
            na += Double(w * w)
            if let x = b[t] { dot += Double(w * x) }
        }
        for w in b.values { nb += Double(w * w) }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }
}
