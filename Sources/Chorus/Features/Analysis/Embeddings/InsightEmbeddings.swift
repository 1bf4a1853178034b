import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import ChorusCore
import ChorusEmbed

/// Each insight's sentence embedding, computed once in the background after it is stored and kept as float16
/// (768 bytes), with the model that made it and a hash of the text it was made from. Every analysis reuses them; an
/// insight is embedded again only when its text or the model changes.
enum InsightEmbeddings {
    static let schema = "insight_embeddings"
    static let jobKind = "insight-embeddings"
    /// The queue's lease: one server embeds at a time.
    static let queueJob = UUID(uuidString: "0E5B0E5B-0000-4000-8000-000000000001")!
    static let batch = 500

    static func jobs(_ j: FeatureJobs) {
        j.sweep("sentence embeddings") { app, _ in startQueue(app) }
    }

    /// Progress of the queue on this server, for the analysis list.
    struct Progress: Sendable, Equatable { var done: Int; var pending: Int }
    final class Queue: Sendable {
        let running = NIOLockedValueBox(false)
        let progress = NIOLockedValueBox<Progress?>(nil)
    }

    /// Starts embedding what is pending, in the background under the queue's lease (one server at a time), unless
    /// this server is already at it.
    static func startQueue(_ app: Application) {
        let queue = app.embeddingQueue
        guard
            queue.running.withLockedValue({ r in
                defer { r = true }; return !r
            })
        else { return }
        // Started as a tracked job, so shutting down waits for the batch in hand (it used to reach for a database that
        // had closed, and the process crashed at exit).
        JobRunner.start(app, kind: jobKind, job: queueJob) {
            do { _ = try await drain(app) } catch { app.logger.warning("sentence embeddings: \(String(describing: error))") }
        } afterwards: {
            queue.running.withLockedValue { $0 = false }
        }
    }

    /// Embeds every pending insight, `batch` at a time, until none is left or the server begins to shut down (the rest
    /// wait for the next start). Returns how many were embedded.
    @discardableResult
    static func drain(_ app: Application) async throws -> Int {
        guard let embedder = try await app.computePool.runIfActive({ app.embeddingEngine.embedder(app.logger) }) else { return 0 }
        let model = embedder.modelIdentifier
        var done = 0
        let total = try await pendingCount(app.db, model: model)
        app.embeddingQueue.progress.withLockedValue { $0 = Progress(done: 0, pending: total) }
        defer { app.embeddingQueue.progress.withLockedValue { $0 = nil } }
        // One pass in id order (each batch continues after the last id), so the pass reads the table once.
        var after: UUID? = nil
        while !app.runningJobs.isStopping {
            let rows = try await pending(app.db, model: model, after: after, limit: batch)
            guard let last = rows.last else { break }
            after = last.id
            let texts = rows.map(\.text)
            let vectors = try await app.computePool.runIfActive { embedder.embed(texts, threads: 1) }
            let d = embedder.dimensions
            let now = Date()
            let items = rows.enumerated().map { i, r in
                (id: r.id, hash: textHash(r.text), blob: Float16Codec.encode(Array(vectors[(i * d)..<((i + 1) * d)])))
            }
            try await app.writeGate.run { try await store(app.db, items, model: model, at: now) }
            done += rows.count
            app.embeddingQueue.progress.withLockedValue { $0 = Progress(done: done, pending: max(total, done)) }
        }
        return done
    }

    struct Row: Sendable { let id: UUID; let text: String }

    /// Insights after `after` (by id) with no embedding from `model`, or one older than their last change.
    static func pending(_ db: any Database, model: String, after: UUID? = nil, limit: Int) async throws -> [Row] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let start: SQLQueryString = after.map { "AND i.id > \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT i.id AS id, i.text AS text FROM \(ident: Insight.schema) i
            LEFT JOIN \(ident: schema) e ON e.insight_id = i.id
            WHERE (e.insight_id IS NULL OR e.model <> \(bind: model) OR (i.updated_at IS NOT NULL AND e.embedded_at < i.updated_at)) \(start)
            ORDER BY i.id LIMIT \(unsafeRaw: String(limit))
            """
        ).all().map { Row(id: try $0.decode(column: "id", as: UUID.self), text: try $0.decode(column: "text", as: String.self)) }
    }

    static func pendingCount(_ db: any Database, model: String) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM \(ident: Insight.schema) i LEFT JOIN \(ident: schema) e ON e.insight_id = i.id
            WHERE e.insight_id IS NULL OR e.model <> \(bind: model) OR (i.updated_at IS NOT NULL AND e.embedded_at < i.updated_at)
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Stores the embeddings of these insights, replacing any they had (one statement).
    static func store(_ db: any Database, _ items: [(id: UUID, hash: String, blob: [UInt8])], model: String, at: Date) async throws {
        guard !items.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { return }
        // An upsert: the background queue and an analysis that embeds what the queue has not reached may store the
        // same insight at the same time (on PostgreSQL a delete-then-insert made the later one fail on the key).
        let insert = sql.insert(into: schema).columns("insight_id", "model", "text_hash", "vector", "embedded_at")
        for i in items { _ = insert.values(SQLBind(i.id), SQLBind(model), SQLBind(i.hash), SQLBind(Data(i.blob)), SQLBind(at)) }
        try await insert.onConflict(with: ["insight_id"]) { update in
            update.set(excludedValueOf: "model").set(excludedValueOf: "text_hash").set(excludedValueOf: "vector")
                .set(excludedValueOf: "embedded_at")
        }.run()
    }

    /// The stored vectors of `ids` from `model` whose text is unchanged (by hash), decoded.
    static func vectors(_ db: any Database, ids: [UUID], texts: [UUID: String], model: String) async throws -> [UUID: [Float]] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: [Float]] = [:]
        for chunk in ids.chunked(1000) {
            let rows = try await sql.raw(
                """
                SELECT insight_id, text_hash, vector FROM \(ident: schema) WHERE model = \(bind: model) AND insight_id IN (\(binds: chunk))
                """
            ).all()
            for r in rows {
                let id = try r.decode(column: "insight_id", as: UUID.self)
                guard let text = texts[id], try r.decode(column: "text_hash", as: String.self) == textHash(text),
                    let v = Float16Codec.decode(Array(try r.decode(column: "vector", as: Data.self)))
                else { continue }
                out[id] = v
            }
        }
        return out
    }

    /// The text's SHA-256, to tell a changed text from an unchanged one.
    static func textHash(_ text: String) -> String { Tokens.hash(text) }
}

extension Application {
    private struct QueueKey: StorageKey { typealias Value = InsightEmbeddings.Queue }
    var embeddingQueue: InsightEmbeddings.Queue {
        get { storage[QueueKey.self] ?? InsightEmbeddings.Queue() }
        set { storage[QueueKey.self] = newValue }
    }
}
