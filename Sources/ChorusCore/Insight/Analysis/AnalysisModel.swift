import Foundation

// The public values of the thematic analysis engine: what goes in, the options, and what comes out.
// The engine is pure (Foundation only, no network) and deterministic for a given seed. See docs/analysis-engine.md.

/// One text to analyse: an insight's (redacted) words and how many people it represents.
public struct AnalysisDocument: Sendable, Equatable, Codable {
    public let id: UUID
    public let text: String
    /// People represented (a focus-group summary may speak for 12); at least 1. Used for theme sizes in people.
    public let weight: Int

    public init(id: UUID, text: String, weight: Int = 1) {
        self.id = id
        self.text = text
        self.weight = max(1, weight)
    }
}

/// How many themes to find.
public enum ThemeCount: Sendable, Equatable {
    /// The engine chooses the number within this range (clamped to what the corpus can support) and leaves
    /// outliers unassigned (at most `AnalysisOptions.maximumUnassignedShare` of the documents).
    case automatic(ClosedRange<Int>)
    /// Exactly this many themes (fewer only when there are fewer distinct documents); every document that has
    /// at least one known word is assigned.
    case fixed(Int)

    /// The default automatic range: 2 to 30 themes.
    public static let standard = ThemeCount.automatic(2...30)
}

public struct AnalysisOptions: Sendable, Equatable {
    /// Same seed and same input give the same result, bit for bit.
    public var seed: UInt64
    public var themeCount: ThemeCount
    /// Key phrases per theme (3–5 reads well).
    public var keyPhraseCount: Int
    /// Representative members per theme, closest to the theme's centre first.
    public var representativeCount: Int
    /// Automatic mode only: a document whose cosine similarity to its theme's centre is below this is an outlier
    /// and left unassigned (never more than `maximumUnassignedShare` of all documents, counting empty ones).
    public var outlierSimilarity: Float
    public var maximumUnassignedShare: Double
    /// Worker threads for the heavy loops (1 = single-threaded). Results do not depend on it.
    public var threads: Int
    /// How documents are grouped when their vectors are sentence embeddings (`ThematicAnalyser.run(_:vectors:)`
    /// or a `DocumentEmbedder`); the built-in TF-IDF path always uses k-means. Default: `.kMeans` (measured best).
    public var embeddingClustering: EmbeddingClusterMethod
    /// `.spectralGraph` only: the neighbour graph is built on at most this many documents (a random sample; the
    /// rest join the nearest theme). Its cost grows with the square of this number.
    public var graphSampleSize: Int
    /// Sentence embeddings only: each vector is averaged with up to this many nearest neighbours before the documents
    /// are grouped (`NeighbourSmoothing`; 0 = off), and never more than a tenth of an average theme (n / 10k);
    /// corpora under 2,000 documents are not smoothed. Measured in bench/README.md.
    public var neighbourSmoothing: Int

    public init(
        seed: UInt64 = 1, themeCount: ThemeCount = .standard, keyPhraseCount: Int = 5,
        representativeCount: Int = 5, outlierSimilarity: Float = 0.2, maximumUnassignedShare: Double = 0.15,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        embeddingClustering: EmbeddingClusterMethod = .kMeans, graphSampleSize: Int = 12_000,
        neighbourSmoothing: Int = 30
    ) {
        self.embeddingClustering = embeddingClustering
        self.neighbourSmoothing = min(200, max(0, neighbourSmoothing))
        self.graphSampleSize = max(100, graphSampleSize)
        self.seed = seed
        self.themeCount = themeCount
        self.keyPhraseCount = min(10, max(1, keyPhraseCount))
        self.representativeCount = min(20, max(1, representativeCount))
        self.outlierSimilarity = outlierSimilarity
        self.maximumUnassignedShare = min(1, max(0, maximumUnassignedShare))
        self.threads = min(16, max(1, threads))
    }
}

/// One theme the engine found.
public struct DiscoveredThemeResult: Sendable, Equatable, Codable {
    /// Short label: the top key phrases joined with " · ".
    public let label: String
    /// The most distinctive words and two-word phrases of the theme's texts, most distinctive first.
    public let keyPhrases: [String]
    /// Members, closest to the theme's centre first.
    public let memberIDs: [UUID]
    /// 3–5 members closest to the theme's centre (always members).
    public let representativeIDs: [UUID]
    /// Sum of the members' weights (people represented).
    public let people: Int
    public let sentiment: SentimentBalance
    /// The theme's distinctive terms with their weights (c-TF-IDF, the top 30, summing to 1): a description of the
    /// theme that can be compared across runs whose vocabularies differ (`ThemeMatcher`).
    public let signature: [String: Float]
    /// Mean cosine similarity of members to the centre, 0–1: how tight the theme is.
    public let cohesion: Float

    public init(
        label: String, keyPhrases: [String], memberIDs: [UUID], representativeIDs: [UUID], people: Int,
        sentiment: SentimentBalance, signature: [String: Float], cohesion: Float
    ) {
        self.label = label
        self.keyPhrases = keyPhrases
        self.memberIDs = memberIDs
        self.representativeIDs = representativeIDs
        self.people = people
        self.sentiment = sentiment
        self.signature = signature
        self.cohesion = cohesion
    }
}

/// What one run found. Themes are ordered largest first; every document is in exactly one theme or in
/// `unassigned`.
public struct AnalysisResult: Sendable, Equatable {
    public let themes: [DiscoveredThemeResult]
    /// Documents with no known words, and in automatic mode the outliers.
    public let unassigned: [UUID]
    /// Per-document sentiment, in input order.
    public let documentSentiment: [SentimentScore]
    public let diagnostics: AnalysisDiagnostics

    public init(
        themes: [DiscoveredThemeResult], unassigned: [UUID], documentSentiment: [SentimentScore],
        diagnostics: AnalysisDiagnostics
    ) {
        self.themes = themes
        self.unassigned = unassigned
        self.documentSentiment = documentSentiment
        self.diagnostics = diagnostics
    }
}

/// How the run went, for the analysis page's "method" note and for the benchmark. Two diagnostics are equal when
/// they describe the same method and choices (times are not compared: they differ from run to run).
public struct AnalysisDiagnostics: Sendable, Equatable {
    /// "tf-idf+lsa" or the embedder's name.
    public let vectoriser: String
    public let dimensions: Int
    public let vocabularySize: Int
    /// Automatic mode: the k tried and their silhouette on the sample (empty in fixed mode).
    public let silhouetteByThemeCount: [Int: Double]
    public let chosenThemeCount: Int
    public let seconds: Double
    /// Seconds per stage ("sentiment", "terms", "vectors", "theme count", "clustering", "labels"), in that order.
    public let stageSeconds: [(stage: String, seconds: Double)]

    public static func == (a: AnalysisDiagnostics, b: AnalysisDiagnostics) -> Bool {
        a.vectoriser == b.vectoriser && a.dimensions == b.dimensions && a.vocabularySize == b.vocabularySize
            && a.silhouetteByThemeCount == b.silhouetteByThemeCount && a.chosenThemeCount == b.chosenThemeCount
    }

    public init(
        vectoriser: String, dimensions: Int, vocabularySize: Int, silhouetteByThemeCount: [Int: Double],
        chosenThemeCount: Int, seconds: Double, stageSeconds: [(stage: String, seconds: Double)] = []
    ) {
        self.stageSeconds = stageSeconds
        self.vectoriser = vectoriser
        self.dimensions = dimensions
        self.vocabularySize = vocabularySize
        self.silhouetteByThemeCount = silhouetteByThemeCount
        self.chosenThemeCount = chosenThemeCount
        self.seconds = seconds
    }
}
