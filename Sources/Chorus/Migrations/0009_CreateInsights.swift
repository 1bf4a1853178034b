import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Insights (what people said), their themes and audiences, bundles, stored API requests (idempotency keys), the
/// list's indexes, and the first full-text index: on PostgreSQL a generated `tsvector` column with a GIN index, on
/// SQLite an FTS5 table over the text kept in step by triggers (`SearchWithinPlaces` later rebuilds the SQLite one).
struct CreateInsights: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("insights")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("recorded_by_id", .uuid, .references("people", "id"))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("original_text", .string)
            .field("redacted_kinds", .string, .required)
            .field("heard_day", .int, .required)
            .field("place_id", .uuid, .references("places", "id"))
            .field("postcode_sector", .string)
            .field("people_count", .int, .required)
            .field("sharing", .string, .required)
            .field("contact_email", .string)
            .field("feedback_opt_in", .bool, .required)
            .field("age_band", .string).field("sex", .string).field("gender_identity", .string).field("sexual_orientation", .string)
            .field("ethnic_group", .string).field("religion", .string).field("disability", .string).field("unpaid_care", .string)
            .field("source_ref", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        for (table, column, target) in [("insight_themes", "theme_id", "themes"), ("insight_audiences", "audience_id", "audiences")] {
            try await db.schema(table)
                .id()
                .field("insight_id", .uuid, .required, .references("insights", "id", onDelete: .cascade))
                .field(.string(column), .uuid, .required, .references(target, "id"))
                .unique(on: "insight_id", .string(column))
                .create()
        }
        try await db.schema("insight_bundles")
            .id()
            .field("title", .string, .required)
            .field("description", .string)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("created_by_id", .uuid, .references("people", "id"))
            .field("query", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("insight_bundle_items")
            .id()
            .field("bundle_id", .uuid, .required, .references("insight_bundles", "id", onDelete: .cascade))
            .field("insight_id", .uuid, .required, .references("insights", "id", onDelete: .cascade))
            .unique(on: "bundle_id", "insight_id")
            .create()
        try await db.schema("api_idempotency")
            .id()
            .field("person_id", .uuid, .required)
            .field("key", .string, .required)
            .field("request_sha256", .string, .required)
            .field("status", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "person_id", "key")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        // What the insight list filters and sorts by (newest heard first), and the walls (sharing, organisation).
        try await sql.create(index: "insights_heard").on("insights").column("heard_day").column("id").run()
        try await sql.create(index: "insights_org_heard").on("insights").column("organisation_id").column("heard_day").run()
        try await sql.create(index: "insights_place_heard").on("insights").column("place_id").column("heard_day").run()
        try await sql.create(index: "insights_activity").on("insights").column("activity_id").run()
        try await sql.create(index: "insights_sharing_heard").on("insights").column("sharing").column("heard_day").run()
        try await sql.create(index: "insight_themes_theme").on("insight_themes").column("theme_id").column("insight_id").run()
        try await sql.create(index: "insight_audiences_audience").on("insight_audiences").column("audience_id").column("insight_id").run()
        try await sql.create(index: "insight_bundle_items_insight").on("insight_bundle_items").column("insight_id").run()
        try await Self.createSearchIndex(on: sql)
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await Self.dropSearchIndex(on: sql) }
        for table in ["api_idempotency", "insight_bundle_items", "insight_bundles", "insight_audiences", "insight_themes", "insights"] {
            try await db.schema(table).delete()
        }
    }

    /// Full-text search over the text, stemming English words (porter / 'english'). SQLite: content kept in
    /// `insights`.
    private static func createSearchIndex(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE insights ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED").run()
            try await sql.raw("CREATE INDEX insights_search ON insights USING GIN (search)").run()
            return
        }
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE insights_fts USING fts5(text, content='insights', content_rowid='rowid',
              tokenize = 'porter unicode61 remove_diacritics 2')
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_insert AFTER INSERT ON insights BEGIN
              INSERT INTO insights_fts(rowid, text) VALUES (new.rowid, new.text);
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_delete AFTER DELETE ON insights BEGIN
              INSERT INTO insights_fts(insights_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_update AFTER UPDATE OF text ON insights BEGIN
              INSERT INTO insights_fts(insights_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
              INSERT INTO insights_fts(rowid, text) VALUES (new.rowid, new.text);
            END
            """
        ).run()
    }

    /// SQLite: the FTS5 table and its triggers (on PostgreSQL the column and its index go with the table).
    private static func dropSearchIndex(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "postgresql" else { return }
        for trigger in ["insights_fts_insert", "insights_fts_delete", "insights_fts_update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS insights_fts").run()
    }
}
