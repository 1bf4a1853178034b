import Vapor
import NIOConcurrencyHelpers
import ChorusCore
import ChorusEmbed

/// The sentence-embedding model (all-MiniLM-L6-v2, `ChorusEmbed`), loaded once per process on first use. When it
/// is turned off (`CHORUS_EMBEDDINGS=off`), not found, or unreadable, Chorus says so once in the log and analyses
/// use the classical engine (TF-IDF + LSA): Chorus never fails to start for want of it.
final class EmbeddingEngine: Sendable {
    enum State: Sendable {
        case notLoaded
        case ready(SentenceEmbedder, directory: String)
        case unavailable(String)
    }

    private let state = NIOLockedValueBox<State>(.notLoaded)
    private let enabled: Bool
    private let environment: [String: String]

    init(enabled: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.enabled = enabled
        self.environment = environment
    }

    /// A loaded engine (for tests).
    init(embedder: SentenceEmbedder) {
        enabled = true
        environment = [:]
        state.withLockedValue { $0 = .ready(embedder, directory: "") }
    }

    /// The model, loading it the first time (about a second: it reads and hashes 87 MB). Off the event loop.
    func embedder(_ logger: Logger) -> SentenceEmbedder? {
        state.withLockedValue { state in
            if case .notLoaded = state { state = load(logger) }
            if case let .ready(e, _) = state { return e }
            return nil
        }
    }

    /// Why there are no sentence embeddings, once the engine has been asked for (nil when it works or is not loaded yet).
    var unavailableReason: String? {
        state.withLockedValue { if case let .unavailable(r) = $0 { return r } else { return nil } }
    }

    private func load(_ logger: Logger) -> State {
        guard enabled else {
            logger.notice("Sentence embeddings are off (CHORUS_EMBEDDINGS=off): analyses use the classical engine")
            return .unavailable("Sentence embeddings are turned off on this server (CHORUS_EMBEDDINGS=off).")
        }
        switch EmbeddingModelLocator.locate(environment: environment) {
        case let .notFound(reason):
            logger.warning("Sentence embeddings are off: \(reason). Analyses use the classical engine.")
            return .unavailable("The sentence-embedding model is not installed on this server: \(reason).")
        case let .found(directory):
            do {
                let e = try SentenceEmbedder(modelDirectory: directory)
                logger.notice("Sentence embeddings: \(e.modelIdentifier) from \(directory.path) (OpenBLAS \(SentenceEmbedder.blasCore) kernels)")
                if let advice = SentenceEmbedder.blasAdvice { logger.notice("\(advice)") }
                return .ready(e, directory: directory.path)
            } catch {
                logger.warning(
                    "Sentence embeddings are off: the model at \(directory.path) could not be read (\(error)). Analyses use the classical engine.")
                return .unavailable("The sentence-embedding model could not be read: \(error).")
            }
        }
    }
}

extension Application {
    private struct EmbeddingEngineKey: StorageKey { typealias Value = EmbeddingEngine }
    /// Set in `configure`; tests may replace it.
    var embeddingEngine: EmbeddingEngine {
        get { storage[EmbeddingEngineKey.self] ?? EmbeddingEngine(enabled: false) }
        set { storage[EmbeddingEngineKey.self] = newValue }
    }
}
