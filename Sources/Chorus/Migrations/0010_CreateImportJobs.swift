import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// CSV imports of insights: the uploaded file, the column mapping, and the background run's progress and outcome.
struct CreateImportJobs: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("import_jobs")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("file_path", .string, .required)
            .field("mapping", .string)
            .field("status", .string, .required)
            .field("phase", .string)
            .field("rows_total", .int)
            .field("rows_done", .int, .required)
            .field("rows_rejected", .int, .required)
            .field("errors", .string)
            .field("message", .string)
            .field("created_at", .datetime)
            .field("finished_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("import_jobs").delete() }
}
