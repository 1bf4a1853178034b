import Vapor
import Fluent
import ChorusCore

/// What other features may read of the register (they never query its tables themselves): activities as facts,
/// who leads or partners in them, which are in a ward or on a theme, and marking one reported.
extension RegisterService {
    /// An activity as other features need it.
    struct ActivityFacts: Sendable {
        let id: UUID
        let title: String
        let purpose: String
        let publicSummary: String?
        let status: String
        let start: Day
        let end: Day?
        let isPublic: Bool
        let boroughWide: Bool
        let organisationID: UUID

        init(_ a: Activity) {
            id = a.id!; title = a.title; purpose = a.purpose; publicSummary = a.publicSummary; status = a.status
            start = Day(ordinal: a.startDay); end = a.endDay.map(Day.init(ordinal:)); isPublic = a.isPublic; boroughWide = a.boroughWide
            organisationID = a.$organisation.id
        }
    }

    static func facts(_ id: UUID, _ db: any Database) async throws -> ActivityFacts? {
        try await Activity.find(id, on: db).map(ActivityFacts.init)
    }

    /// These activities (public ones only when asked), in no particular order.
    static func facts(_ ids: [UUID], publicOnly: Bool = false, _ db: any Database) async throws -> [ActivityFacts] {
        guard !ids.isEmpty else { return [] }
        var out: [ActivityFacts] = []
        for chunk in Array(Set(ids)).chunked(1000) {
            let q = Activity.query(on: db).filter(\.$id ~~ chunk)
            if publicOnly { q.filter(\.$isPublic == true) }
            out += try await q.all().map(ActivityFacts.init)
        }
        return out
    }

    /// Closed (or reported) activities, the latest to end first.
    static func closedActivities(limit: Int? = nil, _ db: any Database) async throws -> [ActivityFacts] {
        let q = Activity.query(on: db).filter(\.$status ~~ [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue]).sort(
            \.$endDay, .descending)
        if let limit { q.limit(limit) }
        return try await q.all().map(ActivityFacts.init)
    }

    /// The lead and partner organisations of these activities.
    static func organisations(ofActivities ids: [UUID], _ db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let leads = try await Activity.query(on: db).filter(\.$id ~~ ids).all().map { $0.$organisation.id }
        let partners = try await ActivityPartner.query(on: db).filter(\.$activity.$id ~~ ids).all().map { $0.$organisation.id }
        return Set(leads + partners)
    }

    /// The activities an organisation leads or partners in.
    static func activities(ledOrPartneredBy organisation: UUID, _ db: any Database) async throws -> Set<UUID> {
        let led = try await Activity.query(on: db).filter(\.$organisation.$id == organisation).all(\.$id)
        let partnered = try await ActivityPartner.query(on: db).filter(\.$organisation.$id == organisation).all().map { $0.$activity.id }
        return Set(led + partnered)
    }

    /// Activities in a ward, and every borough-wide one.
    static func activityIDs(inWardOrBoroughWide ward: UUID, _ db: any Database) async throws -> [UUID] {
        let inWard = try await ActivityPlace.query(on: db).filter(\.$place.$id == ward).all().map { $0.$activity.id }
        let boroughWide = try await Activity.query(on: db).filter(\.$boroughWide == true).all(\.$id)
        return Array(Set(inWard + boroughWide))
    }

    static func activityIDs(onTheme theme: UUID, _ db: any Database) async throws -> [UUID] {
        try await ActivityTheme.query(on: db).filter(\.$theme.$id == theme).all().map { $0.$activity.id }
    }

    /// The ward names of each of these activities.
    static func wardNames(ofActivities ids: [UUID], _ db: any Database) async throws -> [UUID: [String]] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: [String]] = [:]
        let links = try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ ids).all()
        let places = try await NameLookup.names(Place.self, Array(Set(links.map { $0.$place.id })), db) { $0.name }
        for l in links { if let n = places[l.$place.id] { out[l.$activity.id, default: []].append(n) } }
        return out
    }

    /// Summaries (places, themes, organisation names) of activities by id.
    static func summaries(_ ids: [UUID], _ db: any Database) async throws -> [ActivitySummary] {
        guard !ids.isEmpty else { return [] }
        return try await RegisterQueries.summaries(try await Activity.query(on: db).filter(\.$id ~~ ids).all(), db)
    }

    /// A closed activity becomes reported once its "You said, we did" is published (in the caller's transaction).
    static func markReported(_ id: UUID, on db: any Database) async throws {
        guard let a = try await Activity.find(id, on: db), a.status == ActivityStatus.closed.rawValue else { return }
        a.status = ActivityStatus.reported.rawValue
        try await a.update(on: db)
    }
}

extension RegisterService {
    /// What the standards' evidence figures read of an activity.
    struct EvidenceFacts: Sendable {
        let id: UUID
        let ladder: LadderLevel
        let start: Day
        /// Its end day once closed or reported; nil while planned or running.
        let closedOn: Day?
        let methods: Int
        /// Partner organisations named in the register.
        let partners: Int
    }

    /// The activities one organisation leads (nil: every activity), as evidence facts; drafts are private working copies
    /// and are left out.
    static func evidenceFacts(organisation: UUID?, _ db: any Database) async throws -> [EvidenceFacts] {
        let q = Activity.query(on: db).filter(\.$status != ActivityStatus.draft.rawValue)
        if let organisation { q.filter(\.$organisation.$id == organisation) }
        let activities = try await q.all()
        var partners: [UUID: Int] = [:]
        for chunk in activities.compactMap(\.id).chunked(1000) {
            for p in try await ActivityPartner.query(on: db).filter(\.$activity.$id ~~ chunk).all() { partners[p.$activity.id, default: 0] += 1 }
        }
        let closed: Set<String> = [ActivityStatus.closed.rawValue, ActivityStatus.reported.rawValue]
        return activities.map { a in
            EvidenceFacts(
                id: a.id!, ladder: LadderLevel(rawValue: a.ladderLevel) ?? .inform, start: Day(ordinal: a.startDay),
                closedOn: closed.contains(a.status) ? Day(ordinal: a.endDay ?? a.startDay) : nil,
                methods: a.methodList.count,
                partners: partners[a.id!] ?? 0)
        }
    }
}

extension RegisterService {
    /// What makes activities alike for lessons: their themes, methods and audiences, by activity.
    static func traits(ofActivities ids: [UUID], _ db: any Database) async throws -> [UUID: LessonMatch.Traits] {
        guard !ids.isEmpty else { return [:] }
        let links = try await ActivityLinks.load(ids, [.theme, .audience], db)
        var out: [UUID: LessonMatch.Traits] = [:]
        for chunk in Array(Set(ids)).chunked(1000) {
            for a in try await Activity.query(on: db).filter(\.$id ~~ chunk).all() {
                let l = links[a.id!] ?? ActivityLinks()
                out[a.id!] = LessonMatch.Traits(themes: l.themes, methods: Set(a.methodList), audiences: l.audiences)
            }
        }
        return out
    }
}
