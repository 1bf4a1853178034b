import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Saved analyses that run again by themselves, following the newest run of their chain.
struct CreateAnalysisSchedules: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("analysis_schedules")
            .id()
            .field("latest_run_id", .uuid, .required, .references("analysis_runs", "id", onDelete: .cascade))
            .field("frequency", .string, .required)
            .field("next_run_at", .datetime, .required)
            .field("claim", .string)
            .field("person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "latest_run_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "analysis_schedules_due").on("analysis_schedules").column("next_run_at").run()
    }

    func revert(on db: any Database) async throws { try await db.schema("analysis_schedules").delete() }
}
