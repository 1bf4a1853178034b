import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// "You said, we did" for a theme across activities: a report has either an activity (as before) or a taxonomy
/// theme with the days its insights were heard between. `activity_id` becomes optional; one report per theme and
/// date range.
struct AddThemeFeedbackReports: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            // SQLite cannot drop NOT NULL from a column: the table is rebuilt with the same rows. Dropping the old
            // table deletes its translations (ON DELETE CASCADE), so they are kept aside and put back.
            try await db.transaction { tx in
                let s = tx as! any SQLDatabase
                try await tx.schema("feedback_reports_new")
                    .id()
                    .field("activity_id", .uuid, .references("activities", "id", onDelete: .cascade))
                    .field("title", .string, .required)
                    .field("what_we_asked", .string, .required)
                    .field("what_you_said", .string, .required)
                    .field("what_we_did", .string, .required)
                    .field("status", .string, .required)
                    .field("published_day", .int)
                    .field("published_by", .string)
                    .field("created_at", .datetime)
                    .field("updated_at", .datetime)
                    .field("theme_id", .uuid, .references("themes", "id", onDelete: .cascade))
                    .field("from_day", .int)
                    .field("to_day", .int)
                    .unique(on: "activity_id", name: "uq:feedback_reports.activity_id")
                    .create()
                let columns =
                    "id, activity_id, title, what_we_asked, what_you_said, what_we_did, status, published_day, published_by, created_at, updated_at"
                try await s.raw("INSERT INTO feedback_reports_new (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM feedback_reports").run()
                try await s.raw("CREATE TEMP TABLE feedback_translations_keep AS SELECT * FROM feedback_translations").run()
                try await s.raw("DROP TABLE feedback_reports").run()
                try await s.raw("ALTER TABLE feedback_reports_new RENAME TO feedback_reports").run()
                try await s.raw("INSERT INTO feedback_translations SELECT * FROM feedback_translations_keep").run()
                try await s.raw("DROP TABLE feedback_translations_keep").run()
                try await s.create(index: "feedback_reports_status").on("feedback_reports").column("status").column("published_day").run()
                try await s.create(index: "feedback_reports_theme").on("feedback_reports").column("theme_id").column("from_day").column("to_day")
                    .unique().run()
            }
        } else {
            try await sql.raw("ALTER TABLE feedback_reports ALTER COLUMN activity_id DROP NOT NULL").run()
            try await db.schema("feedback_reports")
                .field("theme_id", .uuid, .references("themes", "id", onDelete: .cascade))
                .field("from_day", .int)
                .field("to_day", .int)
                .update()
            try await sql.create(index: "feedback_reports_theme").on("feedback_reports").column("theme_id").column("from_day").column("to_day")
                .unique().run()
        }
    }

    /// Theme reports have no place in the old schema: they are deleted. On SQLite the columns stay.
    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM feedback_reports WHERE activity_id IS NULL").run()
        guard sql.dialect.name != "sqlite" else { return }
        try await sql.raw("DROP INDEX IF EXISTS feedback_reports_theme").run()
        try await db.schema("feedback_reports").deleteField("theme_id").deleteField("from_day").deleteField("to_day").update()
        try await sql.raw("ALTER TABLE feedback_reports ALTER COLUMN activity_id SET NOT NULL").run()
    }
}
