import Vapor
import Fluent
import ChorusCore

/// Records and reads the audit trail. Every create, update and delete in Chorus calls `record` inside the same
/// transaction as the change, so a change and its audit entry are saved together or not at all.
enum AuditService {
    enum Action: String, CaseIterable, Sendable {
        case create, update, delete, deactivate, reactivate, invite, importFile = "import", signIn = "sign_in", tokenCreate = "token_create",
            tokenRevoke = "token_revoke"
    }

    static func record(
        _ db: any Database, actor: Actor, action: Action, entity: String, id: UUID?, label: String,
        before: [String: String]? = nil, after: [String: String]? = nil
    ) async throws {
        let e = AuditEvent()
        e.at = Date()
        e.actorID = actor.id
        e.actorName = actor.name
        e.action = action.rawValue
        e.entity = entity
        e.entityID = id
        e.label = String(label.prefix(300))
        e.before = before.map(encode)
        e.after = after.map(encode)
        try await e.create(on: db)
    }

    static func encode(_ values: [String: String]) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? String(data: enc.encode(values), encoding: .utf8)) ?? "{}"
    }

    static func decode(_ json: String?) -> [String: String] {
        guard let json, let d = json.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: d)) ?? [:]
    }

    struct Filter: Sendable {
        var entity: String?
        var entityID: UUID?
        var action: String?
        var actor: String?
        var from: Date?
        var to: Date?
    }

    /// One field that differs between before and after.
    struct Change: Sendable, Equatable {
        let field: String
        let before: String?
        let after: String?
    }

    static func changes(_ e: AuditEvent) -> [Change] {
        let b = decode(e.before), a = decode(e.after)
        return Set(b.keys).union(a.keys).sorted().compactMap { k in
            b[k] == a[k] ? nil : Change(field: k, before: b[k], after: a[k])
        }
    }

    static func query(_ db: any Database, _ f: Filter) -> QueryBuilder<AuditEvent> {
        var q = AuditEvent.query(on: db)
        if let v = f.entity { q = q.filter(\.$entity == v) }
        if let v = f.entityID { q = q.filter(\.$entityID == v) }
        if let v = f.action { q = q.filter(\.$action == v) }
        q.matching(f.actor, in: ["actor_name"])
        if let v = f.from { q = q.filter(\.$at >= v) }
        if let v = f.to { q = q.filter(\.$at < v) }
        return q.sort(\.$at, .descending).sort(\.$id)
    }

    /// The filtered log as CSV (the newest 100,000 events), one row an event with its before and after as stored.
    static func csv(_ db: any Database, _ f: Filter) async throws -> String {
        let events = try await query(db, f).limit(100_000).all()
        let iso = ISO8601DateFormatter()
        return CSV.write(
            header: ["at", "actor", "action", "entity", "entity_id", "label", "before", "after"],
            rows: events.map {
                [
                    iso.string(from: $0.at), $0.actorName, $0.action, $0.entity, $0.entityID?.uuidString ?? "", $0.label, $0.before ?? "",
                    $0.after ?? "",
                ]
            })
    }

    static func page(_ db: any Database, _ f: Filter, _ p: PageWindow) async throws -> PageOf<AuditEvent> {
        let total = try await query(db, f).count()
        let items = try await query(db, f).range(p.offset..<(p.offset + p.size)).all()
        return PageOf(items: items, request: p, total: total)
    }
}
