import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// The register: activities and the places, themes, audiences and partner organisations they are linked to.
struct CreateActivities: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("activities")
            .id()
            .field("title", .string, .required)
            .field("purpose", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("lead_person_id", .uuid, .references("people", "id"))
            .field("borough_wide", .bool, .required)
            .field("methods", .string, .required)
            .field("ladder_level", .string, .required)
            .field("status", .string, .required)
            .field("start_day", .int, .required)
            .field("end_day", .int)
            .field("expected_reach", .int)
            .field("public_summary", .string)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        for (table, column, target) in [
            ("activity_places", "place_id", "places"), ("activity_themes", "theme_id", "themes"),
            ("activity_audiences", "audience_id", "audiences"),
            ("activity_partners", "organisation_id", "organisations"),
        ] {
            try await db.schema(table)
                .id()
                .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
                .field(.string(column), .uuid, .required, .references(target, "id"))
                .unique(on: "activity_id", .string(column))
                .create()
        }
        guard let sql = db as? any SQLDatabase else { return }
        // What the list filters, overlap check and fatigue table look up by.
        try await sql.create(index: "activities_start_day").on("activities").column("start_day").run()
        try await sql.create(index: "activities_end_day").on("activities").column("end_day").run()
        try await sql.create(index: "activities_org_start").on("activities").column("organisation_id").column("start_day").run()
        try await sql.create(index: "activities_status_start").on("activities").column("status").column("start_day").run()
        try await sql.create(index: "activity_places_place").on("activity_places").column("place_id").column("activity_id").run()
        try await sql.create(index: "activity_themes_theme").on("activity_themes").column("theme_id").column("activity_id").run()
        try await sql.create(index: "activity_audiences_audience").on("activity_audiences").column("audience_id").column("activity_id").run()
        try await sql.create(index: "activity_partners_org").on("activity_partners").column("organisation_id").column("activity_id").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["activity_partners", "activity_audiences", "activity_themes", "activity_places", "activities"] {
            try await db.schema(table).delete()
        }
    }
}
