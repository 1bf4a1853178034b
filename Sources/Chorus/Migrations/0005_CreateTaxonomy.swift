import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// The shared taxonomy: themes (which nest) and audiences.
struct CreateTaxonomy: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("themes")
            .id()
            .field("name", .string, .required)
            .field("description", .string)
            .field("parent_id", .uuid, .references("themes", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("audiences")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audiences").delete()
        try await db.schema("themes").delete()
    }
}
