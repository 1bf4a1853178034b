import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// An agenda item can carry an analysis run, so the board's briefing (and the "You said, we did" report of the
/// activities it decided on) shows the themes the analyst named and merged, not only taxonomy tags. Deleting the run
/// leaves the item (the briefing says the analysis is gone).
struct AddAgendaItemAnalysis: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("agenda_items")
            .field("analysis_run_id", .uuid, .references("analysis_runs", "id", onDelete: .setNull))
            .update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "agenda_items_analysis_run").on("agenda_items").column("analysis_run_id").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS agenda_items_analysis_run").run()
        try await db.schema("agenda_items").deleteField("analysis_run_id").update()
    }
}
