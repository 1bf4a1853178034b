import Vapor
import Fluent
import ChorusCore

/// The use cases every admin resource shares: list, find, create, update, delete — each change validated,
/// saved and audited in one transaction, so a rejected change leaves nothing behind.
struct AdminStore<R: AdminResource>: Sendable {
    let resource: R

    func query(_ db: any Database, filters: [String: String]) -> QueryBuilder<R.Record> {
        let q = R.Record.query(on: db)
        q.matching(filters["q"], in: resource.searchFields)
        resource.applyFilters(q, filters)
        resource.sort(q)
        return q
    }

    func page(_ db: any Database, filters: [String: String], page: PageWindow) async throws -> PageOf<R.Record> {
        let total = try await query(db, filters: filters).count()
        let items = try await query(db, filters: filters).range(page.offset..<(page.offset + page.size)).all()
        return PageOf(items: items, request: page, total: total)
    }

    func find(_ db: any Database, _ id: UUID?) async throws -> R.Record {
        guard let id, let r = try await R.Record.find(id, on: db) else { throw Abort(.notFound) }
        return r
    }

    func create(_ db: any Database, _ input: Input, actor: Actor) async throws -> R.Record {
        try await db.transaction { db in
            let clean = try await resource.validate(input, existing: nil, on: db)
            let r = R.Record()
            resource.apply(clean, to: r)
            try await r.create(on: db)
            try await AuditService.record(
                db, actor: actor, action: .create, entity: resource.entity, id: r.id,
                label: resource.label(r), after: resource.values(r))
            return r
        }
    }

    /// Updates from a full form, or from a partial PATCH (`partial`: only the sent fields change).
    func update(_ db: any Database, _ id: UUID?, _ input: Input, partial: Bool, actor: Actor) async throws -> R.Record {
        try await db.transaction { db in
            let r = try await find(db, id)
            let before = resource.values(r)
            let full = partial ? input.over(before) : input
            let clean = try await resource.validate(full, existing: r, on: db)
            resource.apply(clean, to: r)
            let after = resource.values(r)
            if after != before {
                try await r.update(on: db)
                try await AuditService.record(
                    db, actor: actor, action: .update, entity: resource.entity, id: r.id,
                    label: resource.label(r), before: before, after: after)
            }
            return r
        }
    }

    func delete(_ db: any Database, _ id: UUID?, actor: Actor) async throws {
        guard resource.deletable else { throw Abort(.methodNotAllowed, reason: "This record cannot be deleted") }
        try await db.transaction { db in
            let r = try await find(db, id)
            if let reason = try await resource.deleteBlocker(r, on: db) { throw Abort(.conflict, reason: reason) }
            let before = resource.values(r)
            try await r.delete(on: db)
            try await AuditService.record(
                db, actor: actor, action: .delete, entity: resource.entity, id: id,
                label: resource.label(r), before: before)
        }
    }

    /// The filtered list as CSV: id then the input fields (at most `limit` rows).
    func csv(_ db: any Database, filters: [String: String], limit: Int = 50_000) async throws -> String {
        let rows = try await query(db, filters: filters).limit(limit).all()
        let names = resource.specs.map(\.name)
        return CSV.write(
            header: ["id"] + names,
            rows: rows.map { r in
                let v = resource.values(r)
                return [r.id?.uuidString ?? ""] + names.map { v[$0] ?? "" }
            })
    }
}

extension Request {
    /// Query parameters as a dictionary of non-empty trimmed strings.
    var queryValues: [String: String] {
        ((try? query.decode([String: String].self)) ?? [:]).compactMapValues {
            // NUL never means anything in a query and PostgreSQL cannot compare text containing it.
            let t = $0.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
    }

    var pageRequest: PageWindow {
        let q = queryValues
        return PageWindow(page: q["page"].flatMap { Int($0) }, size: q["size"].flatMap { Int($0) })
    }
}
