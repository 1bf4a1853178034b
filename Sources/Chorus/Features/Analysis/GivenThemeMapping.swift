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
        /// The scope's filter, chosen with the insight list's controls (`AnalysisScope.values`).
        var scope: [String: String] = [:]
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

    /// The form as sent; a filter typed as the insight list's query string in `query` (as the form took it before
    /// the controls) is read when no control is set.
    static func input(_ q: [String: String]) -> Input {
        var scope = AnalysisScope.values(q)
        if scope.isEmpty, let typed = q["query"] { scope = AnalysisScope.values(query: typed) }
        return Input(themes: q["themes"] ?? "", bundleID: q["bundle_id"] ?? "", scope: scope, threshold: q["threshold"] ?? "")
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
        let choices = try await AnalysisScope.choices(viewer: user, activity: input.scope["activity"].flatMap { UUID(uuidString: $0) }, db)
        var filter: InsightQueries.Filter? = nil
        do {
            filter = try await AnalysisScope.check(input.scope, bundleID: input.bundleID, user: user, choices: choices, db).filter
        } catch let failure as ValidationFailure {
            errors.append(contentsOf: failure.errors)
        }
        guard errors.isEmpty, let filter else { throw ValidationFailure(errors) }
        let total = try await InsightService.count(filter, upTo: maxInsights + 1, db).count
        guard total <= maxInsights else {
            throw ValidationFailure([
                FieldError(
                    "q",
                    "The scope holds more than \(NumberText.grouped(maxInsights)) insights; narrow it with the filters to at most \(NumberText.grouped(maxInsights)) (or run an analysis, which takes more)"
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
