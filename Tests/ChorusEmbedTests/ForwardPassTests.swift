@testable import ChorusEmbed
import Foundation
import Testing

/// The forward pass on a one-layer BERT with hidden size 4, 2 heads, intermediate 8.
@Suite struct ForwardPassTests {
    /// Worked by hand: attention and feed-forward weights and biases all zero, LayerNorm γ = 1, β = 0, no position
    /// or type embedding, and every word embedding a positive multiple of (1, 2, 3, 4). Then each layer adds zero
    /// and re-normalises, so every token's final state is LayerNorm(k·(1,2,3,4)) = (−3, −1, 1, 3)/√5 whatever k,
    /// their mean is the same, and after L2 normalisation the sentence vector is (−3, −1, 1, 3)/√20.
    @Test func handComputedZeroAttentionLayer() throws {
        let h = TinyModel.hidden
        let tensors: [(String, [Int], [Float])] = TinyModel.tensors.enumerated().map { _, entry in
            let (name, shape) = entry
            let count = shape.reduce(1, *)
            if name == "embeddings.word_embeddings.weight" {
                return (name, shape, (0..<TinyModel.vocabulary).flatMap { row in (1...h).map { Float($0) * Float(row + 1) } })
            }
            return (name, shape, [Float](repeating: name.hasSuffix("LayerNorm.weight") ? 1 : 0, count: count))
        }
        let dir = try TinyModel.directory(weights: TinyModel.safetensors(tensors))
        defer { try? FileManager.default.removeItem(at: dir) }
        let embedder = try SentenceEmbedder(modelDirectory: dir, name: "tiny")
        let v = embedder.embed(["hello world", "world"])
        let expected: [Float] = [-3, -1, 1, 3].map { $0 / Float(20).squareRoot() }
        #expect(v.count == 2 * h)
        for j in 0..<h {
            #expect(abs(v[j] - expected[j]) < 1e-6)
            #expect(abs(v[h + j] - expected[j]) < 1e-6)
        }
    }

    /// Patterned weights (TinyModel.patterned) against a float64 numpy transcription of BERT's equations
    /// (embeddings + LayerNorm; Q, K, V; softmax(QKᵀ/√d)V per head; output dense + residual + LayerNorm; GELU(erf)
    /// feed-forward + residual + LayerNorm; mean pooling; L2), run once and copied here.
    static let expected: [([Int32], [Float])] = [
        ([2, 4, 5, 3], [0.4915257, -0.0148490, 0.7713448, -0.4039916]),
        ([2, 5, 3], [0.4270611, 0.3797004, 0.4120904, -0.7096675]),
        ([2, 4, 4, 5, 4, 3], [0.2394100, -0.0640757, 0.9626591, -0.1089250]),
    ]

    @Test func patternedLayerMatchesReference() throws {
        let dir = try TinyModel.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let embedder = try SentenceEmbedder(modelDirectory: dir, name: "tiny")
        #expect(embedder.dimensions == 4)
        // All three in one packed batch, sequences of different lengths side by side …
        let together = embedder.embed(tokenIDs: Self.expected.map(\.0))
        // … and each alone: the same numbers, so attention never crosses a sequence boundary.
        for (k, (ids, want)) in Self.expected.enumerated() {
            let alone = embedder.embed(tokenIDs: [ids])
            for j in 0..<4 {
                #expect(abs(together[k * 4 + j] - want[j]) < 2e-5, "sequence \(k) component \(j)")
                #expect(abs(alone[j] - want[j]) < 2e-5)
            }
        }
        // Through the tokenizer: "hello world" is [CLS] hello world [SEP] = the first case.
        let text = embedder.embed(["hello world"])
        #expect(zip(text, Self.expected[0].1).allSatisfy { abs($0 - $1) < 2e-5 })
        // Several threads, many copies: the same vectors.
        let many = embedder.embed(tokenIDs: Array(repeating: Self.expected[2].0, count: 50), threads: 2)
        #expect((0..<50).allSatisfy { r in (0..<4).allSatisfy { abs(many[r * 4 + $0] - Self.expected[2].1[$0]) < 2e-5 } })
    }

    @Test func emptyInputAndOutOfRangeIDsDoNotCrash() throws {
        let dir = try TinyModel.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let embedder = try SentenceEmbedder(modelDirectory: dir, name: "tiny")
        #expect(embedder.embed([], threads: 4).isEmpty)
        // An id beyond the vocabulary is read as [UNK]; a sequence longer than the position table is cut.
        let v = embedder.embed(tokenIDs: [[2, 99, -1, 3], Array(repeating: 4, count: 40), []])
        #expect(v.count == 12)
        #expect(v.allSatisfy { $0.isFinite })
        #expect(v[8..<12].allSatisfy { $0 == 0 })  // an empty sequence has nothing to pool
        #expect(embedder.embed(tokenIDs: [[], []]).allSatisfy { $0 == 0 })
    }

    @Test func expApproximationIsWithinHalfAMillionthRelative() {
        var worst: Double = 0
        var x: Float = -87
        while x <= 0 {
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(BertKernels.expNonPositive(x)) - exact) / exact)
            x += 0.0007
        }
        #expect(worst < 5e-7)
        #expect(BertKernels.expNonPositive(0) == 1)
        #expect(BertKernels.expNonPositive(-100) == 0)
        #expect(BertKernels.expNonPositive(-.infinity) == 0)
    }

    @Test func erfApproximationIsWithinHalfAMillionth() {
        var worst: Double = 0
        var x: Float = -6
        while x <= 6 {
            worst = max(worst, abs(Double(BertKernels.erf(x)) - Foundation.erf(Double(x))))
            x += 0.001
        }
        #expect(worst < 5e-7)
    }
}
