import Foundation

/// BERT's weights by role, read from a safetensors file with Hugging Face's tensor names (with or without a
/// leading "bert."). Linear weights stay as stored, [out, in] row-major: the forward pass multiplies by their
/// transpose. The query, key and value projections of a layer are concatenated into one [3·hidden, hidden]
/// matrix so one matrix product computes all three.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        var qkvWeight: [Float]  // [3h, h]
        var qkvBias: [Float]  // [3h]
        var attentionOutWeight: [Float]  // [h, h]
        var attentionOutBias: [Float]
        var attentionNormWeight: [Float]
        var attentionNormBias: [Float]
        var intermediateWeight: [Float]  // [i, h]
        var intermediateBias: [Float]
        var outputWeight: [Float]  // [h, i]
        var outputBias: [Float]
        var outputNormWeight: [Float]
        var outputNormBias: [Float]
    }

    var wordEmbeddings: [Float]  // [vocab, h]
    var positionEmbeddings: [Float]  // [positions, h]
    var tokenTypeEmbedding: [Float]  // row 0 of [types, h]
    var embeddingNormWeight: [Float]
    var embeddingNormBias: [Float]
    var layers: [Layer]

    init(file: SafetensorsFile, configuration c: BertConfiguration) throws {
        let prefix =
            file.entries["embeddings.word_embeddings.weight"] == nil
                && file.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func t(_ name: String, _ shape: [Int]) throws -> [Float] { try file.floats(prefix + name, shape: shape) }
        let h = c.hiddenSize, i = c.intermediateSize
        wordEmbeddings = try t("embeddings.word_embeddings.weight", [c.vocabularySize, h])
        positionEmbeddings = try t("embeddings.position_embeddings.weight", [c.maxPositions, h])
        tokenTypeEmbedding = Array(try t("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h]).prefix(h))
        embeddingNormWeight = try t("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try t("embeddings.LayerNorm.bias", [h])
        layers = try (0..<c.layers).map { n in
            let p = "encoder.layer.\(n)."
            return Layer(
                qkvWeight: try t(p + "attention.self.query.weight", [h, h]) + t(p + "attention.self.key.weight", [h, h])
                    + t(p + "attention.self.value.weight", [h, h]),
                qkvBias: try t(p + "attention.self.query.bias", [h]) + t(p + "attention.self.key.bias", [h])
                    + t(p + "attention.self.value.bias", [h]),
                attentionOutWeight: try t(p + "attention.output.dense.weight", [h, h]),
                attentionOutBias: try t(p + "attention.output.dense.bias", [h]),
                attentionNormWeight: try t(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try t(p + "attention.output.LayerNorm.bias", [h]),
                intermediateWeight: try t(p + "intermediate.dense.weight", [i, h]),
                intermediateBias: try t(p + "intermediate.dense.bias", [i]),
                outputWeight: try t(p + "output.dense.weight", [h, i]),
                outputBias: try t(p + "output.dense.bias", [h]),
                outputNormWeight: try t(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try t(p + "output.LayerNorm.bias", [h]))
        }
    }
}
