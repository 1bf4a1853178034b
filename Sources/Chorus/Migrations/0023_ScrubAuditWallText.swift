import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Frozen (issue 15, item 5): audit entries written before `AuditLabel` carried the text of records that not every
/// partnership admin may see — insight text, analysis run titles and scope queries, theme names and notes, and the
/// names and texts of private decision spaces. This rewrites those labels to kind and id (the entry's `entity_id`
/// still names the record) and clears the before/after values that held such text. What was done, by whom and when
/// stays. Literal table and column names only: it must mean the same whatever the live code later becomes.
struct ScrubAuditWallText: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let statements: [SQLQueryString] = [
            // Insights: the label was the first 80 characters of the (redacted) text.
            """
            UPDATE "audit_events" SET "label" = 'Insight (' || COALESCE((SELECT i."kind" FROM "insights" i WHERE i."id" = "audit_events"."entity_id"), 'deleted') || ')'
            WHERE "entity" = 'insight' AND "entity_id" IS NOT NULL
            """,
            // Analysis runs and schedules: the run's title; a run's creation also kept its scope query.
            """
            UPDATE "audit_events" SET "label" = 'Analysis run' WHERE "entity" IN ('analysis_run', 'analysis_schedule')
            """,
            """
            UPDATE "audit_events" SET "after" = NULL WHERE "entity" = 'analysis_run' AND "after" LIKE '%"query"%'
            """,
            // Discovered themes: names in the label, names and notes in the values.
            """
            UPDATE "audit_events" SET "label" = 'Analysis theme' WHERE "entity" = 'discovered_theme'
            """,
            """
            UPDATE "audit_events" SET "before" = NULL, "after" = NULL WHERE "entity" = 'discovered_theme'
            AND (COALESCE("before", '') LIKE '%"label"%' OR COALESCE("before", '') LIKE '%"note"%'
                 OR COALESCE("after", '') LIKE '%"label"%' OR COALESCE("after", '') LIKE '%"note"%')
            """,
            // Private decision spaces (as they are now) and everything in them.
            """
            UPDATE "audit_events" SET "label" = 'Private decision space', "before" = NULL, "after" = NULL
            WHERE "entity" = 'decision_space' AND "entity_id" IN (SELECT s."id" FROM "decision_spaces" s WHERE s."is_public" = false)
            """,
            """
            UPDATE "audit_events" SET "label" = 'Meeting in a private decision space'
            WHERE "entity" = 'meeting' AND "entity_id" IN (
                SELECT m."id" FROM "meetings" m JOIN "decision_spaces" s ON s."id" = m."space_id" WHERE s."is_public" = false)
            """,
            """
            UPDATE "audit_events" SET "label" = 'Agenda item in a private decision space'
            WHERE "entity" = 'agenda_item' AND "entity_id" IN (
                SELECT a."id" FROM "agenda_items" a JOIN "meetings" m ON m."id" = a."meeting_id"
                JOIN "decision_spaces" s ON s."id" = m."space_id" WHERE s."is_public" = false)
            """,
            """
            UPDATE "audit_events" SET "label" = 'Decision in a private decision space'
            WHERE "entity" = 'decision' AND "entity_id" IN (
                SELECT d."id" FROM "decisions" d JOIN "decision_spaces" s ON s."id" = d."space_id" WHERE s."is_public" = false)
            """,
            """
            UPDATE "audit_events" SET "label" = 'Action in a private decision space', "after" = NULL
            WHERE "entity" = 'decision_action' AND "entity_id" IN (
                SELECT a."id" FROM "decision_actions" a JOIN "decision_spaces" s ON s."id" = a."space_id" WHERE s."is_public" = false)
            """,
        ]
        for statement in statements { try await sql.raw(statement).run() }
    }

    /// The text is gone; there is nothing to put back.
    func revert(on db: any Database) async throws {}
}
