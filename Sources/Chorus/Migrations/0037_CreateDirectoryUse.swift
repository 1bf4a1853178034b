import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// How the directory is used and kept current: the groups working on an activity and the venue it is held at
/// (`directory_activity_links`), and the single-use links a group follows to correct its own entry without an account
/// (`directory_update_links`: the token's hash, when it expires, the changes the group sent and the staff review).
struct CreateDirectoryUse: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("directory_activity_links")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("entry_id", .uuid, .required, .references("directory_entries", "id", onDelete: .cascade))
            // "partner" (a group working on it) or "venue" (where it is held; one per activity).
            .field("role", .string, .required)
            .field("added_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "activity_id", "entry_id", "role")
            .create()
        try await db.schema("directory_update_links")
            .id()
            .field("entry_id", .uuid, .required, .references("directory_entries", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("sent_to", .string, .required)
            // Staff who asked for it; empty when the freshness reminder sent it.
            .field("requested_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            // The "assured on" day a reminder was sent for: one reminder per entry per day, even with several servers.
            .field("reminder_for_day", .int)
            .field("expires_at", .datetime, .required)
            // "open" (not used yet), "submitted" (changes wait for review), "approved" or "rejected".
            .field("status", .string, .required)
            // The changes the group sent, as form values (JSON), kept until staff review them.
            .field("proposed", .string)
            .field("submitted_at", .datetime)
            .field("reviewed_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("reviewed_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .unique(on: "entry_id", "reminder_for_day")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "directory_activity_links_entry").on("directory_activity_links").column("entry_id").run()
            try await sql.create(index: "directory_update_links_status").on("directory_update_links").column("status").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("directory_update_links").delete()
        try await db.schema("directory_activity_links").delete()
    }
}
