import Vapor
import Fluent
import ChorusCore

/// "How was taking part?": three anonymous questions for a public activity that has closed, reached from the
/// "You said, we did" email and page; the answers are summarised for staff beside the activity's evaluation.
enum ParticipantFeedbackService {
    /// Residents may answer about an activity that is public and closed (or reported).
    static func isOpen(_ a: RegisterService.ActivityFacts) -> Bool { a.isPublic && EvaluationService.isClosed(a.status) }

    /// The activity, when residents may answer about it; 404 otherwise.
    static func openActivity(_ id: UUID?, _ db: any Database) async throws -> RegisterService.ActivityFacts {
        guard let id, let a = try await RegisterService.facts(id, db), isOpen(a) else { throw Abort(.notFound) }
        return a
    }

    /// Whether residents may answer about this activity now (the "You said, we did" page links it only then).
    static func isOpen(_ id: UUID, _ db: any Database) async throws -> Bool {
        try await RegisterService.facts(id, db).map(isOpen) ?? false
    }

    /// Saves one answer; every problem named, nothing saved.
    static func answer(_ activity: RegisterService.ActivityFacts, _ input: Input, language: String, on db: any Database) async throws {
        var v = Validator()
        let listened = v.choice("listened", input["listened"], label: "Did you feel listened to", as: ParticipantFeedback.Listened.self)
        let ease = v.choice("ease", input["ease"], label: "Was it easy to take part", as: ParticipantFeedback.Ease.self)
        let comment = v.optional("comment", input["comment"], label: "Anything else", max: ParticipantFeedback.maxComment, multiline: true) ?? ""
        try v.check()
        let a = ParticipantFeedbackAnswer()
        a.$activity.id = activity.id; a.listened = listened!.rawValue; a.ease = ease!.rawValue; a.comment = comment; a.language = language
        try await a.create(on: db)
    }

    static func summary(ofActivity id: UUID, _ db: any Database) async throws -> ParticipantFeedback.Summary {
        let rows = try await ParticipantFeedbackAnswer.query(on: db).filter(\.$activity.$id == id).sort(\.$createdAt).limit(5000).all()
        return ParticipantFeedback.summarise(
            rows.compactMap { r in
                guard let l = ParticipantFeedback.Listened(rawValue: r.listened), let e = ParticipantFeedback.Ease(rawValue: r.ease) else {
                    return nil
                }
                return .init(listened: l, ease: e, comment: r.comment)
            })
    }
}
