import Foundation

/// Turns texts into dense vectors for clustering. The built-in `LatentSemanticEmbedder` is TF-IDF reduced by a
/// truncated SVD; a sentence-embedding model can take its place by conforming to this protocol. Clustering, labels
/// and representatives only need the vectors and the texts.
public protocol DocumentEmbedder: Sendable {
    /// Shown in the analysis's method note, e.g. "tf-idf+lsa(100)".
    var name: String { get }
    /// One row per text of `corpus`, then one per text of `queries`, all in the same space; the queries are placed
    /// in the space the corpus defines without shaping it (they are, e.g., given theme descriptions). Rows have unit
    /// length, or are all zero when a text has nothing to go on.
    func embed(
        corpus: [String], queries: [String], seed: UInt64, threads: Int,
        progress: (@Sendable (Double) -> Void)?
    ) -> DenseMatrix
}

/// Latent semantic analysis: unigram + bigram TF-IDF (`TermCorpus`, `TFIDFWeighting`) reduced to `dimensions`
/// by a randomized truncated SVD, rows scaled to unit length. Queries are folded in through the term loadings.
public struct LatentSemanticEmbedder: DocumentEmbedder {
    public var dimensions: Int
    public var powerIterations: Int
    /// Corpora larger than this fit the SVD on a random sample of this many documents and fold the rest in.
    public var fitDocuments: Int

    public init(dimensions: Int = 100, powerIterations: Int = 3, fitDocuments: Int = 30_000) {
        self.dimensions = max(1, dimensions)
        self.powerIterations = max(0, powerIterations)
        self.fitDocuments = max(100, fitDocuments)
    }

    public var name: String { "tf-idf+lsa(\(dimensions))" }

    public func embed(
        corpus: [String], queries: [String], seed: UInt64, threads: Int,
        progress: (@Sendable (Double) -> Void)?
    ) -> DenseMatrix {
        let terms = TermCorpus(texts: corpus, settings: .standard(documents: corpus.count), threads: threads)
        let weighting = TFIDFWeighting(terms, foldPlurals: true)
        let x = weighting.matrix(terms)
        return embed(
            x, queries: queries.isEmpty ? nil : weighting.rows(queries), seed: seed, threads: threads,
            progress: progress)
    }

    /// The engine's path: the TF-IDF rows are already built (they are shared with labelling).
    func embed(
        _ x: SparseRows, queries: SparseRows?, seed: UInt64, threads: Int,
        progress: (@Sendable (Double) -> Void)?
    ) -> DenseMatrix {
        let total = x.rows + (queries?.rows ?? 0)
        guard x.rows > 0, x.columns > 0 else { return DenseMatrix(rows: total, columns: 1) }
        let svd = TruncatedSVD(
            x,
            settings: .init(
                dimensions: dimensions, oversampling: 10, powerIterations: powerIterations,
                fitRows: fitDocuments),
            random: AnalysisRandom(seed: seed).derived(0x57D), threads: threads,
            progress: progress.map { p in { p($0) } })
        var out = svd.documents
        if let queries, queries.rows > 0 {
            let folded = queries.times(svd.terms, threads: threads)
            out = DenseMatrix(rows: total, columns: out.columns, values: out.values + folded.values)
        }
        out.normaliseRows()
        return out
    }
}
