import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Partner organisations.
struct CreateOrganisations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("contact_name", .string)
            .field("contact_email", .string)
            .field("website", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("organisations").delete() }
}
