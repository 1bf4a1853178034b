import Vapor
import ChorusCore
import ChorusEmbed

/// The vectors an analysis clusters: the insights' stored sentence embeddings when the model is available (any not
/// embedded yet are embedded now and stored), or nil, and the engine falls back to TF-IDF + LSA.
enum AnalysisVectors {
    struct Sentence: Sendable {
        let matrix: DenseMatrix
        let model: String
        /// How many had to be embedded during this run (not yet done by the background queue).
        let computedNow: Int
    }

    /// nil without the model, or when more than `maxToCompute` insights still wait for the background queue.
    static func sentence(_ app: Application, _ docs: [AnalysisDocument], maxToCompute: Int = .max) async throws -> Sentence? {
        guard let embedder = try await app.computePool.runIfActive({ app.embeddingEngine.embedder(app.logger) }) else { return nil }
        let model = embedder.modelIdentifier
        var texts: [UUID: String] = [:]
        for d in docs { texts[d.id] = d.text }
        var found = try await InsightEmbeddings.vectors(app.db, ids: docs.map(\.id), texts: texts, model: model)
        let missing = docs.filter { found[$0.id] == nil }
        if missing.count > maxToCompute { return nil }
        if !missing.isEmpty {
            let missingTexts = missing.map(\.text)
            let values = try await app.computePool.runIfActive {
                embedder.embed(missingTexts, threads: min(2, ProcessInfo.processInfo.activeProcessorCount))
            }
            let d = embedder.dimensions, now = Date()
            var items: [(id: UUID, hash: String, blob: [UInt8])] = []
            for (i, doc) in missing.enumerated() {
                let v = Array(values[(i * d)..<((i + 1) * d)])
                found[doc.id] = v
                items.append((doc.id, InsightEmbeddings.textHash(doc.text), Float16Codec.encode(v)))
            }
            for chunk in items.chunked(500) {
                try await app.writeGate.run { try await InsightEmbeddings.store(app.db, chunk, model: model, at: now) }
            }
        }
        var values: [Float] = []
        values.reserveCapacity(docs.count * embedder.dimensions)
        for doc in docs { values += found[doc.id] ?? [Float](repeating: 0, count: embedder.dimensions) }
        return Sentence(matrix: DenseMatrix(rows: docs.count, columns: embedder.dimensions, values: values), model: model, computedNow: missing.count)
    }
}
