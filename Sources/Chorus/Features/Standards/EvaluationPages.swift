import Vapor
import Fluent
import ChorusCore

/// Page models for evaluating an activity and reading lessons.
enum EvaluationPages {
    struct Form: Sendable {
        let activityID: UUID
        let title: String
        let closed: Bool
        let canEvaluate: Bool
        let existing: EvaluationService.Lesson?
        /// Participants' answers to "How was taking part?".
        let participants: ParticipantFeedback.Summary
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    struct Lessons: Sendable {
        let page: PageOf<EvaluationService.Lesson>
        let methods: [Chorus.Form.Option]
        let themes: [Chorus.Form.Option]
        let audiences: [Chorus.Form.Option]
        let query: [String: String]
    }

    static func form(_ id: UUID?, user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> Form {
        let (activity, evaluation) = try await EvaluationService.find(id, user: user, db)
        let panel = try await EvaluationService.panel(activity, evaluation: evaluation, user: user, db)
        return Form(
            activityID: activity.id, title: activity.title, closed: panel.closed, canEvaluate: panel.canEvaluate, existing: panel.lesson,
            participants: try await ParticipantFeedbackService.summary(ofActivity: activity.id, db), errors: errors, input: input)
    }

    static func filter(_ q: [String: String]) -> EvaluationService.Filter {
        func value(_ k: String) -> String? { q[k].flatMap { $0.isEmpty ? nil : $0 } }
        return EvaluationService.Filter(
            method: value("method"), theme: value("theme").flatMap(UUID.init(uuidString:)),
            audience: value("audience").flatMap(UUID.init(uuidString:)),
            text: value("q").map { String($0.prefix(200)) })
    }

    static func lessons(_ q: [String: String], methodLabel: (String) -> String, _ db: any Database) async throws -> Lessons {
        let page = try await EvaluationService.lessons(filter(q), window: PageWindow(page: q["page"].flatMap(Int.init)), db)
        return Lessons(
            page: page, methods: EngagementMethod.allCases.map { .init($0.rawValue, methodLabel($0.rawValue)) },
            themes: try await TaxonomyReads.themes(db).map { .init($0.id.uuidString, $0.name) },
            audiences: try await TaxonomyReads.audiences(db).map { .init($0.id.uuidString, $0.name) }, query: q)
    }
}
