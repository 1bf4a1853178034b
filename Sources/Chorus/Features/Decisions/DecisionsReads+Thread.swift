import Foundation
import Fluent
import ChorusCore

/// What the activity page's thread reads of decision spaces: the agenda items and decisions that took up an activity
/// (linked to it, to its insights, to a bundle holding them or to an analysis that took them in), and how their
/// actions stand. Only spaces the viewer
/// may see count (a private space exists only for its members).
extension DecisionsReads {
    struct ThreadItem: Sendable { let id: UUID, title: String, meeting: String, day: Day }
    struct ThreadDecision: Sendable { let id: UUID, text: String, day: Day, item: UUID }
    struct Thread: Sendable {
        var items: [ThreadItem] = []
        var decisions: [ThreadDecision] = []
        /// How many actions are at each status (proposed ones included: they are the board's to agree).
        var actions: [ActionStatus: Int] = [:]
        var actionTotal: Int { actions.values.reduce(0, +) }
    }

    static func thread(
        activity: UUID, insightIDs: [UUID], bundleIDs: Set<UUID>, runIDs: [UUID], viewer: CurrentUser, _ db: any Database
    ) async throws
        -> Thread
    {
        let spaces = try await DecisionSpaceService.visibleSpaceIDs(user: viewer, db)
        guard !spaces.isEmpty else { return Thread() }
        // Decisions linked to the activity, its insights or those bundles.
        var decisionIDs = Set<UUID>()
        let targets: [(DecisionLink.Kind, [UUID])] = [(.activity, [activity]), (.insight, insightIDs), (.bundle, Array(bundleIDs))]
        for (kind, ids) in targets {
            for chunk in ids.chunked(1000) {
                for d in try await DecisionLink.query(on: db).filter(\.$kind == kind.rawValue).filter(\.$targetID ~~ chunk).all(\.$decision.$id) {
                    decisionIDs.insert(d)
                }
            }
        }
        var decisions: [Decision] = []
        for chunk in Array(decisionIDs).chunked(1000) {
            decisions += try await Decision.query(on: db).filter(\.$id ~~ chunk).filter(\.$space.$id ~~ Array(spaces)).all()
        }
        // Agenda items that brief on a bundle holding the activity's insights or on an analysis that took them in, and
        // the items those decisions were taken on.
        var itemIDs = Set(decisions.map { $0.$agendaItem.id })
        for chunk in Array(bundleIDs).chunked(1000) {
            for i in try await AgendaItem.query(on: db).filter(\.$bundle.$id ~~ chunk).all(\.$id) { itemIDs.insert(i) }
        }
        for chunk in runIDs.chunked(1000) {
            for i in try await AgendaItem.query(on: db).filter(\.$analysisRunID ~~ chunk).all(\.$id) { itemIDs.insert(i) }
        }
        var items: [AgendaItem] = []
        for chunk in Array(itemIDs).chunked(1000) { items += try await AgendaItem.query(on: db).filter(\.$id ~~ chunk).with(\.$meeting).all() }
        items = items.filter { spaces.contains($0.meeting.$space.id) }
        // Decisions on those items, too (a decision on a briefing about this activity's insights belongs to its thread).
        let known = Set(decisions.compactMap(\.id))
        for chunk in items.compactMap(\.id).chunked(1000) {
            decisions += try await Decision.query(on: db).filter(\.$agendaItem.$id ~~ chunk).all().filter { !known.contains($0.id!) }
        }
        var t = Thread()
        t.items = items.map { ThreadItem(id: $0.id!, title: $0.title, meeting: $0.meeting.title, day: Day(ordinal: $0.meeting.meetingDay)) }
            .sorted { ($0.day, $0.title) > ($1.day, $1.title) }
        t.decisions = decisions.map { ThreadDecision(id: $0.id!, text: $0.text, day: Day(ordinal: $0.decidedDay), item: $0.$agendaItem.id) }
            .sorted { $0.day > $1.day }
        for chunk in decisions.compactMap(\.id).chunked(1000) {
            for status in try await DecisionAction.query(on: db).filter(\.$decision.$id ~~ chunk).all(\.$status) {
                t.actions[ActionStatus(rawValue: status) ?? .agreed, default: 0] += 1
            }
        }
        return t
    }
}
