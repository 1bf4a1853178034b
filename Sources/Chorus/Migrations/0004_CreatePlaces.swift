import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Wards, neighbourhoods and wider areas.
struct CreatePlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("places")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references("places", "id"))
            .field("population", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("places").delete() }
}
