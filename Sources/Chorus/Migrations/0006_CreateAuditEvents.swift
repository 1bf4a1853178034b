import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// The audit log: who changed what, when, with the record's fields before and after.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_events")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .uuid)
            .field("label", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("audit_events").delete() }
}
