import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Signed-in browsers, personal API tokens and failed sign-ins (the throttle).
struct CreateAccountTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("staff_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await db.schema("sign_in_failures")
            .id()
            .field("account", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["sign_in_failures", "api_tokens", "staff_sessions"] { try await db.schema(table).delete() }
    }
}
