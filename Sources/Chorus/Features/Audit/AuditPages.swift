import Vapor
import Fluent
import ChorusCore

/// The audit log's page model: plain values a view renders with a `PageContext` (views never see a request, the
/// database or a Fluent model).
enum AuditPages {
    /// One event as the log shows it.
    struct Event: Sendable {
        let at: Date
        let actorName: String
        let action: String
        let entity: String
        let label: String
        let changes: [AuditService.Change]
    }

    struct List: Sendable {
        let events: PageOf<Event>
        /// The filter as asked (the query's values), to fill the filter bar and carry to the CSV link.
        let filter: [String: String]
        /// The entity names features write to the log, for the entity filter.
        let entities: [String]
    }

    static func list(_ filter: AuditService.Filter, window: PageWindow, query: [String: String], _ db: any Database) async throws -> List {
        let page = try await AuditService.page(db, filter, window).map { e in
            Event(at: e.at, actorName: e.actorName, action: e.action, entity: e.entity, label: e.label, changes: AuditService.changes(e))
        }
        return List(events: page, filter: query, entities: Features.auditEntities)
    }

    /// One record's events (no filter bar: the record is the filter).
    struct History: Sendable {
        let title: String
        let back: String
        let events: PageOf<Event>
    }

    static func history(title: String, back: String, _ filter: AuditService.Filter, window: PageWindow, _ db: any Database) async throws
        -> History
    {
        let page = try await AuditService.page(db, filter, window).map { e in
            Event(at: e.at, actorName: e.actorName, action: e.action, entity: e.entity, label: e.label, changes: AuditService.changes(e))
        }
        return History(title: title, back: back, events: page)
    }
}
