import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Staff of the partner organisations, and the one-time links that let an invited person choose a password.
struct CreatePeople: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("job_title", .string)
            .field("password_hash", .string)
            .field("role", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("active", .bool, .required)
            .field("last_sign_in_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await db.schema("invitations")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("invitations").delete()
        try await db.schema("people").delete()
    }
}
