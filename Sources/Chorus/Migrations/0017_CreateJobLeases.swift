import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Who is running a background job, and until when, so that servers sharing a database run each job once.
struct CreateJobLeases: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("job_leases")
            .field("job_id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("owner", .string, .required)
            // seconds since 1970 (a number compares the same way on SQLite and PostgreSQL)
            .field("expires_at", .double, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("job_leases").delete() }
}
