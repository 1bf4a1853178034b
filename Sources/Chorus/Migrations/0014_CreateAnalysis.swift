import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Thematic analysis: runs, the themes they discovered, and which insights each theme holds.
struct CreateAnalysis: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("analysis_runs")
            .id()
            .field("title", .string, .required)
            .field("scope_query", .string, .required)
            .field("bundle_id", .uuid, .references("insight_bundles", "id", onDelete: .setNull))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("seed", .int, .required)
            .field("status", .string, .required)
            .field("progress", .double, .required)
            .field("insight_count", .int, .required)
            .field("unassigned_count", .int, .required)
            .field("private_to_organisation", .bool, .required)
            .field("previous_run_id", .uuid, .references("analysis_runs", "id", onDelete: .setNull))
            .field("method", .string)
            .field("error", .string)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        try await db.schema("discovered_themes")
            .id()
            .field("run_id", .uuid, .required, .references("analysis_runs", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("label", .string, .required)
            .field("key_phrases", .string, .required)
            .field("size", .int, .required)
            .field("people", .int, .required)
            .field("positive", .int, .required)
            .field("neutral", .int, .required)
            .field("negative", .int, .required)
            .field("mean_sentiment", .double, .required)
            .field("representative_ids", .string, .required)
            .field("signature", .string, .required)
            .field("pinned", .bool, .required)
            .field("renamed_label", .string)
            .field("note", .string)
            .field("matched_previous_id", .uuid)
            .field("match_status", .string)
            .field("taxonomy_theme_id", .uuid, .references("themes", "id", onDelete: .setNull))
            .create()
        try await db.schema("theme_members")
            .id()
            .field("run_id", .uuid, .required, .references("analysis_runs", "id", onDelete: .cascade))
            .field("theme_id", .uuid, .required, .references("discovered_themes", "id", onDelete: .cascade))
            .field("insight_id", .uuid, .required, .references("insights", "id", onDelete: .cascade))
            .unique(on: "run_id", "insight_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "discovered_themes_run").on("discovered_themes").column("run_id").column("position").run()
        try await sql.create(index: "theme_members_theme").on("theme_members").column("theme_id").column("insight_id").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["theme_members", "discovered_themes", "analysis_runs"] { try await db.schema(table).delete() }
    }
}
