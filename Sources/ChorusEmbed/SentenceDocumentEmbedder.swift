import ChorusCore
import Foundation

/// `SentenceEmbedder` as ChorusCore's `DocumentEmbedder`, so `ThematicAnalyser.run(documents, embedder:)` can
/// cluster sentence embeddings instead of TF-IDF+LSA. Corpus and queries are embedded the same way (the model
/// is fixed; nothing is fitted to the corpus). A text with no word pieces at all (empty or only control
/// characters) gets an all-zero row, as the protocol asks.
public struct SentenceDocumentEmbedder: DocumentEmbedder {
    public let embedder: SentenceEmbedder

    public init(_ embedder: SentenceEmbedder) { self.embedder = embedder }

    public var name: String { embedder.modelIdentifier }

    public func embed(
        corpus: [String], queries: [String], seed: UInt64, threads: Int,
        progress: (@Sendable (Double) -> Void)?
    ) -> DenseMatrix {
        let texts = corpus + queries
        let ids = texts.map { embedder.tokenizer.encode($0) }
        var values = embedder.embed(tokenIDs: ids, threads: threads, progress: progress)
        let d = embedder.dimensions
        for (i, seq) in ids.enumerated() where seq.count <= 2 {
            for j in 0..<d { values[i * d + j] = 0 }
        }
        return DenseMatrix(rows: texts.count, columns: d, values: values)
    }
}
