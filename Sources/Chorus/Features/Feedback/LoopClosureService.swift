import Vapor
import Fluent
import ChorusCore

/// Reads the facts the loop-closure measure needs (closed activities, their reports, actions) and hands them to
/// `LoopClosure.compute` in ChorusCore.
enum LoopClosureService {
    static func compute(_ db: any Database, today: Day) async throws -> LoopClosure.Result {
        let closed = try await RegisterService.closedActivities(db)
        let ids = closed.map(\.id)
        let orgNames = try await OrganisationsReads.names(Array(Set(closed.map(\.organisationID))), db)
        let wardsOf = try await RegisterService.wardNames(ofActivities: ids, db)
        var published: [UUID: Day] = [:]
        for r in try await FeedbackReport.query(on: db).filter(\.$status == FeedbackStatus.published.rawValue).all() {
            // Theme reports are not one activity's: the measure counts activities' own reports.
            if let d = r.publishedDay, let a = r.$activity.id { published[a] = Day(ordinal: d) }
        }
        let activities = closed.map { a in
            LoopClosure.ClosedActivity(
                organisation: orgNames[a.organisationID] ?? "", wards: wardsOf[a.id] ?? [],
                closedOn: a.end ?? a.start, reportPublishedOn: published[a.id])
        }
        let actions = try await DecisionsReads.actionFacts(db)
        let activityLinks = try await ActionService.activityIDs(forDecisions: Array(Set(actions.map(\.decision))), db)
        var wardsOfActivity: [UUID: [String]] = wardsOf
        let extra = Set(activityLinks.values.joined()).subtracting(wardsOf.keys)
        if !extra.isEmpty {
            wardsOfActivity.merge(try await RegisterService.wardNames(ofActivities: Array(extra), db)) { a, _ in a }
        }
        let facts = actions.map { x in
            LoopClosure.ActionFact(
                organisation: x.organisation, wards: (activityLinks[x.decision] ?? []).flatMap { wardsOfActivity[$0] ?? [] },
                status: x.status, due: x.due, doneOn: x.done)
        }
        return LoopClosure.compute(activities: activities, actions: facts, today: today)
    }
}
