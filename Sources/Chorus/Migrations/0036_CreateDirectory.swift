import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// The directory of who is already in the room: community groups, venues and connectors in one table (they share an
/// owner, wards, themes, audiences, languages and an "assured on" day; the kind-specific columns are empty for the
/// other kinds), and the wards, themes and audiences each covers as link rows, indexed for the ward and theme filters.
struct CreateDirectory: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("directory_entries")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("summary", .string, .required)
            // A group's type or a connector's role (GroupType / ConnectorRole codes); empty for a venue.
            .field("category", .string, .required)
            .field("owner_organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("borough_wide", .bool, .required)
            // Names, comma-separated with leading and trailing commas (",Urdu,Punjabi,") so one LIKE finds one.
            .field("languages", .string, .required)
            .field("contact_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("website", .string)
            .field("approach", .string)
            .field("open_to_partnering", .bool, .required)
            .field("contact_sharing", .string, .required)
            .field("consent_day", .int)
            .field("address", .string)
            .field("postcode", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            // VenueFact codes, comma-separated with leading and trailing commas.
            .field("facts", .string, .required)
            .field("capacity", .int)
            .field("cost", .string)
            .field("opening_times", .string)
            .field("assured_day", .int, .required)
            // Where an imported entry came from (an Open Referral feed's service id), so a second import updates it.
            .field("source_id", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("directory_links")
            .id()
            .field("entry_id", .uuid, .required, .references("directory_entries", "id", onDelete: .cascade))
            // "place", "theme" or "audience".
            .field("link", .string, .required)
            .field("target_id", .uuid, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "directory_entries_kind_name").on("directory_entries").column("kind").column("name").run()
            try await sql.create(index: "directory_entries_updated").on("directory_entries").column("updated_at").run()
            try await sql.create(index: "directory_entries_source").on("directory_entries").column("source_id").run()
            try await sql.create(index: "directory_links_entry").on("directory_links").column("entry_id").run()
            try await sql.create(index: "directory_links_target").on("directory_links").column("link").column("target_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("directory_links").delete()
        try await db.schema("directory_entries").delete()
    }
}
