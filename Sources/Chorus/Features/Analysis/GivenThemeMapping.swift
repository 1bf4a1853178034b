import Vapor
import Fluent
import ChorusCore

/// "Map to given themes": the analyst lists themes they already have (a consultation's questions, say) and Chorus
/// suggests, for each insight in a scope, which of them it is about, with a confidence — for review, nothing is
/// stored. The scope is read through the analyst's own organisation's wall, like an analysis.
enum GivenThemeMapping {
    /// Mapping runs while the page waits, so its scope is smaller than an analysis's.
    static let maxInsights = 20_000
    static let examplesPerTheme = 10
    /// Insights the page embeds itself when the background queue has not reached them; more, and it uses word matching.
    static let maxToEmbedWhileWaiting = 2_000

    struct Input: Sendable {
        var themes = ""
        var bundleID = ""
        var query = ""
        var threshold = ""
    }

    struct Assignment: Sendable { let insight: UUID; let text: String; let heard: Day; let theme: Int; let confidence: Double }

    struct Result: Sendable {
        let themes: [GivenTheme]
        let threshold: Double
        /// "sentence embeddings …" or "word matching (TF-IDF + LSA)".
        let method: String
        let insights: Int
        /// Every assignment, most confident first within each theme.
        let assignments: [Assignment]
        let unassigned: Int
        func of(_ theme: Int) -> [Assignment] { assignments.filter { $0.theme == theme } }
    }

    static func input(_ q: [String: String]) -> Input {
        Input(themes: q["themes"] ?? "", bundleID: q["bundle_id"] ?? "", query: q["query"] ?? "", threshold: q["threshold"] ?? "")
    }

    static func run(_ input: Input, user: CurrentUser, app: Application, on db: any Database) async throws -> Result {
        guard AnalysisService.canRun(user) else {
            throw Abort(.forbidden, reason: "Only insight analysts, officers and partnership admins map insights to themes")
        }
        var errors: [FieldError] = []
        var themes: [GivenTheme] = []
        do { themes = try GivenThemeList.parse(input.themes) } catch { errors += error.errors }
        var threshold: Double? = nil
        let t = input.threshold.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty {
            if let v = Double(t), v >= 0.05, v <= 0.95 {
                threshold = v
            } else {
                errors.append(FieldError("threshold", "The threshold must be a number from 0.05 to 0.95"))
            }
        }
        var bundle: UUID? = nil
        let b = input.bundleID.trimmingCharacters(in: .whitespaces)
        if !b.isEmpty {
            if let id = UUID(uuidString: b), try await InsightBundle.find(id, on: db) != nil {
                bundle = id
            } else {
                errors.append(FieldError("bundle_id", "Choose a bundle from the list"))
            }
        }
        let query = String(input.query.trimmingCharacters(in: .whitespacesAndNewlines).trimmingPrefix("?"))
        var filter: InsightQueries.Filter? = nil
        if errors.isEmpty {
            do { filter = try await AnalysisService.scopeFilter(query: query, bundleID: bundle, organisation: user.organisationID, db) } catch let f
                as ValidationFailure
            {
                errors.append(FieldError("query", "The filter has a problem: " + (f.errors.first?.message ?? "")))
            }
        }
        guard errors.isEmpty, let filter else { throw ValidationFailure(errors) }
        let total = try await InsightQueries.query(db, filter).count()
        guard total <= maxInsights else {
            throw ValidationFailure([
                FieldError(
                    "query",
                    "The scope holds \(NumberText.grouped(total)) insights; narrow it to at most \(NumberText.grouped(maxInsights)) (or run an analysis, which takes more)"
                )
            ])
        }
        let insights = try await InsightQueries.query(db, filter).sort(\.$id).field(\.$id).field(\.$text).field(\.$heardDay).field(\.$peopleCount)
            .all()
        let docs = insights.map { AnalysisDocument(id: $0.id!, text: $0.text, weight: $0.peopleCount) }
        // Stored sentence embeddings when the model is available and the background queue has (nearly) caught up;
        // otherwise word matching.
        let given = themes, threads = min(2, ProcessInfo.processInfo.activeProcessorCount)
        let matches: [[GivenThemeMatch]], method: String, used: Double
        if let sentence = try await AnalysisVectors.sentence(app, docs, maxToCompute: maxToEmbedWhileWaiting),
            let embedder = try await app.computePool.runIfActive({ app.embeddingEngine.embedder(app.logger) })
        {
            used = threshold ?? GivenThemeMapper.embeddingThreshold
            matches = try await app.computePool.runIfActive {
                let themeVectors = DenseMatrix(rows: given.count, columns: embedder.dimensions, values: embedder.embed(given.map(\.text)))
                return GivenThemeMapper.map(vectors: sentence.matrix, themeVectors: themeVectors, threshold: used, threads: threads)
            }
            method = "sentence embeddings (\(sentence.model))"
        } else {
            used = threshold ?? GivenThemeMapper.termThreshold
            matches = try await app.computePool.runIfActive {
                GivenThemeMapper.map(docs, to: given, threshold: used, threads: threads)
            }
            method = "word matching (TF-IDF + LSA)"
        }
        var assignments: [Assignment] = []
        var unassigned = 0
        for (i, m) in matches.enumerated() {
            if m.isEmpty { unassigned += 1 }
            for a in m {
                assignments.append(
                    Assignment(
                        insight: insights[i].id!, text: insights[i].text, heard: Day(ordinal: insights[i].heardDay),
                        theme: a.themeIndex, confidence: a.confidence))
            }
        }
        assignments.sort { ($0.theme, -$0.confidence, $0.insight.uuidString) < ($1.theme, -$1.confidence, $1.insight.uuidString) }
        return Result(themes: themes, threshold: used, method: method, insights: insights.count, assignments: assignments, unassigned: unassigned)
    }

    /// Every suggestion, for review in a spreadsheet.
    static func csv(_ r: Result) -> String {
        CSV.write(
            header: ["insight_id", "heard_on", "given_theme", "confidence", "text"],
            rows: r.assignments.map {
                [$0.insight.uuidString, $0.heard.description, r.themes[$0.theme].name, String(format: "%.3f", $0.confidence), $0.text]
            })
    }
}
