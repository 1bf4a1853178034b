import Vapor
import Fluent
import ChorusCore

/// The directory's part in an activity: the community groups and connectors working on it, and the venue it is held
/// at. Whoever may change the activity (`RegisterService.requireEditor`) adds and removes them; each change is in the
/// activity's audit trail.
enum DirectoryActivities {
    /// What an activity's pages show of the directory.
    struct Use: Sendable, Equatable {
        var partners: [DirectoryItem] = []
        var venue: DirectoryItem? = nil
    }

    static func use(of activity: UUID, reader: DirectoryReader, _ db: any Database) async throws -> Use {
        let links = try await DirectoryActivityLink.query(on: db).filter(\.$activity.$id == activity).sort(\.$createdAt).all()
        guard !links.isEmpty else { return Use() }
        var entries: [DirectoryEntry] = []
        for chunk in links.map(\.$entry.id).chunked(500) { entries += try await DirectoryEntry.query(on: db).filter(\.$id ~~ chunk).all() }
        let items = try await DirectoryQueries.items(entries.filter { DirectoryQueries.visible($0, to: reader) }, reader: reader, db)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func withRole(_ role: DirectoryActivityRole) -> [DirectoryItem] {
            links.filter { $0.role == role.rawValue }.compactMap { byID[$0.$entry.id] }
        }
        return Use(partners: withRole(.partner).sorted { $0.name < $1.name }, venue: withRole(.venue).first)
    }

    /// Adds a group or connector as working on the activity (nothing changes if it already is).
    static func addPartner(_ entryID: UUID?, to activityID: UUID?, user: CurrentUser, on db: any Database) async throws {
        let activity = try await RegisterService.findVisible(activityID, user: user, db)
        try RegisterService.requireEditor(user, activity)
        let entry = try await entry(entryID, field: "entry_id", db)
        guard entry.kind != DirectoryKind.venue.rawValue else {
            throw ValidationFailure([FieldError("entry_id", "Choose a group or a connector: a venue is where the activity is held")])
        }
        try await db.transaction { tx in
            let existing = try await DirectoryActivityLink.query(on: tx).filter(\.$activity.$id == activity.id!)
                .filter(\.$entry.$id == entry.id!).filter(\.$role == DirectoryActivityRole.partner.rawValue).count()
            guard existing == 0 else { return }
            let before = try await partnerNames(activity.id!, tx)
            try await link(entry.id!, to: activity.id!, role: .partner, user: user, tx)
            try await audit(activity, user: user, field: "community_groups", before: before, after: try await partnerNames(activity.id!, tx), tx)
        }
    }

    static func removePartner(_ entryID: UUID?, from activityID: UUID?, user: CurrentUser, on db: any Database) async throws {
        let activity = try await RegisterService.findVisible(activityID, user: user, db)
        try RegisterService.requireEditor(user, activity)
        guard let entryID else { throw Abort(.notFound) }
        try await db.transaction { tx in
            let before = try await partnerNames(activity.id!, tx)
            try await DirectoryActivityLink.query(on: tx).filter(\.$activity.$id == activity.id!).filter(\.$entry.$id == entryID)
                .filter(\.$role == DirectoryActivityRole.partner.rawValue).delete()
            let after = try await partnerNames(activity.id!, tx)
            if after != before { try await audit(activity, user: user, field: "community_groups", before: before, after: after, tx) }
        }
    }

    /// Names the activity's venue, or clears it when `entryID` is empty.
    static func setVenue(_ raw: String?, of activityID: UUID?, user: CurrentUser, on db: any Database) async throws {
        let activity = try await RegisterService.findVisible(activityID, user: user, db)
        try RegisterService.requireEditor(user, activity)
        let text = raw?.trimmingCharacters(in: .whitespaces) ?? ""
        let venue: DirectoryEntry? = text.isEmpty ? nil : try await entry(UUID(uuidString: text), field: "venue_id", db)
        if let venue, venue.kind != DirectoryKind.venue.rawValue {
            throw ValidationFailure([FieldError("venue_id", "Choose a venue from the list")])
        }
        try await db.transaction { tx in
            let current = try await DirectoryActivityLink.query(on: tx).filter(\.$activity.$id == activity.id!)
                .filter(\.$role == DirectoryActivityRole.venue.rawValue).all()
            let before = try await venueName(current.first?.$entry.id, tx)
            guard current.first?.$entry.id != venue?.id else { return }
            try await DirectoryActivityLink.query(on: tx).filter(\.$activity.$id == activity.id!)
                .filter(\.$role == DirectoryActivityRole.venue.rawValue).delete()
            if let venue { try await link(venue.id!, to: activity.id!, role: .venue, user: user, tx) }
            try await audit(activity, user: user, field: "venue", before: before, after: venue?.name ?? "", tx)
        }
    }

    private static func entry(_ id: UUID?, field: String, _ db: any Database) async throws -> DirectoryEntry {
        guard let id, let e = try await DirectoryEntry.find(id, on: db) else {
            throw ValidationFailure([FieldError(field, "Choose an entry from the directory: that one does not exist")])
        }
        return e
    }

    private static func link(_ entry: UUID, to activity: UUID, role: DirectoryActivityRole, user: CurrentUser, _ db: any Database) async throws {
        let l = DirectoryActivityLink()
        l.$activity.id = activity
        l.$entry.id = entry
        l.role = role.rawValue
        l.addedBy = user.id
        try await l.create(on: db)
    }

    private static func partnerNames(_ activity: UUID, _ db: any Database) async throws -> String {
        let ids = try await DirectoryActivityLink.query(on: db).filter(\.$activity.$id == activity)
            .filter(\.$role == DirectoryActivityRole.partner.rawValue).all(\.$entry.$id)
        guard !ids.isEmpty else { return "" }
        return try await DirectoryEntry.query(on: db).filter(\.$id ~~ ids).all(\.$name).sorted().joined(separator: ", ")
    }

    private static func venueName(_ id: UUID?, _ db: any Database) async throws -> String {
        guard let id else { return "" }
        return try await DirectoryEntry.find(id, on: db)?.name ?? ""
    }

    private static func audit(_ a: Activity, user: CurrentUser, field: String, before: String, after: String, _ db: any Database) async throws {
        try await AuditService.record(
            db, actor: user.actor, action: .update, entity: RegisterService.entity, id: a.id, label: a.title, before: [field: before],
            after: [field: after])
    }
}

extension DirectoryActivities {
    /// How many community groups and connectors work on each of these activities (absent: none).
    static func partnerCounts(_ activities: [UUID], _ db: any Database) async throws -> [UUID: Int] {
        var out: [UUID: Int] = [:]
        for chunk in activities.chunked(1000) {
            for l in try await DirectoryActivityLink.query(on: db).filter(\.$activity.$id ~~ chunk)
                .filter(\.$role == DirectoryActivityRole.partner.rawValue).all()
            {
                out[l.$activity.id, default: 0] += 1
            }
        }
        return out
    }
}
