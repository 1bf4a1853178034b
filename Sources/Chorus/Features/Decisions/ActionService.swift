import Vapor
import Fluent
import ChorusCore

/// Decisions on agenda items and the actions they set: recording them (secretaries), updating an action's status and
/// progress (its owner or the space's secretaries only), the trail back to what prompted them, and what the change
/// sets off (feedback reports change with it; residents who asked to hear back are told when a promise is kept).
enum ActionService {
    static let decisionEntity = "decision"
    static let actionEntity = "decision_action"
    /// The decision form's activity pickers.
    static let activityFields = ["activity_1", "activity_2", "activity_3"]

    /// Records a decision on an item. Its trail: the item's bundle or theme, the activities behind the briefing the
    /// secretary sees, and any activities they name.
    static func decide(
        _ item: AgendaItem, meeting: Meeting, access: DecisionSpaceService.Access, _ input: Input, user: CurrentUser,
        on db: any Database
    ) async throws -> Decision {
        try DecisionSpaceService.requireSecretary(access)
        var v = Validator()
        let text = v.required("text", input["text"], label: "What was decided", max: 4000, multiline: true)
        var day = Day(ordinal: meeting.meetingDay)
        if let s = v.optional("decided_on", input["decided_on"], label: "Date decided", max: 10) {
            if let d = Day(iso: s) { day = d } else { v.add("decided_on", "Enter the date decided as a real date, like 2027-03-14") }
        }
        // Named in the typeahead pickers (`activity_1`…), or as ids in `activity_ids` (older forms and scripts).
        let choices = try await RegisterService.activityChoices(user, db)
        var activityIDs: [UUID] = []
        for name in activityFields {
            switch choices.id(input[name], field: name, fieldLabel: "Activity", what: "activity") {
            case .success(let id): if let id { activityIDs.append(id) }
            case .failure(let e): v.add(e.field, e.message)
            }
        }
        let rawActivities = input.list("activity_ids").filter { !$0.isEmpty }
        let listed = rawActivities.compactMap(UUID.init(uuidString:))
        if listed.count != rawActivities.count || !listed.allSatisfy(choices.contains) {
            v.add("activity_ids", "Select activities from the list")
        }
        activityIDs += listed
        try v.check()
        var links: [(DecisionLink.Kind, UUID)] = activityIDs.map { (.activity, $0) }
        if let b = item.$bundle.id { links.append((.bundle, b)) }
        if let t = item.$theme.id { links.append((.theme, t)) }
        // The activities behind the briefing (bounded by the register's size, unlike the insights themselves, which
        // are reached through the bundle or theme link).
        if let f = try await BriefingService.filter(for: item, viewer: user, db) {
            let rows = try await InsightQueries.query(db, f).filter(\.$activity.$id != nil).limit(BriefingService.limit).all()
            links += Set(rows.compactMap { $0.$activity.id }).sorted { $0.uuidString < $1.uuidString }.map { (.activity, $0) }
        }
        let allLinks = links
        let decision = Decision()
        decision.$agendaItem.id = item.id!; decision.$space.id = meeting.$space.id; decision.text = text; decision.decidedDay = day.ordinal
        try await db.transaction { tx in
            try await decision.create(on: tx)
            var seen = Set<String>()
            for (kind, target) in allLinks where seen.insert(kind.rawValue + target.uuidString).inserted {
                try await DecisionLink(decision: decision.id!, kind: kind, target: target).create(on: tx)
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: decisionEntity, id: decision.id,
                label: AuditLabel.decisionSpace(isPublic: access.isPublic, String(text.prefix(120)), kind: "Decision", id: decision.id),
                after: ["links": String(seen.count)])
        }
        return decision
    }

    static func findDecision(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (
        Decision, DecisionSpace, DecisionSpaceService.Access
    ) {
        guard let id, let d = try await Decision.find(id, on: db) else { throw Abort(.notFound) }
        let (space, a) = try await DecisionSpaceService.findVisible(d.$space.id, user: user, db)
        return (d, space, a)
    }

    /// Adds an action to a decision (secretaries). Its organisation defaults to the owner's.
    static func addAction(
        _ decision: Decision, access: DecisionSpaceService.Access, _ input: Input, user: CurrentUser,
        today: Day, on db: any Database
    ) async throws -> DecisionAction {
        try DecisionSpaceService.requireSecretary(access)
        var v = Validator()
        let title = v.required("title", input["title"], label: "What will be done", max: 1000)
        let (owner, due) = try await readOwnerAndDue(&v, input, db)
        var orgID = owner?.$organisation.id
        if let raw = input["organisation_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), try await Organisation.find(id, on: db) != nil {
                orgID = id
            } else {
                v.add("organisation_id", "Select the organisation from the list")
            }
        }
        let status = input["status"].flatMap { $0.isEmpty ? nil : $0 } ?? ActionStatus.agreed.rawValue
        if ![ActionStatus.proposed.rawValue, ActionStatus.agreed.rawValue].contains(status) {
            v.add("status", "A new action is proposed or agreed")
        }
        try v.check()
        let ownerName = owner!.name, dueDay = due!
        let a = DecisionAction()
        a.$decision.id = decision.id!; a.$space.id = decision.$space.id; a.title = title; a.$owner.id = owner!.id
        a.$organisation.id = orgID!; a.dueDay = due!.ordinal; a.status = status; a.statusDay = today.ordinal
        try await db.transaction { tx in
            try await a.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: actionEntity, id: a.id,
                label: AuditLabel.decisionSpace(isPublic: access.isPublic, String(title.prefix(120)), kind: "Action", id: a.id),
                after: ["status": status, "owner": ownerName, "due": dueDay.description])
        }
        return a
    }

    /// The owner (an active member of staff chosen from the list) and the due date an action's form sends, each problem
    /// added to `v` under its field. Decision spaces' actions and self-assessments' action plans read them alike.
    static func readOwnerAndDue(_ v: inout ChorusCore.Validator, _ input: Input, _ db: any Database) async throws -> (owner: Person?, due: Day?) {
        var owner: Person? = nil
        if let raw = v.optional("owner_id", input["owner_id"], label: "Owner", max: 36) {
            if let id = UUID(uuidString: raw), let p = try await Person.find(id, on: db), p.active {
                owner = p
            } else {
                v.add("owner_id", "Select the owner from the list")
            }
        } else {
            v.add("owner_id", "Select who owns this action")
        }
        var due: Day? = nil
        if let s = v.optional("due_on", input["due_on"], label: "Due date", max: 10) {
            due = Day(iso: s)
            if due == nil { v.add("due_on", "Enter the due date as a real date, like 2027-06-30") }
        } else {
            v.add("due_on", "Enter the date it is due")
        }
        return (owner, due)
    }

    /// What an action's update form says of its status: where it is now, where it goes (unchanged when no status is
    /// sent), the reason and the progress note. Decision spaces' actions and action plans' actions read it alike; each
    /// then checks the move with `ActionRules.check`.
    static func readStatusChange(_ v: inout ChorusCore.Validator, _ input: Input, current: String) -> (
        from: ActionStatus, to: ActionStatus, reason: String?, note: String?
    ) {
        let from = ActionStatus(rawValue: current) ?? .agreed
        let to = input["status"] == nil ? from : v.choice("status", input["status"], label: "Status", as: ActionStatus.self) ?? from
        let reason = v.optional("reason", input["reason"], label: "Reason", max: 2000, multiline: true)
        let note = v.optional("note", input["note"], label: "Progress note", max: 4000, multiline: true)
        return (from, to, reason, note)
    }

    /// Only the action's owner and the space's secretaries update it.
    static func canUpdate(_ action: DecisionAction, access: DecisionSpaceService.Access, user: CurrentUser) -> Bool {
        action.$owner.id == user.id || access.canRun
    }

    /// An action the person may see: its space must be visible to them, or they own it.
    static func findAction(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (
        DecisionAction, DecisionSpace, DecisionSpaceService.Access
    ) {
        guard let id, let a = try await DecisionAction.find(id, on: db), let space = try await DecisionSpace.find(a.$space.id, on: db) else {
            throw Abort(.notFound)
        }
        let access = try await DecisionSpaceService.access(space, user: user, db)
        guard access.canSee || a.$owner.id == user.id else { throw Abort(.notFound) }
        return (a, space, access)
    }

    /// A status change, a dated progress note and/or a new due date. Moving to done records the day; "not doing" needs a
    /// reason. A status left out stays as it is; the due date (`due_on`, sent by the API) only the space's secretaries
    /// move. Residents who asked to hear back are told when an action is done (through the outbox, in the same transaction).
    static func update(
        _ action: DecisionAction, access: DecisionSpaceService.Access, _ input: Input, user: CurrentUser, today: Day,
        on db: any Database, mail: MailContext
    ) async throws {
        guard canUpdate(action, access: access, user: user) else {
            throw Abort(.forbidden, reason: "Only the action's owner and the space's secretaries can update it")
        }
        var v = Validator()
        let (from, to, reason, note) = readStatusChange(&v, input, current: action.status)
        var day = today
        if let s = v.optional("note_on", input["note_on"], label: "Date", max: 10) {
            if let d = Day(iso: s), d <= today.adding(days: 1) {
                day = d
            } else {
                v.add("note_on", "Enter the date as a real date, not in the future, like 2027-03-14")
            }
        }
        let dueBefore = action.dueDay.map(Day.init(ordinal:))
        var due = dueBefore
        if input["due_on"] != nil {
            guard access.canRun else { throw Abort(.forbidden, reason: "Only the space's secretaries change an action's due date") }
            if let s = v.optional("due_on", input["due_on"], label: "Due date", max: 10) {
                if let d = Day(iso: s) { due = d } else { v.add("due_on", "Enter the due date as a real date, like 2027-06-30") }
            } else {
                v.add("due_on", "Enter the date it is due")
            }
        }
        for e in ActionRules.check(from: from, to: to, reason: reason) { v.add(e.field, e.message) }
        if from == to && note == nil && due == dueBefore && v.errors.isEmpty { v.add("note", "Write a progress note or change the status") }
        try v.check()
        let when = day
        let moved = due != dueBefore ? due : nil
        try await db.transaction { tx in
            if from != to {
                action.status = to.rawValue; action.statusDay = when.ordinal
                action.doneDay = to == .done ? when.ordinal : nil
                action.reason = to == .notDoing ? reason : nil
            }
            if let moved { action.dueDay = moved.ordinal }
            if from != to || moved != nil { try await action.update(on: tx) }
            let n = ActionNote()
            n.$action.id = action.id!; n.noteDay = when.ordinal; n.personName = user.name
            n.text =
                note
                ?? (from != to
                    ? (to == .notDoing ? (reason ?? "") : "Status changed to \(to.label.lowercased())")
                    : "Due date moved to \(moved.map(DayText.long) ?? "")")
            n.fromStatus = from != to ? from.rawValue : nil; n.toStatus = from != to ? to.rawValue : nil
            try await n.create(on: tx)
            // A private space's actions and notes are for its members and the action's owner (`AuditLabel`).
            var before = ["status": from.rawValue], after = ["status": to.rawValue]
            if let moved { before["due"] = dueBefore?.description ?? ""; after["due"] = moved.description }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: actionEntity, id: action.id,
                label: AuditLabel.decisionSpace(isPublic: access.isPublic, String(action.title.prefix(120)), kind: "Action", id: action.id),
                before: before,
                after: after.merging(access.isPublic ? ["note": String((note ?? "").prefix(200))] : [:]) { a, _ in a })
            if from != to && to == .done {
                try await FeedbackNotifier.actionDone(action, on: tx, mail: mail)
            }
        }
    }

    // MARK: - The trail

    /// The activities an action's decision is linked to (directly or through its insights).
    static func activityIDs(forDecisions ids: [UUID], _ db: any Database) async throws -> [UUID: Set<UUID>] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: Set<UUID>] = [:]
        for l in try await DecisionLink.query(on: db).filter(\.$decision.$id ~~ ids).filter(\.$kind == DecisionLink.Kind.activity.rawValue).all() {
            out[l.$decision.id, default: []].insert(l.targetID)
        }
        return out
    }

    /// Decisions prompted by this insight — linked directly, through a bundle holding it, a saved-search bundle it
    /// matches, or its theme on an agenda — in spaces the viewer may see. A search or theme only counts for insights
    /// heard by the day of the decision (later ones were not before the meeting).
    static func decisions(prompting insight: Insight, viewer: CurrentUser, _ db: any Database) async throws -> [Decision] {
        let id = insight.id!
        var decisionIDs = Set(
            try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.insight.rawValue).filter(\.$targetID == id).all()
                .map { $0.$decision.id })
        var byMatch = Set<UUID>()
        let themeIDs = try await InsightTheme.query(on: db).filter(\.$insight.$id == id).all().map { $0.$theme.id }
        if !themeIDs.isEmpty {
            for l in try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.theme.rawValue).filter(\.$targetID ~~ themeIDs).all() {
                byMatch.insert(l.$decision.id)
            }
        }
        let bundleLinks = try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.bundle.rawValue).limit(2000).all()
        if !bundleLinks.isEmpty {
            let bundles = try await InsightBundle.query(on: db).filter(\.$id ~~ Array(Set(bundleLinks.map(\.targetID)))).all()
            let selected = Set(try await InsightBundleItem.query(on: db).filter(\.$insight.$id == id).all().map { $0.$bundle.id })
            for b in bundles {
                if selected.contains(b.id!) {
                    for l in bundleLinks where l.targetID == b.id { decisionIDs.insert(l.$decision.id) }
                } else if b.query != nil, let f = try? InsightBundleService.filter(for: b, viewer: viewer),
                    try await InsightQueries.query(db, f).filter(\.$id == id).count() > 0
                {
                    for l in bundleLinks where l.targetID == b.id { byMatch.insert(l.$decision.id) }
                }
            }
        }
        let visible = Array(try await DecisionSpaceService.visibleSpaceIDs(user: viewer, db))
        let all = decisionIDs.union(byMatch)
        guard !all.isEmpty, !visible.isEmpty else { return [] }
        return try await Decision.query(on: db).filter(\.$id ~~ Array(all)).filter(\.$space.$id ~~ visible)
            .sort(\.$decidedDay, .descending).all()
            .filter { decisionIDs.contains($0.id!) || $0.decidedDay >= insight.heardDay }
    }
}
