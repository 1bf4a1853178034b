import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// The good-practice library: method guides, case studies (drafted from an activity's evaluation), the tendering
/// toolkit and guidance for engaging particular communities, written in Markdown, for staff only or for everyone.
struct CreateGuidance: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("guidance_pages")
            .id()
            // A GuidanceKind code.
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            // "public" (residents and partners too) or "staff".
            .field("visibility", .string, .required)
            // An EngagementMethod code a method guide is about (nil: none).
            .field("method", .string)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("source_activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("published", .bool, .required)
            .field("published_day", .int)
            .field("created_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("updated_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "guidance_pages_method").on("guidance_pages").column("method").run()
        }
    }

    func revert(on db: any Database) async throws { try await db.schema("guidance_pages").delete() }
}
