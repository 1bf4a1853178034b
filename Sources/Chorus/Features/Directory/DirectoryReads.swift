import Foundation
import Fluent
import ChorusCore

/// What other features may read of the directory.
enum DirectoryReads {
    /// The groups and connectors who already reach the people an activity is for (`DirectoryMatch`: a place and an
    /// audience or theme in common), best first, as `reader` may see them. Candidates are only the entries linked to
    /// one of the activity's themes or audiences, so a large directory is not read whole.
    static func suggestions(for activity: DirectoryReach, reader: DirectoryReader, limit: Int = 5, _ db: any Database) async throws
        -> [DirectoryItem]
    {
        let targets = Array(activity.themes.union(activity.audiences))
        guard !targets.isEmpty else { return [] }
        var candidates = Set<UUID>()
        for chunk in targets.chunked(500) {
            candidates.formUnion(
                try await DirectoryLink.query(on: db).filter(\.$link ~~ [DirectoryLinkKind.theme.rawValue, DirectoryLinkKind.audience.rawValue])
                    .filter(\.$targetID ~~ chunk).all(\.$entry.$id))
        }
        guard !candidates.isEmpty else { return [] }
        var entries: [DirectoryEntry] = []
        for chunk in Array(candidates).chunked(500) {
            entries += try await DirectoryEntry.query(on: db).filter(\.$id ~~ chunk)
                .filter(\.$kind ~~ [DirectoryKind.group.rawValue, DirectoryKind.connector.rawValue]).all()
        }
        let items = try await DirectoryQueries.items(entries.sorted { $0.name < $1.name }, reader: reader, db)
        let ranked = DirectoryMatch.rank(
            items.map { i in
                (
                    id: i.id,
                    reach: DirectoryReach(
                        wards: Set(i.wards.map(\.id)), themes: Set(i.themes.map(\.id)), audiences: Set(i.audiences.map(\.id)),
                        boroughWide: i.boroughWide)
                )
            }, for: activity, limit: limit)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return ranked.compactMap { byID[$0.id] }
    }
}
