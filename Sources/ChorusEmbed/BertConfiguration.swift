import Foundation

/// The parts of a Hugging Face BERT `config.json` the forward pass needs. Only what all-MiniLM-L6-v2 uses is
/// supported: GELU (erf), absolute position embeddings; anything else is refused with a clear error.
public struct BertConfiguration: Sendable, Equatable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var heads: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float

    public init(
        vocabularySize: Int, hiddenSize: Int, layers: Int, heads: Int, intermediateSize: Int,
        maxPositions: Int, typeVocabularySize: Int = 2, layerNormEpsilon: Float = 1e-12
    ) {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.heads = heads
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
    }

    public var headSize: Int { hiddenSize / heads }

    /// all-MiniLM-L6-v2's values.
    public static let miniLML6 = BertConfiguration(
        vocabularySize: 30522, hiddenSize: 384, layers: 6, heads: 12,
        intermediateSize: 1536, maxPositions: 512)

    public init(url: URL) throws {
        let file = url.path
        guard let data = try? Data(contentsOf: url) else {
            throw EmbeddingError.unreadable(file: file, reason: "no such file or not readable")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EmbeddingError.badConfiguration(file: file, detail: "not a JSON object")
        }
        func int(_ key: String) throws -> Int {
            guard let n = (object[key] as? NSNumber)?.intValue, n > 0 else {
                throw EmbeddingError.badConfiguration(file: file, detail: "\"\(key)\" is missing or not a positive integer")
            }
            return n
        }
        if let type = object["model_type"] as? String, type != "bert" {
            throw EmbeddingError.badConfiguration(file: file, detail: "model_type \"\(type)\" is not bert")
        }
        if let act = object["hidden_act"] as? String, act != "gelu" {
            throw EmbeddingError.badConfiguration(file: file, detail: "hidden_act \"\(act)\" is not supported (only gelu)")
        }
        if let pos = object["position_embedding_type"] as? String, pos != "absolute" {
            throw EmbeddingError.badConfiguration(file: file, detail: "position_embedding_type \"\(pos)\" is not supported")
        }
        self.init(
            vocabularySize: try int("vocab_size"), hiddenSize: try int("hidden_size"),
            layers: try int("num_hidden_layers"), heads: try int("num_attention_heads"),
            intermediateSize: try int("intermediate_size"), maxPositions: try int("max_position_embeddings"),
            typeVocabularySize: (object["type_vocab_size"] as? NSNumber)?.intValue ?? 2,
            layerNormEpsilon: (object["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12)
        guard hiddenSize % heads == 0 else {
            throw EmbeddingError.badConfiguration(file: file, detail: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(heads)")
        }
    }
}
