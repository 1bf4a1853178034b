import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Indexes over the insights that carry a resident's contact address, for erasure and retention: finding a
/// resident's insights by address (each batch of ended accounts), and the addresses past their period oldest first.
/// Partial (only rows with an address), so they stay small and cost nothing for the insights without one. Measured
/// on 1,020,000 insights and 200,000 residents (bench/README.md, "Retention"): the account step went from 321 s to
/// 14.5 s on SQLite, 35 s to 7.5 s on PostgreSQL.
struct AddInsightContactIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX insights_contact_email ON insights (contact_email) WHERE contact_email IS NOT NULL").run()
        try await sql.raw("CREATE INDEX insights_contact_heard ON insights (heard_day) WHERE contact_email IS NOT NULL").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS insights_contact_heard").run()
        try await sql.raw("DROP INDEX IF EXISTS insights_contact_email").run()
    }
}
