import Vapor
import Fluent
import ChorusCore

/// Reads the facts the loop-closure measure needs (closed activities, their reports, actions) and hands them to
/// `LoopClosure.compute` in ChorusCore.
enum LoopClosureService {
    static func compute(_ db: any Database, today: Day) async throws -> LoopClosure.Result {
        let closed = try await Activity.query(on: db).filter(\.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue]).all()
        let ids = closed.compactMap(\.id)
        let orgNames = try await NameLookup.names(Organisation.self, Array(Set(closed.map { $0.$organisation.id })), db) { $0.name }
        var wardsOf: [UUID: [String]] = [:]
        if !ids.isEmpty {
            let links = try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ ids).all()
            let places = try await NameLookup.names(Place.self, Array(Set(links.map { $0.$place.id })), db) { $0.name }
            for l in links { if let n = places[l.$place.id] { wardsOf[l.$activity.id, default: []].append(n) } }
        }
        var published: [UUID: Day] = [:]
        for r in try await FeedbackReport.query(on: db).filter(\.$status == FeedbackStatus.published.rawValue).all() {
            // Theme reports are not one activity's: the measure counts activities' own reports.
            if let d = r.publishedDay, let a = r.$activity.id { published[a] = Day(ordinal: d) }
        }
        let activities = closed.map { a in
            LoopClosure.ClosedActivity(organisation: orgNames[a.$organisation.id] ?? "", wards: wardsOf[a.id!] ?? [],
                                       closedOn: Day(ordinal: a.endDay ?? a.startDay), reportPublishedOn: published[a.id!])
        }
        let actions = try await DecisionAction.query(on: db).all()
        let actionOrgs = try await NameLookup.names(Organisation.self, Array(Set(actions.map { $0.$organisation.id })), db) { $0.name }
        let activityLinks = try await ActionService.activityIDs(forDecisions: Array(Set(actions.map { $0.$decision.id })), db)
        var wardsOfActivity: [UUID: [String]] = wardsOf
        let extra = Set(activityLinks.values.joined()).subtracting(wardsOf.keys)
        if !extra.isEmpty {
            let links = try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ Array(extra)).all()
            let places = try await NameLookup.names(Place.self, Array(Set(links.map { $0.$place.id })), db) { $0.name }
            for l in links { if let n = places[l.$place.id] { wardsOfActivity[l.$activity.id, default: []].append(n) } }
        }
        let facts = actions.map { x in
            LoopClosure.ActionFact(organisation: actionOrgs[x.$organisation.id] ?? "",
                                   wards: (activityLinks[x.$decision.id] ?? []).flatMap { wardsOfActivity[$0] ?? [] },
                                   status: ActionStatus(rawValue: x.status) ?? .agreed, due: x.dueDay.map(Day.init(ordinal:)),
                                   doneOn: x.doneDay.map(Day.init(ordinal:)))
        }
        return LoopClosure.compute(activities: activities, actions: facts, today: today)
    }
}
