import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Residents who asked for email updates about a ward, a theme or both (confirmed by a link in an email before
/// anything else is sent), and which reports and activities have been announced to them, once each: the unique
/// (kind, reference) row is what lets several servers sweep at once without emailing anyone twice.
struct CreateUpdateSubscriptions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("update_subscriptions")
            .id()
            .field("email", .string, .required)
            // nil: any ward / any theme. Deleting the ward or theme ends the subscriptions that named it.
            .field("place_id", .uuid, .references("places", "id", onDelete: .cascade))
            .field("theme_id", .uuid, .references("themes", "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("confirmed_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await db.schema("update_announcements")
            .id()
            .field("kind", .string, .required)
            .field("reference_id", .uuid, .required)
            .field("announced_at", .datetime)
            .unique(on: "kind", "reference_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "update_subscriptions_email").on("update_subscriptions").column("email").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("update_announcements").delete()
        try await db.schema("update_subscriptions").delete()
    }
}
