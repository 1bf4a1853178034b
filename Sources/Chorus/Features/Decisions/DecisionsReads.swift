import Foundation
import Fluent
import ChorusCore

/// What other features may read of decision spaces: the decisions of public spaces linked to some insights,
/// themes, bundles or activities (for "You said, we did"), and every action's facts (for loop closure).
enum DecisionsReads {
    struct PublicAction: Sendable {
        let id: UUID, title: String, status: ActionStatus, due: Day?, done: Day?, statusDay: Day, reason: String?, organisation: String
    }
    struct PublicDecision: Sendable { let id: UUID, space: String, day: Day, text: String, actions: [PublicAction] }

    /// The analysis runs on the agenda items of public spaces whose decisions are linked to this activity (what the
    /// board saw, for the activity's "You said, we did" report).
    static func analysisRuns(linkedToActivity id: UUID, _ db: any Database) async throws -> [UUID] {
        let decisionIDs = try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.activity.rawValue).filter(\.$targetID == id)
            .all(\.$decision.$id)
        guard !decisionIDs.isEmpty else { return [] }
        let publicSpaces = try await DecisionSpace.query(on: db).filter(\.$isPublic == true).all(\.$id)
        guard !publicSpaces.isEmpty else { return [] }
        let itemIDs = try await Decision.query(on: db).filter(\.$id ~~ decisionIDs).filter(\.$space.$id ~~ publicSpaces).all(\.$agendaItem.$id)
        guard !itemIDs.isEmpty else { return [] }
        return Array(Set(try await AgendaItem.query(on: db).filter(\.$id ~~ itemIDs).all().compactMap(\.analysisRunID)))
    }

    /// Decisions of public spaces linked to any of these targets, oldest first, with their actions (proposals are not
    /// yet promises, so they are left out).
    static func publicDecisions(linkedTo links: [DecisionLink.Kind: [UUID]], _ db: any Database) async throws -> [PublicDecision] {
        var decisionIDs = Set<UUID>()
        for (kind, targets) in links where !targets.isEmpty {
            for chunk in targets.chunked(1000) {
                for l in try await DecisionLink.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$targetID ~~ chunk).all() {
                    decisionIDs.insert(l.$decision.id)
                }
            }
        }
        guard !decisionIDs.isEmpty else { return [] }
        let publicSpaces = try await DecisionSpace.query(on: db).filter(\.$isPublic == true).all()
        let spaceNames = Dictionary(uniqueKeysWithValues: publicSpaces.map { ($0.id!, $0.name) })
        guard !spaceNames.isEmpty else { return [] }
        let decisions = try await Decision.query(on: db).filter(\.$id ~~ Array(decisionIDs)).filter(\.$space.$id ~~ Array(spaceNames.keys))
            .sort(\.$decidedDay).sort(\.$id).all()
        guard !decisions.isEmpty else { return [] }
        let actions = try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ decisions.compactMap(\.id))
            .filter(\.$status != ActionStatus.proposed.rawValue).sort(\.$dueDay).sort(\.$id).all()
        let orgs = try await OrganisationsReads.names(Array(Set(actions.map { $0.$organisation.id })), db)
        return decisions.map { d in
            PublicDecision(
                id: d.id!, space: spaceNames[d.$space.id] ?? "", day: Day(ordinal: d.decidedDay), text: d.text,
                actions: actions.filter { $0.$decision.id == d.id }.map { a in
                    PublicAction(
                        id: a.id!, title: a.title, status: ActionStatus(rawValue: a.status) ?? .agreed, due: a.dueDay.map(Day.init(ordinal:)),
                        done: a.doneDay.map(Day.init(ordinal:)), statusDay: Day(ordinal: a.statusDay), reason: a.reason,
                        organisation: orgs[a.$organisation.id] ?? "")
                })
        }
    }

    struct LinkedAction: Sendable { let id: UUID, title: String, status: ActionStatus, decision: String, due: Day? }

    /// The actions of decisions linked to an activity (a budgeting round's funded projects are delivered by them).
    static func actions(linkedToActivity id: UUID, _ db: any Database) async throws -> [LinkedAction] {
        let decisionIDs = try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.activity.rawValue).filter(\.$targetID == id)
            .all(\.$decision.$id)
        guard !decisionIDs.isEmpty else { return [] }
        let texts = Dictionary(
            try await Decision.query(on: db).filter(\.$id ~~ decisionIDs).all().map { ($0.id!, $0.text) }, uniquingKeysWith: { a, _ in a })
        return try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ decisionIDs).sort(\.$title).all().map { x in
            LinkedAction(
                id: x.id!, title: x.title, status: ActionStatus(rawValue: x.status) ?? .agreed, decision: texts[x.$decision.id] ?? "",
                due: x.dueDay.map(Day.init(ordinal:)))
        }
    }

    struct ActionFact: Sendable { let organisation: String, decision: UUID, status: ActionStatus, due: Day?, done: Day? }

    /// Every action, with its organisation's name.
    static func actionFacts(_ db: any Database) async throws -> [ActionFact] {
        let actions = try await DecisionAction.query(on: db).all()
        let orgs = try await OrganisationsReads.names(Array(Set(actions.map { $0.$organisation.id })), db)
        return actions.map { x in
            ActionFact(
                organisation: orgs[x.$organisation.id] ?? "", decision: x.$decision.id, status: ActionStatus(rawValue: x.status) ?? .agreed,
                due: x.dueDay.map(Day.init(ordinal:)), done: x.doneDay.map(Day.init(ordinal:)))
        }
    }
}

extension DecisionsReads {
    /// Which of these activities a recorded decision's trail leads back to (directly, or through the briefing's
    /// insights, whose activities `ActionService.decide` links).
    static func activitiesWithDecisions(_ ids: [UUID], _ db: any Database) async throws -> Set<UUID> {
        var out = Set<UUID>()
        for chunk in ids.chunked(1000) {
            for l in try await DecisionLink.query(on: db).filter(\.$kind == DecisionLink.Kind.activity.rawValue).filter(\.$targetID ~~ chunk).all() {
                out.insert(l.targetID)
            }
        }
        return out
    }
}
