import Vapor
import ChorusCore

/// The audit log's API operation (`/audit-events`) and the filter its pages share; the pages are `AuditController`'s.
enum AuditRoutes {
    static func register(api: any RoutesBuilder, docs: APIDocs) {
        docs.addSchema(
            "AuditEvent",
            .object(
                [
                    "id": .string(format: "uuid"), "at": .string(format: "date-time"), "actor_id": .string(format: "uuid", nullable: true),
                    "actor_name": .string(), "action": .string(), "entity": .string(), "entity_id": .string(format: "uuid", nullable: true),
                    "label": .string(),
                    "changes": .array(
                        .object(
                            ["field": .string(), "before": .string(nullable: true), "after": .string(nullable: true)],
                            required: ["field", "before", "after"])),
                ], required: ["id", "at", "actor_id", "actor_name", "action", "entity", "entity_id", "label", "changes"]))
        let list = Schema.object(
            [
                "items": .array(.ref("AuditEvent")), "page": .integer(minimum: 1), "size": .integer(minimum: 1),
                "total": .integer(minimum: 0),
            ], required: ["items", "page", "size", "total"])
        docs.route(
            api, .GET, "/audit-events", summary: "The audit log (partnership admins)", tag: "audit", response: list,
            query: [
                ("entity", .string(), "Entity type, e.g. place"), ("entity_id", .string(format: "uuid"), "One record"),
                ("action", .string(enumValues: AuditService.Action.allCases.map(\.rawValue)), "Action"),
                ("actor", .string(), "Part of the actor's name"), ("from", .string(format: "date"), "From this date (YYYY-MM-DD)"),
                ("to", .string(format: "date"), "Up to and including this date"), ("page", .integer(minimum: 1), "Page"),
                ("size", .integer(minimum: 1, maximum: PageWindow.maxSize), "Items per page"),
            ]
        ) { req in
            _ = try APIResponse.requireAdmin(req)
            let page = try await AuditService.page(req.db, try parse(req), req.pageRequest)
            let iso = ISO8601DateFormatter()
            // Every documented key is present; missing values are explicit nulls.
            struct Item: Encodable {
                let fields: [String: OutValue]
                let changes: [[String: OutValue]]
                func encode(to encoder: any Encoder) throws {
                    var all = fields.mapValues { Either.value($0) }
                    all["changes"] = .list(changes)
                    try all.encode(to: encoder)
                }
                enum Either: Encodable {
                    case value(OutValue), list([[String: OutValue]])
                    func encode(to encoder: any Encoder) throws {
                        switch self {
                        case .value(let v): try v.encode(to: encoder);
                        case .list(let l): try l.encode(to: encoder)
                        }
                    }
                }
            }
            let items = page.items.map { e in
                Item(
                    fields: [
                        "id": .string(e.id!.uuidString), "at": .string(iso.string(from: e.at)), "actor_id": .opt(e.actorID?.uuidString),
                        "actor_name": .string(e.actorName), "action": .string(e.action), "entity": .string(e.entity),
                        "entity_id": .opt(e.entityID?.uuidString), "label": .string(e.label),
                    ],
                    changes: AuditService.changes(e).map { ["field": .string($0.field), "before": .opt($0.before), "after": .opt($0.after)] })
            }
            struct Body: Encodable { let items: [Item]; let page: Int; let size: Int; let total: Int }
            return try APIResponse.json(Body(items: items, page: page.page, size: page.size, total: page.total))
        }
    }

    /// Reads the filter from the query; bad dates or ids are a 400 naming the parameter.
    static func parse(_ req: Request) throws -> AuditService.Filter {
        let q = req.queryValues
        var v = Validator()
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        func date(_ key: String) -> Date? {
            guard let s = q[key] else { return nil }
            guard let d = day.date(from: s) else { v.add(key, "Enter the date as YYYY-MM-DD, like 2026-11-23"); return nil }
            return d
        }
        var f = AuditService.Filter()
        f.entity = q["entity"]
        f.action = q["action"]
        f.actor = q["actor"]
        f.from = date("from")
        f.to = date("to").map { $0.addingTimeInterval(86_400) }
        if let raw = q["entity_id"] {
            if let id = UUID(uuidString: raw) { f.entityID = id } else { v.add("entity_id", "entity_id must be a UUID") }
        }
        if let a = q["action"], AuditService.Action(rawValue: a) == nil {
            v.add("action", "action must be one of: \(AuditService.Action.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for key in ["page", "size"] { if let s = q[key], Int(s) == nil { v.add(key, "\(key) must be a whole number") } }
        try v.check()
        return f
    }
}
