import Foundation
import Fluent
import ChorusCore

/// What other features may read of the directory.
enum DirectoryReads {
    /// The groups that already run something like the activity here: a theme and a place in common (audiences aside),
    /// what the overlap warning names beside the partners' own activities.
    static func alreadyRunning(_ activity: DirectoryReach, reader: DirectoryReader, limit: Int = 5, _ db: any Database) async throws
        -> [DirectoryItem]
    {
        alreadyRunning(among: try await candidates(Array(activity.themes), kinds: [.group], reader: reader, db), activity, limit: limit)
    }

    /// `alreadyRunning` from candidates already read: any set holding the groups linked to one of the activity's
    /// themes gives the same answer, since a group must share a theme to be ranked at all.
    private static func alreadyRunning(among items: [DirectoryItem], _ activity: DirectoryReach, limit: Int) -> [DirectoryItem] {
        let subject = DirectoryReach(wards: activity.wards, themes: activity.themes, boroughWide: activity.boroughWide)
        return ranked(items.filter { $0.kind == .group }, for: subject, limit: limit)
    }

    /// The candidates for "who already reaches these people": the groups and connectors linked to one of the
    /// activity's themes or audiences, so a large directory is not read whole. They are ranked by `DirectoryMatch`
    /// (a place and an audience or theme in common, audiences weighing most).
    private static func reachCandidates(_ activity: DirectoryReach, reader: DirectoryReader, _ db: any Database) async throws -> [DirectoryItem] {
        try await candidates(Array(activity.themes.union(activity.audiences)), kinds: [.group, .connector], reader: reader, db)
    }

    /// Everything an activity's page shows of the directory: its venue and partner groups, the venues it could be
    /// held at, who already reaches its people (less those already working on it) and who already runs something like it.
    struct ActivityPanel: Sendable {
        let activityID: UUID
        let canEdit: Bool
        let use: DirectoryActivities.Use
        let suggestions: [DirectoryItem]
        let alreadyRunning: [DirectoryItem]
        let venueChoices: [DirectoryItem.Named]
        /// Where its forms return to.
        var backTo: Back = .activity

        enum Back: String, Sendable { case activity, plan }
    }

    static func activityPanel(
        _ activityID: UUID, reach: DirectoryReach, canEdit: Bool, reader: DirectoryReader, backTo: ActivityPanel.Back = .activity,
        _ db: any Database
    ) async throws -> ActivityPanel {
        let use = try await DirectoryActivities.use(of: activityID, reader: reader, db)
        let working = Set(use.partners.map(\.id))
        // One read of the candidates serves both lists (the groups sharing a theme are among them).
        let pool = try await reachCandidates(reach, reader: reader, db)
        let suggested = ranked(pool, for: reach, limit: 5 + working.count).filter { !working.contains($0.id) }
        return ActivityPanel(
            activityID: activityID, canEdit: canEdit, use: use, suggestions: Array(suggested.prefix(5)),
            alreadyRunning: alreadyRunning(among: pool, reach, limit: 5),
            venueChoices: canEdit ? try await DirectoryQueries.choices(.venue, wards: reach.wards, boroughWide: reach.boroughWide, db) : [],
            backTo: backTo)
    }

    /// The panel for an activity read from the register (the advisor's summary has no links loaded).
    static func activityPanel(_ activity: Activity, user: CurrentUser, backTo: ActivityPanel.Back = .activity, _ db: any Database) async throws
        -> ActivityPanel
    {
        let id = try activity.requireID()
        let links = try await ActivityLinks.load([id], [.place, .theme, .audience], db)[id] ?? ActivityLinks()
        return try await activityPanel(
            id, reach: DirectoryReach(wards: links.places, themes: links.themes, audiences: links.audiences, boroughWide: activity.boroughWide),
            canEdit: RegisterService.canEdit(user, organisationID: activity.$organisation.id), reader: .staff(organisation: user.organisationID),
            backTo: backTo, db)
    }

    /// A public activity's venue, as residents see it (nil when it names none).
    static func publicVenue(of activityID: UUID, _ db: any Database) async throws -> DirectoryItem? {
        try await DirectoryActivities.use(of: activityID, reader: .resident, db).venue
    }

    /// Entries of these kinds linked to one of `targets` (themes or audiences), as `reader` may see them, by name.
    private static func candidates(_ targets: [UUID], kinds: [DirectoryKind], reader: DirectoryReader, _ db: any Database) async throws
        -> [DirectoryItem]
    {
        guard !targets.isEmpty else { return [] }
        var ids = Set<UUID>()
        for chunk in targets.chunked(500) {
            ids.formUnion(
                try await DirectoryLink.query(on: db).filter(\.$link ~~ [DirectoryLinkKind.theme.rawValue, DirectoryLinkKind.audience.rawValue])
                    .filter(\.$targetID ~~ chunk).all(\.$entry.$id))
        }
        guard !ids.isEmpty else { return [] }
        var entries: [DirectoryEntry] = []
        for chunk in Array(ids).chunked(500) {
            entries += try await DirectoryEntry.query(on: db).filter(\.$id ~~ chunk).filter(\.$kind ~~ kinds.map(\.rawValue)).all()
        }
        return try await DirectoryQueries.items(
            entries.filter { DirectoryQueries.visible($0, to: reader) }.sorted { $0.name < $1.name }, reader: reader, db)
    }

    private static func ranked(_ items: [DirectoryItem], for activity: DirectoryReach, limit: Int) -> [DirectoryItem] {
        let ranked = DirectoryMatch.rank(items.map { (id: $0.id, reach: $0.reach) }, for: activity, limit: limit)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ranked.compactMap { byID[$0.id] }
    }
}

extension DirectoryItem {
    /// What the entry covers, for matching.
    var reach: DirectoryReach {
        DirectoryReach(
            wards: Set(wards.map(\.id)), themes: Set(themes.map(\.id)), audiences: Set(audiences.map(\.id)), boroughWide: boroughWide)
    }
}
