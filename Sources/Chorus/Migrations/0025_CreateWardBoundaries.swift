import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// A ward's boundary, one row per place, imported from GeoJSON (Admin → Places → Import ward boundaries).
///
/// It holds the source geometry (longitude/latitude, MultiPolygon coordinates as compact JSON text, lightly simplified
/// on import to about a metre) and its bounding box, not a projected SVG path: where a ward lands on a map depends on
/// every ward drawn with it (the box around them all and its middle latitude), and an import replaces only the wards
/// it names, so stored paths would drift out of one frame; keeping the geometry also lets the map's size and
/// simplification change without a re-import. The box columns let a reader find the frame without decoding a row.
/// Deleting the place deletes its boundary.
struct CreateWardBoundaries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("ward_boundaries")
            .id()
            .field("place_id", .uuid, .required, .references("places", "id", onDelete: .cascade))
            .field("geometry", .string, .required)
            .field("positions", .int, .required)
            .field("min_lon", .double, .required)
            .field("min_lat", .double, .required)
            .field("max_lon", .double, .required)
            .field("max_lat", .double, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "place_id")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("ward_boundaries").delete() }
}
