import Vapor
import Fluent
import ChorusCore

/// Evaluating an activity after it closes, and the lessons every partner reads from evaluations: searched by method,
/// theme and audience, and offered to the planning advisor for a similar new activity (`LessonMatch`).
enum EvaluationService {
    static let entity = "activity_evaluation"
    static let maxText = 4000

    struct Lesson: Sendable {
        let activityID: UUID
        let title: String
        let organisation: String
        let methods: [String]
        let themes: [String]
        let closedOn: Day?
        let reached: EvaluationReach
        let reachNotes: String
        let whatWorked: String
        let whatWentWrong: String
        let doDifferently: String
        let participantsSaid: String
        let costPounds: Int?
        let evaluatedBy: String
        let evaluatedOn: Day
    }

    /// An activity page's evaluation block.
    struct Panel: Sendable {
        let activityID: UUID
        let closed: Bool
        let canEvaluate: Bool
        let lesson: Lesson?
    }

    struct Filter: Sendable {
        var method: String? = nil
        var theme: UUID? = nil
        var audience: UUID? = nil
        var text: String? = nil
    }

    static func isClosed(_ status: String) -> Bool { [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue].contains(status) }

    /// The activity page's block, reading its evaluation.
    static func panel(_ activity: RegisterService.ActivityFacts, user: CurrentUser, _ db: any Database) async throws -> Panel {
        try await panel(activity, evaluation: ActivityEvaluation.query(on: db).filter(\.$activity.$id == activity.id).first(), user: user, db)
    }

    /// The block, from an evaluation already read (`find`).
    static func panel(_ activity: RegisterService.ActivityFacts, evaluation: ActivityEvaluation?, user: CurrentUser, _ db: any Database)
        async throws -> Panel
    {
        Panel(
            activityID: activity.id, closed: isClosed(activity.status),
            canEvaluate: RegisterService.canEdit(user, organisationID: activity.organisationID),
            lesson: evaluation == nil ? nil : try await lessons([evaluation!], db).first)
    }

    /// The activity (visible to the person) and its evaluation, for the form.
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (RegisterService.ActivityFacts, ActivityEvaluation?) {
        let facts = RegisterService.ActivityFacts(try await RegisterService.findVisible(id, user: user, db))
        return (facts, try await ActivityEvaluation.query(on: db).filter(\.$activity.$id == facts.id).first())
    }

    /// Saves (or replaces) the evaluation of a closed activity; its lead organisation's officers and partnership admins.
    static func save(_ id: UUID?, _ input: Input, user: CurrentUser, today: Day, on db: any Database) async throws {
        let (activity, existing) = try await find(id, user: user, db)
        guard RegisterService.canEdit(user, organisationID: activity.organisationID) else {
            throw Abort(.forbidden, reason: "Only the lead organisation's officers and partnership admins evaluate this activity")
        }
        var v = Validator()
        if !isClosed(activity.status) { v.add("reached", "Evaluate an activity once it has closed") }
        let reached = v.choice("reached", input["reached"], label: "Did we reach who we meant to", as: EvaluationReach.self)
        let reachNotes = v.optional("reach_notes", input["reach_notes"], label: "Who we reached", max: maxText, multiline: true) ?? ""
        let worked = v.required("what_worked", input["what_worked"], label: "What worked", max: maxText, multiline: true)
        let wrong = v.required("what_went_wrong", input["what_went_wrong"], label: "What went wrong", max: maxText, multiline: true)
        let differently = v.required("do_differently", input["do_differently"], label: "What we would do differently", max: maxText, multiline: true)
        let said = v.optional("participants_said", input["participants_said"], label: "What participants said", max: maxText, multiline: true) ?? ""
        let cost = v.integer("cost", input["cost"], label: "Cost in pounds", range: 0...100_000_000)
        try v.check()
        let e = existing ?? ActivityEvaluation()
        e.$activity.id = activity.id; e.$organisation.id = activity.organisationID; e.reached = reached!.rawValue; e.reachNotes = reachNotes
        e.whatWorked = worked; e.whatWentWrong = wrong; e.doDifferently = differently; e.participantsSaid = said; e.costPounds = cost
        e.evaluatedByPersonID = user.id; e.evaluatedByName = user.name; e.evaluatedDay = today.ordinal
        try await db.transaction { tx in
            try await e.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: existing == nil ? .create : .update, entity: entity, id: e.id,
                label: "Evaluation of \(String(activity.title.prefix(120)))",
                after: ["reached": reached!.rawValue, "cost": cost.map(String.init) ?? ""])
        }
    }

    /// Lessons matching the filter, newest evaluation first, a page at a time.
    static func lessons(_ f: Filter, window: PageWindow, _ db: any Database) async throws -> PageOf<Lesson> {
        let all = try await ActivityEvaluation.query(on: db).sort(\.$evaluatedDay, .descending).sort(\.$id).limit(5000).all()
        let traits = try await RegisterService.traits(ofActivities: all.map { $0.$activity.id }, db)
        let kept = all.filter { e in
            let t = traits[e.$activity.id]
            if let m = f.method, !(t?.methods.contains(m) ?? false) { return false }
            if let th = f.theme, !(t?.themes.contains(th) ?? false) { return false }
            if let au = f.audience, !(t?.audiences.contains(au) ?? false) { return false }
            return true
        }
        var lessons = try await lessons(kept, db)
        if let q = f.text?.lowercased(), !q.isEmpty {
            lessons = lessons.filter { l in
                [l.title, l.reachNotes, l.whatWorked, l.whatWentWrong, l.doDifferently, l.participantsSaid].contains { $0.lowercased().contains(q) }
            }
        }
        let page = Array(lessons.dropFirst(window.offset).prefix(window.size))
        return PageOf(items: page, request: window, total: lessons.count)
    }

    /// Lessons from the evaluated activities most like this one (for the planning advisor).
    static func similar(toActivity id: UUID, limit: Int = 3, _ db: any Database) async throws -> [Lesson] {
        let all = try await ActivityEvaluation.query(on: db).sort(\.$evaluatedDay, .descending).limit(5000).all()
        guard !all.isEmpty else { return [] }
        let traits = try await RegisterService.traits(ofActivities: all.map { $0.$activity.id } + [id], db)
        guard let target = traits[id] else { return [] }
        let chosen = LessonMatch.similar(
            to: target, excluding: id,
            among: all.compactMap { e in
                traits[e.$activity.id].map { .init(id: e.$activity.id, traits: $0, evaluatedOn: Day(ordinal: e.evaluatedDay)) }
            }, limit: limit)
        let byActivity = Dictionary(all.map { ($0.$activity.id, $0) }) { a, _ in a }
        return try await lessons(chosen.compactMap { byActivity[$0] }, db)
    }

    /// Evaluations as lessons, in the order given, with their activities' titles, organisations, methods and themes.
    private static func lessons(_ evaluations: [ActivityEvaluation], _ db: any Database) async throws -> [Lesson] {
        let summaries = Dictionary(try await RegisterService.summaries(evaluations.map { $0.$activity.id }, db).map { ($0.id, $0) }) { a, _ in a }
        return evaluations.compactMap { e in
            guard let s = summaries[e.$activity.id] else { return nil }
            return Lesson(
                activityID: s.id, title: s.title, organisation: s.organisationName, methods: s.methods, themes: s.themes, closedOn: s.end,
                reached: EvaluationReach(rawValue: e.reached) ?? .partly, reachNotes: e.reachNotes, whatWorked: e.whatWorked,
                whatWentWrong: e.whatWentWrong, doDifferently: e.doDifferently, participantsSaid: e.participantsSaid, costPounds: e.costPounds,
                evaluatedBy: e.evaluatedByName, evaluatedOn: Day(ordinal: e.evaluatedDay))
        }
    }
}
