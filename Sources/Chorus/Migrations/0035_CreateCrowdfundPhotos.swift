import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// A crowdfunding project's photos (up to four), each with its alt text; kept in the database like a budgeting
/// proposal's photo, so every server serves them and a backup holds them; they go when their project goes.
struct CreateCrowdfundPhotos: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("crowdfund_photos")
            .id()
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            // The order they show in: 1 is the project's main photo (on the list of projects too).
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("bytes", .data, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("alt", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "crowdfund_photos_project").on("crowdfund_photos").column("project_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("crowdfund_photos").delete()
    }
}
