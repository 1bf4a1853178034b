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
        let published = try await publishedDays(db)
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

    /// The day each activity's own "You said, we did" report was published (theme reports are not one activity's, so
    /// the measures count activities' own reports).
    static func publishedDays(_ db: any Database) async throws -> [UUID: Day] {
        var published: [UUID: Day] = [:]
        for r in try await FeedbackReport.query(on: db).filter(\.$status == FeedbackStatus.published.rawValue).filter(\.$activity.$id != nil).all() {
            if let d = r.publishedDay, let a = r.$activity.id { published[a] = Day(ordinal: d) }
        }
        return published
    }
}
