import Vapor
import Fluent
import ChorusCore

/// The reads the JSON API needs from insight bundles. Any staff member may open a bundle; what they see in it is only
/// what their own organisation's wall lets through (a saved search runs through the reader's wall, a selection's
/// insights are filtered by it).
extension InsightBundleService {
    /// The most insight ids one bundle answer lists.
    static let maxIDs = InsightQueries.countCap

    enum Kind: String, Sendable { case search, selection }

    static func page(kind: Kind?, organisation: UUID?, _ window: PageWindow, _ db: any Database) async throws -> PageOf<InsightBundle> {
        func query() -> QueryBuilder<InsightBundle> {
            let q = InsightBundle.query(on: db)
            switch kind {
            case .search: q.filter(\.$query != nil)
            case .selection: q.filter(\.$query == nil)
            case nil: break
            }
            if let organisation { q.filter(\.$organisation.$id == organisation) }
            return q
        }
        let total = try await query().count()
        let items = try await query().sort(\.$updatedAt, .descending).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: items, request: window, total: total)
    }

    static func find(_ id: UUID?, _ db: any Database) async throws -> InsightBundle {
        guard let id, let b = try await InsightBundle.find(id, on: db) else { throw Abort(.notFound) }
        return b
    }

    /// What one reader sees in a bundle: how many insights (as the list would show the count) and, for a selection,
    /// their ids, newest heard first.
    struct Contents: Sendable {
        let ids: [UUID]?
        let total: SuppressedCount
        let totalIsCapped: Bool
    }

    static func contents(of b: InsightBundle, viewer: CurrentUser, _ db: any Database) async throws -> Contents {
        let f = try filter(for: b, viewer: viewer)
        let counted = try await InsightQueries.count(db, f, upTo: InsightQueries.countCap + 1)
        let capped = counted > InsightQueries.countCap
        let total = min(counted, InsightQueries.countCap)
        var ids: [UUID]? = nil
        if b.query == nil {
            ids = try await InsightQueries.query(db, f).field(\.$id).sort(\.$heardDay, .descending).sort(\.$id).limit(maxIDs).all().compactMap(\.id)
        }
        return Contents(ids: ids, total: InsightQueries.shownTotal(total, capped: capped, f), totalIsCapped: capped)
    }

    static func canEdit(_ b: InsightBundle, user: CurrentUser) -> Bool {
        user.role.canCurateInsight && (b.$organisation.id == user.organisationID || user.role.canAdministerPartnership)
    }
}
