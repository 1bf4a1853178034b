import Foundation

/// A theme the analyst already has (a consultation's question, a taxonomy entry): its name and a description in
/// plain words. The more words a description gives, the better it matches.
public struct GivenTheme: Sendable, Equatable, Codable {
    public let name: String
    public let description: String

    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }

    /// What is matched: the name, and the description after it.
    public var text: String { description.isEmpty ? name : name + ". " + description }
}

/// One given theme suggested for a document, with a confidence 0–1 (for an analyst to review).
public struct GivenThemeMatch: Sendable, Equatable, Codable {
    /// Index into the given themes.
    public let themeIndex: Int
    public let confidence: Double

    public init(themeIndex: Int, confidence: Double) {
        self.themeIndex = themeIndex
        self.confidence = confidence
    }
}

/// Assigns documents to given themes: each document gets zero or more themes whose confidence reaches `threshold`,
/// most confident first.
///
/// With the built-in vectoriser the confidence is the larger of two measures: how much of the document is about the
/// theme's words (the length of the part of its unit TF-IDF row that falls on the words of the theme's name and
/// description and on phrases containing one of them: 1 when every word of the comment is one of them), and the cosine between the document and the
/// theme's text in the latent semantic space fitted on the documents, where related words count ("buses" for a
/// theme described as "public transport, routes"). A `DocumentEmbedder` (sentence embeddings) replaces both by its
/// own cosine, and so does `map(vectors:themeVectors:)` for stored embeddings.
///
/// Thresholds: `threshold` nil means 0.3 for the built-in vectoriser and `embeddingThreshold` (0.20) for sentence
/// embeddings, whose cosines are lower and narrower. 0.20 was calibrated with all-MiniLM-L6-v2 on the labelled
/// benchmark corpora (each label's name and a few words as the given theme): it maximises F1 of the assignments
/// (precision 0.27, recall 0.35, mean of fortunes and chatterbot; docs/analysis-engine.md gives the table).
public enum GivenThemeMapper {
    /// The calibrated cosine threshold for sentence embeddings (all-MiniLM-L6-v2).
    public static let embeddingThreshold = 0.20
    /// The threshold of the built-in TF-IDF + LSA measures.
    public static let termThreshold = 0.3

    public static func map(
        _ documents: [AnalysisDocument], to themes: [GivenTheme], threshold: Double? = nil,
        seed: UInt64 = 1, embedder: (any DocumentEmbedder)? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [[GivenThemeMatch]] {
        guard !documents.isEmpty, !themes.isEmpty else { return documents.map { _ in [] } }
        let threshold = threshold ?? (embedder == nil ? termThreshold : embeddingThreshold)
        let texts = documents.map(\.text)
        let queries = themes.map(\.text)
        let n = texts.count, m = themes.count
        var score = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        if let embedder {
            let all = embedder.embed(corpus: texts, queries: queries, seed: seed, threads: threads, progress: nil)
            for d in 0..<n { for t in 0..<m { score[d][t] = max(0, Double(dot(all, d, n + t))) } }
        } else {
            let corpus = TermCorpus(texts: texts, settings: .standard(documents: n), threads: threads)
            let weighting = TFIDFWeighting(corpus, foldPlurals: true)
            let x = weighting.matrix(corpus)
            let q = weighting.rows(queries)
            let semantic = LatentSemanticEmbedder().embed(x, queries: q, seed: seed, threads: threads, progress: nil)
            // a document term is on the theme when it is one of the theme's words or phrases, or a phrase with one
            // of the theme's words in it ("bus service" for a theme about buses)
            var themeWords = [Set<String>](repeating: [], count: m)
            for t in 0..<m {
                for k in q.rowStart[t]..<q.rowStart[t + 1] {
                    for w in corpus.terms[Int(q.columnIndex[k])].split(separator: " ") { themeWords[t].insert(String(w)) }
                }
            }
            let termWords = corpus.terms.map { $0.split(separator: " ").map(String.init) }
            var themeTerms = [Set<Int32>](repeating: [], count: m)
            for t in 0..<m {
                for (id, words) in termWords.enumerated() where words.contains(where: themeWords[t].contains) {
                    themeTerms[t].insert(Int32(id))
                }
            }
            for d in 0..<n {
                for t in 0..<m {
                    // coverage: the share (as a length) of the document's TF-IDF row on the theme's words
                    var covered: Float = 0
                    for k in x.rowStart[d]..<x.rowStart[d + 1] where themeTerms[t].contains(x.columnIndex[k]) {
                        covered += x.values[k] * x.values[k]
                    }
                    let latent = max(0, dot(semantic, d, n + t))
                    score[d][t] = Double(max(covered.squareRoot(), latent))
                }
            }
        }
        return select(score, threshold: threshold)
    }

    /// Documents already embedded (one row per document) against the given themes' texts (`GivenTheme`'s name and
    /// description, embedded by the same model: one row per theme). Confidence = cosine similarity (rows are
    /// scaled to unit length here, negative cosines count as 0); a theme is suggested when it reaches `threshold`.
    public static func map(
        vectors: DenseMatrix, themeVectors: DenseMatrix, threshold: Double = embeddingThreshold,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> [[GivenThemeMatch]] {
        precondition(
            vectors.columns == themeVectors.columns || vectors.rows == 0 || themeVectors.rows == 0,
            "documents and themes must be embedded by the same model")
        let n = vectors.rows, m = themeVectors.rows
        guard n > 0, m > 0 else { return (0..<n).map { _ in [] } }
        var docs = vectors, queries = themeVectors
        docs.normaliseRows()
        queries.normaliseRows()
        var score = [[Double]](repeating: [], count: n)
        score.withUnsafeMutableBufferPointer { out in
            docs.values.withUnsafeBufferPointer { dv in
                queries.values.withUnsafeBufferPointer { qv in
                    let shared = AnalysisUnchecked((out, dv, qv))
                    AnalysisParallel.forChunks(n, threads: threads, minimumChunk: 512) { range in
                        let (out, dv, qv) = shared.value
                        let d = docs.columns
                        for r in range {
                            out[r] = (0..<m).map { t in max(0, Double(VectorMath.dot(dv.baseAddress! + r * d, qv.baseAddress! + t * d, d))) }
                        }
                    }
                }
            }
        }
        return select(score, threshold: threshold)
    }

    static func select(_ score: [[Double]], threshold: Double) -> [[GivenThemeMatch]] {
        score.map { row in
            row.enumerated().filter { $0.element >= threshold }
                .map { GivenThemeMatch(themeIndex: $0.offset, confidence: min(1, $0.element)) }
                .sorted { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.themeIndex < $1.themeIndex) }
        }
    }

    private static func dot(_ m: DenseMatrix, _ a: Int, _ b: Int) -> Float {
        m.values.withUnsafeBufferPointer { v in
            VectorMath.dot(v.baseAddress! + a * m.columns, v.baseAddress! + b * m.columns, m.columns)
        }
    }
}
