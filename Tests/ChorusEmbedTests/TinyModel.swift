import Foundation

/// Writes small model directories (safetensors + config.json + vocab.txt) for tests, and raw safetensors bytes for
/// the corrupt-file tests.
enum TinyModel {
    static let hidden = 4, heads = 2, intermediate = 8, vocabulary = 6, positions = 8
    static let vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello", "world"]

    /// Tensor names and shapes of a one-layer BERT, in a fixed order (the order seeds the weight formula).
    static var tensors: [(String, [Int])] {
        let h = hidden, i = intermediate, p = "encoder.layer.0."
        return [
            ("embeddings.word_embeddings.weight", [vocabulary, h]), ("embeddings.position_embeddings.weight", [positions, h]),
            ("embeddings.token_type_embeddings.weight", [2, h]), ("embeddings.LayerNorm.weight", [h]),
            ("embeddings.LayerNorm.bias", [h]),
            (p + "attention.self.query.weight", [h, h]), (p + "attention.self.query.bias", [h]),
            (p + "attention.self.key.weight", [h, h]), (p + "attention.self.key.bias", [h]),
            (p + "attention.self.value.weight", [h, h]), (p + "attention.self.value.bias", [h]),
            (p + "attention.output.dense.weight", [h, h]), (p + "attention.output.dense.bias", [h]),
            (p + "attention.output.LayerNorm.weight", [h]), (p + "attention.output.LayerNorm.bias", [h]),
            (p + "intermediate.dense.weight", [i, h]), (p + "intermediate.dense.bias", [i]),
            (p + "output.dense.weight", [h, i]), (p + "output.dense.bias", [h]),
            (p + "output.LayerNorm.weight", [h]), (p + "output.LayerNorm.bias", [h]),
        ]
    }

    /// Tensor number t, element i: 0.5·sin(0.7·i + 1.3·t); LayerNorm weights 1 + 0.2 times that.
    static func patterned(_ name: String, _ t: Int, count: Int) -> [Float] {
        (0..<count).map { i in
            let v = 0.5 * sin(Double(i) * 0.7 + Double(t) * 1.3)
            return Float(name.hasSuffix("LayerNorm.weight") ? 1 + 0.2 * v : v)
        }
    }

    /// safetensors bytes of `tensors` (F32).
    static func safetensors(_ tensors: [(String, [Int], [Float])], metadata: Bool = true) -> Data {
        var header: [String: Any] = metadata ? ["__metadata__": ["format": "pt"]] : [:]
        var body = Data()
        for (name, shape, values) in tensors {
            let start = body.count
            values.withUnsafeBufferPointer { body.append(Data(buffer: $0)) }
            header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [start, body.count]]
        }
        let json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        var out = Data()
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out.append(json)
        out.append(body)
        return out
    }

    static func config(hidden: Int = hidden, heads: Int = heads) -> String {
        """
        {"model_type": "bert", "hidden_act": "gelu", "hidden_size": \(hidden), "num_attention_heads": \(heads),
         "num_hidden_layers": 1, "intermediate_size": \(intermediate), "max_position_embeddings": \(positions),
         "type_vocab_size": 2, "vocab_size": \(vocabulary), "layer_norm_eps": 1e-12, "position_embedding_type": "absolute"}
        """
    }

    /// A model directory with the given weights (default: the patterned ones) in a fresh temporary folder.
    static func directory(weights: Data? = nil, config: String? = nil, vocab: [String]? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-embed-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data =
            weights
            ?? safetensors(
                tensors.enumerated().map { t, entry in
                    (entry.0, entry.1, patterned(entry.0, t, count: entry.1.reduce(1, *)))
                })
        try data.write(to: dir.appendingPathComponent("model.safetensors"))
        try (config ?? self.config()).write(to: dir.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        try ((vocab ?? self.vocab).joined(separator: "\n") + "\n").write(
            to: dir.appendingPathComponent("vocab.txt"),
            atomically: true, encoding: .utf8)
        return dir
    }
}
