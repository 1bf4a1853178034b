import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Residents who take part as themselves: their accounts (signed in by an emailed code, or registered by staff for
/// someone without email), the codes and sessions that sign them in (apart from staff sessions), their equality
/// answers (a table of their own, used only for counts), every consent with the exact wording they were shown, the
/// subject access and erasure requests staff receive, the retention periods staff set, and the public log of what
/// the retention job removed (counts by category, never people).
struct CreateResidents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("residents")
            .id()
            .field("reference", .string, .required)
            // nil for a resident registered by staff without an email (assisted digital).
            .field("email", .string)
            .field("display_name", .string)
            .field("phone", .string)
            .field("postcode_sector", .string)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            .field("language", .string, .required)
            .field("assisted", .bool, .required)
            .field("registered_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("last_active_at", .datetime, .required)
            .unique(on: "reference")
            .unique(on: "email")
            .create()
        try await db.schema("resident_sign_in_codes")
            .id()
            .field("email", .string, .required)
            .field("code_hash", .string, .required)
            .field("link_hash", .string, .required)
            .field("client_address", .string, .required)
            .field("language", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "link_hash")
            .create()
        try await db.schema("resident_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("resident_id", .uuid, .required, .references("residents", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("resident_equality")
            .id()
            .field("resident_id", .uuid, .required, .references("residents", "id", onDelete: .cascade))
            .field("answers", .string, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "resident_id")
            .create()
        try await db.schema("consent_records")
            .id()
            .field("resident_id", .uuid, .required, .references("residents", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("version", .int, .required)
            .field("wording", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("recorded_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("recorded_by_name", .string)
            .field("given_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .field("withdrawn_by_name", .string)
            .create()
        try await db.schema("data_requests")
            .id()
            .field("kind", .string, .required)
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("email", .string)
            .field("requester", .string, .required)
            .field("received_day", .int, .required)
            .field("due_day", .int, .required)
            .field("recorded_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("closed_at", .datetime)
            .field("outcome", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("retention_rules")
            .id()
            .field("kind", .string, .required)
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .cascade))
            .field("days", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("retention_log")
            .id()
            .field("ran_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("removed", .int, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "resident_sign_in_codes_email").on("resident_sign_in_codes").column("email").column("created_at").run()
        try await sql.create(index: "resident_sign_in_codes_client").on("resident_sign_in_codes").column("client_address").column("created_at")
            .run()
        try await sql.create(index: "resident_sessions_resident").on("resident_sessions").column("resident_id").run()
        try await sql.create(index: "consent_records_resident").on("consent_records").column("resident_id").run()
        try await sql.create(index: "residents_last_active").on("residents").column("last_active_at").run()
        try await sql.create(index: "retention_log_ran").on("retention_log").column("ran_at").run()
    }

    func revert(on db: any Database) async throws {
        for table in [
            "retention_log", "retention_rules", "data_requests", "consent_records", "resident_equality", "resident_sessions",
            "resident_sign_in_codes", "residents",
        ] {
            try await db.schema(table).delete()
        }
    }
}
