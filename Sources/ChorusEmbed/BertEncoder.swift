import Foundation

/// BERT's encoder plus mean pooling and L2 normalisation: token ids in, one unit vector per sequence out.
///
/// Batches are *packed*: the sequences of a batch lie one after another, with no pad tokens. Everything except
/// attention works per token, so the dense layers see exactly the real tokens; attention runs per sequence over
/// its own rows, which is what BERT's attention mask does for padded batches (pad keys get zero weight, pad rows
/// are never pooled), without computing the pads.
struct BertEncoder: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// Scratch buffers of one worker, grown on demand and reused across batches.
    final class Workspace {
        private(set) var capacity = 0
        private(set) var longest = 0
        var x: UnsafeMutablePointer<Float> = .allocate(capacity: 1)
        var qkv: UnsafeMutablePointer<Float> = .allocate(capacity: 1)
        var context: UnsafeMutablePointer<Float> = .allocate(capacity: 1)
        var intermediate: UnsafeMutablePointer<Float> = .allocate(capacity: 1)
        var scores: UnsafeMutablePointer<Float> = .allocate(capacity: 1)

        func reserve(tokens: Int, longest sequence: Int, configuration c: BertConfiguration) {
            if tokens > capacity {
                x.deallocate(); qkv.deallocate(); context.deallocate(); intermediate.deallocate()
                x = .allocate(capacity: tokens * c.hiddenSize)
                qkv = .allocate(capacity: tokens * 3 * c.hiddenSize)
                context = .allocate(capacity: tokens * c.hiddenSize)
                intermediate = .allocate(capacity: tokens * c.intermediateSize)
                capacity = tokens
            }
            if sequence > longest {
                scores.deallocate()
                scores = .allocate(capacity: sequence * sequence)
                longest = sequence
            }
        }

        deinit {
            x.deallocate(); qkv.deallocate(); context.deallocate(); intermediate.deallocate(); scores.deallocate()
        }
    }

    /// Writes one L2-normalised vector (`hiddenSize` floats) per sequence to `output`, row after row.
    /// Token ids must be < vocabularySize and sequences no longer than maxPositions (the tokenizer guarantees both).
    func encode(_ sequences: [[Int32]], workspace: Workspace, output: UnsafeMutablePointer<Float>) {
        let c = configuration
        let h = c.hiddenSize, h3 = 3 * h, inter = c.intermediateSize, d = c.headSize
        let tokens = sequences.reduce(0) { $0 + $1.count }
        guard tokens > 0 else { return }
        workspace.reserve(tokens: tokens, longest: sequences.map(\.count).max() ?? 0, configuration: c)
        let x = workspace.x, qkv = workspace.qkv, ctx = workspace.context, mid = workspace.intermediate
        let scores = workspace.scores
        let scale = 1 / Float(d).squareRoot()

        // Embeddings: word + position + token type 0, then LayerNorm.
        weights.wordEmbeddings.withUnsafeBufferPointer { word in
            weights.positionEmbeddings.withUnsafeBufferPointer { position in
                weights.tokenTypeEmbedding.withUnsafeBufferPointer { type in
                    var row = 0
                    for sequence in sequences {
                        for (p, id) in sequence.enumerated() {
                            let out = x + row * h
                            let w = word.baseAddress! + Int(id) * h
                            let q = position.baseAddress! + p * h
                            for j in 0..<h { out[j] = w[j] + q[j] + type[j] }
                            row += 1
                        }
                    }
                }
            }
        }
        weights.embeddingNormWeight.withUnsafeBufferPointer { g in
            weights.embeddingNormBias.withUnsafeBufferPointer { b in
                BertKernels.addBiasLayerNorm(
                    x, rows: tokens, n: h, bias: nil, gamma: g.baseAddress!, beta: b.baseAddress!,
                    epsilon: c.layerNormEpsilon)
            }
        }

        for layer in weights.layers {
            // Q, K, V in one product: qkv[t] = x[t]·[Wq;Wk;Wv]ᵀ + b.
            layer.qkvWeight.withUnsafeBufferPointer { w in
                BertKernels.gemmTransposedB(tokens, h3, h, a: x, lda: h, b: w.baseAddress!, ldb: h, c: qkv, ldc: h3)
            }
            layer.qkvBias.withUnsafeBufferPointer { BertKernels.addBias(qkv, rows: tokens, n: h3, bias: $0.baseAddress!) }

            // Self-attention per sequence and head.
            var offset = 0
            for sequence in sequences {
                let n = sequence.count
                if n == 0 { continue }
                for head in 0..<c.heads {
                    let q = qkv + offset * h3 + head * d
                    let k = q + h
                    let v = q + 2 * h
                    BertKernels.gemmTransposedB(n, n, d, a: q, lda: h3, b: k, ldb: h3, c: scores, ldc: n, alpha: scale)
                    BertKernels.softmaxRows(scores, rows: n, n: n)
                    BertKernels.gemm(n, d, n, a: scores, lda: n, b: v, ldb: h3, c: ctx + offset * h + head * d, ldc: h)
                }
                offset += n
            }

            // Attention output: x = LayerNorm(x + ctx·Woᵀ + b).
            layer.attentionOutWeight.withUnsafeBufferPointer { w in
                BertKernels.gemmTransposedB(tokens, h, h, a: ctx, lda: h, b: w.baseAddress!, ldb: h, c: x, ldc: h, beta: 1)
            }
            layer.attentionOutBias.withUnsafeBufferPointer { b in
                layer.attentionNormWeight.withUnsafeBufferPointer { g in
                    layer.attentionNormBias.withUnsafeBufferPointer { be in
                        BertKernels.addBiasLayerNorm(
                            x, rows: tokens, n: h, bias: b.baseAddress!, gamma: g.baseAddress!,
                            beta: be.baseAddress!, epsilon: c.layerNormEpsilon)
                    }
                }
            }

            // Feed-forward: x = LayerNorm(x + gelu(x·Wiᵀ + bi)·Woᵀ + bo).
            layer.intermediateWeight.withUnsafeBufferPointer { w in
                BertKernels.gemmTransposedB(tokens, inter, h, a: x, lda: h, b: w.baseAddress!, ldb: h, c: mid, ldc: inter)
            }
            layer.intermediateBias.withUnsafeBufferPointer {
                BertKernels.addBiasGELU(mid, rows: tokens, n: inter, bias: $0.baseAddress!)
            }
            layer.outputWeight.withUnsafeBufferPointer { w in
                BertKernels.gemmTransposedB(
                    tokens, h, inter, a: mid, lda: inter, b: w.baseAddress!, ldb: inter, c: x, ldc: h,
                    beta: 1)
            }
            layer.outputBias.withUnsafeBufferPointer { b in
                layer.outputNormWeight.withUnsafeBufferPointer { g in
                    layer.outputNormBias.withUnsafeBufferPointer { be in
                        BertKernels.addBiasLayerNorm(
                            x, rows: tokens, n: h, bias: b.baseAddress!, gamma: g.baseAddress!,
                            beta: be.baseAddress!, epsilon: c.layerNormEpsilon)
                    }
                }
            }
        }

        // Mean pooling over each sequence's tokens, then L2 normalisation.
        var offset = 0
        for (s, sequence) in sequences.enumerated() {
            let out = output + s * h
            for j in 0..<h { out[j] = 0 }
            for t in offset..<(offset + sequence.count) {
                let row = x + t * h
                for j in 0..<h { out[j] += row[j] }
            }
            let inv = 1 / Float(max(1, sequence.count))
            var norm: Float = 0
            for j in 0..<h { out[j] *= inv; norm += out[j] * out[j] }
            let scale = norm > 0 ? 1 / max(norm.squareRoot(), 1e-12) : 0
            for j in 0..<h { out[j] *= scale }
            offset += sequence.count
        }
    }
}
