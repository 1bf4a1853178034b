import Vapor
import Fluent
import SQLKit
import ChorusCore

/// The survey benchmark's data (`bench/run_survey_bench.sh`, bench/README.md "Surveys"):
/// `chorus survey-bench seed --responses 100000` adds a published 30-question survey (six pages of five: every kind
/// of question, a skip from page 1 to page 3) to the demo's first public activity, and that many sent responses with
/// valid answers (deterministic for a given count), then prints `survey <id>`;
/// `chorus survey-bench count --survey ID --references FILE` prints how many of the references in FILE (one a line)
/// are stored as sent, for the kill -9 check.
struct SurveyBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "step", help: "seed | count") var step: String
        @Option(name: "responses", help: "seed: how many sent responses (default 100000)") var responses: Int?
        @Option(name: "survey", help: "count: the survey's id") var survey: String?
        @Option(name: "references", help: "count: a file of response references, one a line") var references: String?
    }
    var help: String { "Survey benchmark: seed a 30-question survey with responses, or count stored responses by reference." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        switch signature.step {
        case "seed":
            let started = Date()
            let id = try await SurveyBench.seed(responses: signature.responses ?? 100_000, db: app.db) { context.console.print($0) }
            context.console.print(String(format: "seeded in %.1f s", Date().timeIntervalSince(started)))
            context.console.print("survey \(id.uuidString)")
        case "count":
            guard let survey = signature.survey.flatMap(UUID.init(uuidString:)), let path = signature.references else {
                throw CommandFailure(message: "count needs --survey ID and --references FILE")
            }
            let wanted = Set(try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init))
            var found = Set<String>()
            for chunk in Array(wanted).chunked(500) {
                for r in try await SurveyResponse.query(on: app.db).filter(\.$surveyID == survey).filter(\.$reference ~~ chunk).filter(
                    \.$status == "submitted"
                ).all() {
                    found.insert(r.reference)
                }
            }
            let all = try await SurveyResponse.query(on: app.db).filter(\.$surveyID == survey).filter(\.$status == "submitted").count()
            context.console.print("acknowledged \(wanted.count) stored \(found.count) missing \(wanted.subtracting(found).count) sent_in_all \(all)")
            for missing in wanted.subtracting(found).sorted().prefix(20) { context.console.print("missing \(missing)") }
        default:
            throw CommandFailure(message: "step must be seed or count (got \(signature.step))")
        }
    }
}

enum SurveyBench {
    /// Six pages of five questions; page 1's first question "Option 5" skips to page 3.
    static func definition() -> SurveyDefinition {
        let kinds: [SurveyQuestion.Kind] = [.singleChoice, .multipleChoice, .scale, .shortText, .longText, .number, .ranking, .grid, .agree, .date]
        var pages: [SurveyPage] = []
        var n = 0
        for p in 1...6 {
            var questions: [SurveyQuestion] = []
            for _ in 1...5 {
                n += 1
                let kind = kinds[(n - 1) % kinds.count]
                var q = SurveyQuestion(id: "q\(n)", kind: kind, text: "Question \(n): what do you think about service \(n)?", required: n == 1)
                switch kind {
                case .singleChoice: q.options = (1...5).map { "Option \($0)" }
                case .multipleChoice: q.options = (1...6).map { "Choice \($0)" }; q.allowOther = true; q.maxPicks = 3
                case .scale: q.options = ["1", "2", "3", "4", "5"]; q.lowLabel = "Very poor"; q.highLabel = "Very good"
                case .number: q.minValue = 0; q.maxValue = 100
                case .ranking: q.options = ["Parks", "Libraries", "Roads", "Youth clubs"]
                case .grid: q.rows = ["Cleanliness", "Safety", "Opening hours"]; q.options = ["Poor", "Fair", "Good"]
                case .agree: q.options = ["agree"]
                default: break
                }
                questions.append(q)
            }
            pages.append(
                SurveyPage(
                    id: "p\(p)", title: "Part \(p)", questions: questions,
                    skips: p == 1 ? [SkipRule(when: SurveyCondition(question: "q1", test: .equals, values: ["Option 5"]), toPage: "p3")] : []))
        }
        return SurveyDefinition(pages: pages)
    }

    /// Valid answers for response `k`: every question answered on its path, a comment on one in three.
    static func answers(_ d: SurveyDefinition, _ rng: inout SeededRandom) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for q in d.questions {
            switch q.kind {
            case .singleChoice, .scale: out[q.id] = [rng.pick(q.options)]
            case .multipleChoice:
                let picked = Set(rng.sample(q.options, rng.int(1...3)))
                out[q.id] = q.options.filter(picked.contains)
            case .shortText: if rng.int(0...2) == 0 { out[q.id] = ["Short answer \(rng.int(1...9999))"] }
            case .longText:
                if rng.int(0...2) == 0 { out[q.id] = ["A longer comment about the service, number \(rng.int(1...99999)), with a few words more."] }
            case .number: out[q.id] = [String(rng.int(0...100))]
            case .ranking: out[q.id] = rng.sample(q.options, q.options.count)
            case .grid: out[q.id] = (q.rows ?? []).map { _ in rng.pick(q.options) }
            case .agree: out[q.id] = ["agree"]
            case .date: out[q.id] = [String(format: "2026-%02d-%02d", rng.int(1...12), rng.int(1...28))]
            default: break
            }
        }
        return SurveyLogic.applicable(d, out)
    }

    static func seed(responses n: Int, db: any Database, log: (String) -> Void) async throws -> UUID {
        guard let sql = db as? any SQLDatabase else { throw CommandFailure(message: "needs an SQL database") }
        guard let activity = try await Activity.query(on: db).filter(\.$isPublic == true).sort(\.$startDay).first() else {
            throw CommandFailure(message: "no public activity: run seed-demo first")
        }
        let d = definition()
        precondition(SurveyService.problems(d).isEmpty, "the bench survey must be valid: \(SurveyService.problems(d))")
        let survey = Survey(
            activityID: activity.id!, organisationID: activity.$organisation.id, title: "Benchmark survey (\(d.numbered.count) questions)",
            intro: "A synthetic survey for the benchmark.", definition: SurveyService.encode(d), status: .open, mode: .anonymous, askEquality: false)
        try await survey.create(on: db)
        let wards = try await PlacesReads.wards(db).map(\.id)
        var rng = SeededRandom(state: 0x5EED_5EED)
        let now = Date()
        for offset in stride(from: 0, to: n, by: 500) {
            let insert = sql.insert(into: SurveyResponse.schema).columns(
                "id", "survey_id", "reference", "answers", "status", "channel", "place_id", "started_at", "updated_at", "submitted_at")
            for k in offset..<min(n, offset + 500) {
                let at = now.addingTimeInterval(-30 * 86_400 * Double(n - k) / Double(n))
                let values: [any Encodable & Sendable] = [
                    UUID(), survey.id!, String(format: "S-B%03d-%04d", k / 10_000, k % 10_000), SurveyResponseService.encode(answers(d, &rng)),
                    "submitted", "web", wards.isEmpty ? nil : rng.pick(wards), at, at, at,
                ]
                _ = insert.values(values.map { SQLBind($0) })
            }
            try await insert.run()
            let done = min(n, offset + 500)
            if done % 20_000 == 0 || done == n { log("  \(done) responses") }
        }
        try await sql.raw(sql.dialect.name == "postgresql" ? "ANALYZE survey_responses" : "ANALYZE").run()
        return survey.id!
    }
}
