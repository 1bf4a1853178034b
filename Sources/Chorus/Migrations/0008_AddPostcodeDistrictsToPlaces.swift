import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Postcode districts (outward codes, e.g. "HS1") per place, comma-separated, so residents can find their ward by
/// postcode.
struct AddPostcodeDistrictsToPlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("places").field("postcode_districts", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("places").deleteField("postcode_districts").update()
    }
}
