import Vapor
import Fluent
import ChorusCore

/// An assessment's action plan: what will be done about each gap, by whom and by when, with the statuses decision
/// spaces' actions use (`ActionStatus`, `ActionRules`). Owners see theirs in "My actions".
enum StandardActionService {
    static let entity = "standard_action"

    struct Row: Sendable {
        let id: UUID
        let standardKey: String
        let title: String
        let owner: String
        let organisation: String
        let due: Day
        let status: ActionStatus
        let statusDay: Day
        let reason: String?
        let progress: String?
        let overdue: Bool
    }

    /// Adds an action to the plan (the assessment's editors), for a standard of its version.
    static func add(
        _ a: StandardAssessment, access: AssessmentService.Access, standards: StandardSet, _ input: Input, user: CurrentUser, today: Day,
        on db: any Database
    ) async throws -> StandardAction {
        try AssessmentService.requireEditor(access)
        var v = Validator()
        let key = input["standard_key"] ?? ""
        if standards.standard(key) == nil { v.add("standard_key", "Choose the standard the action improves") }
        let title = v.required("title", input["title"], label: "What will be done", max: 1000)
        let (owner, due) = try await ActionService.readOwnerAndDue(&v, input, db)
        try v.check()
        let x = StandardAction()
        x.$assessment.id = a.id!; x.standardKey = key; x.title = title; x.$owner.id = owner!.id; x.$organisation.id = owner!.$organisation.id
        x.dueDay = due!.ordinal; x.status = ActionStatus.agreed.rawValue; x.statusDay = today.ordinal
        let ownerName = owner!.name, dueDay = due!
        try await db.transaction { tx in
            try await x.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: x.id, label: "\(a.title): \(String(title.prefix(120)))",
                after: ["owner": ownerName, "due": dueDay.description, "standard": key])
        }
        return x
    }

    /// An action the person may see (its assessment is visible to them, or they own it), with whether they may update it.
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (StandardAction, StandardAssessment, canUpdate: Bool) {
        guard let id, let x = try await StandardAction.find(id, on: db), let a = try await StandardAssessment.find(x.$assessment.id, on: db) else {
            throw Abort(.notFound)
        }
        let owns = x.$owner.id == user.id
        guard owns || AssessmentService.canSee(a, user: user) else { throw Abort(.notFound) }
        return (x, a, owns || AssessmentService.canEdit(a, user: user))
    }

    /// A status change and/or a progress note, by the owner or the assessment's editors.
    static func update(
        _ x: StandardAction, assessment a: StandardAssessment, canUpdate: Bool, _ input: Input, user: CurrentUser, today: Day, on db: any Database
    )
        async throws
    {
        guard canUpdate else { throw Abort(.forbidden, reason: "Only the action's owner and the assessment's editors update it") }
        var v = Validator()
        let (from, to, reason, note) = ActionService.readStatusChange(&v, input, current: x.status)
        for e in ActionRules.check(from: from, to: to, reason: reason) { v.add(e.field, e.message) }
        if from == to && note == nil && v.errors.isEmpty { v.add("note", "Write a progress note or change the status") }
        try v.check()
        if from != to {
            x.status = to.rawValue; x.statusDay = today.ordinal; x.doneDay = to == .done ? today.ordinal : nil
            x.reason = to == .notDoing ? reason : nil
        }
        if let note { x.progress = "\(today): \(note)" }
        try await db.transaction { tx in
            try await x.update(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: x.id, label: "\(a.title): \(String(x.title.prefix(120)))",
                before: ["status": from.rawValue], after: ["status": to.rawValue, "note": String((note ?? "").prefix(200))])
        }
    }

    static func rows(_ a: StandardAssessment, today: Day, _ db: any Database) async throws -> [Row] {
        try await rows(StandardAction.query(on: db).filter(\.$assessment.$id == a.id!).sort(\.$dueDay).sort(\.$id).all(), today: today, db)
    }

    static func rows(_ actions: [StandardAction], today: Day, _ db: any Database) async throws -> [Row] {
        let people = try await NameLookup.names(Person.self, Array(Set(actions.compactMap { $0.$owner.id })), db) { $0.name }
        let orgs = try await OrganisationsReads.names(Array(Set(actions.map { $0.$organisation.id })), db)
        return actions.map { x in
            let status = ActionStatus(rawValue: x.status) ?? .agreed
            let due = Day(ordinal: x.dueDay)
            return Row(
                id: x.id!, standardKey: x.standardKey, title: x.title, owner: x.$owner.id.flatMap { people[$0] } ?? "—",
                organisation: orgs[x.$organisation.id] ?? "", due: due, status: status, statusDay: Day(ordinal: x.statusDay), reason: x.reason,
                progress: x.progress, overdue: ActionRules.isOverdue(status: status, due: due, today: today))
        }
    }

    /// The person's actions, for "My actions".
    static func owned(_ r: OwnedActionsRequest) async throws -> [OwnedAction] {
        let actions = try await StandardAction.query(on: r.db).filter(\.$owner.$id == r.user.id).sort(\.$dueDay).limit(500).all()
        guard !actions.isEmpty else { return [] }
        let titles = try await NameLookup.names(StandardAssessment.self, Array(Set(actions.map { $0.$assessment.id })), r.db) { $0.title }
        return try await rows(actions, today: Day(Date()), r.db).enumerated().map { i, row in
            OwnedAction(
                title: row.title, href: SiteURL.Standards.action(row.id), source: "Action plan: \(titles[actions[i].$assessment.id] ?? "")",
                owner: row.owner, organisation: row.organisation, due: row.due, status: row.status, statusDay: row.statusDay)
        }
    }
}
