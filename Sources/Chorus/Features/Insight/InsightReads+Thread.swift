import Foundation
import Fluent
import ChorusCore

/// What the activity page's thread reads of the insight store: the insights heard during one activity that a viewer
/// may see (through their wall, so another organisation's own insights are neither counted nor listed), and the
/// bundles that hold any of them.
extension InsightService {
    /// How many insights of this activity pass the wall, and their ids (for the analyses and agenda items that use them).
    static func threadInsights(activity: UUID, wall: SharingWall, _ db: any Database) async throws -> (count: Int, ids: [UUID]) {
        var f = try InsightQueries.filter([:], viewer: nil)
        f.wall = wall
        f.activity = activity
        let ids = try await InsightQueries.query(db, f).all(\.$id).compactMap { $0 }
        return (ids.count, ids)
    }

    /// Bundles holding any of these insights, or saving a search on this activity.
    static func bundles(holdingAnyOf ids: [UUID], orSearching activity: UUID, _ db: any Database) async throws -> Set<UUID> {
        var found = Set<UUID>()
        for chunk in ids.chunked(1000) {
            for b in try await InsightBundleItem.query(on: db).filter(\.$insight.$id ~~ chunk).unique().all(\.$bundle.$id) { found.insert(b) }
        }
        for b in try await InsightBundle.query(on: db).filter(\.$query != nil).all()
        where (b.query.map(InsightBundleService.parseQuery)?["activity"]).flatMap(UUID.init(uuidString:)) == activity {
            found.insert(b.id!)
        }
        return found
    }
}
