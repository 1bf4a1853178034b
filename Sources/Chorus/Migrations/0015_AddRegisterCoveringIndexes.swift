import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Covering indexes for the register at 50,000 activities, on SQLite only (bench/README.md has the measurements).
/// SQLite reads a table row for every index entry that a condition cannot be decided on from the index, so these
/// carry the columns the overlap check, the list filters and the fatigue table test. On the same data PostgreSQL's
/// planner used them only as alternatives to its existing indexes, with no gain measurable on this machine, so they
/// are not created there.
struct AddRegisterCoveringIndexes: AsyncMigration {
    private static let indexes: [(name: String, columns: [String])] = [
        // Overlap candidates and the ward + theme list probe activities by id from the link subqueries; with status
        // and dates in the index, only matching rows are read (ward overlap check and activity page ~25% cheaper,
        // ward + theme + status list a third).
        ("activities_id_window", ["id", "status", "start_day", "end_day", "borough_wide"]),
        // List COUNT with a date range (and the unfiltered COUNT) stays in the index instead of reading ~90% of the
        // table (ward + from/to list 3x cheaper).
        ("activities_window", ["start_day", "end_day", "borough_wide", "status", "organisation_id", "id"]),
        // Fatigue: live, asking activities that end after the range starts, without reading the table (fatigue table
        // 4x cheaper together with the per-ward query rewritten for SQLite in CoordinationService.fatigue).
        ("activities_fatigue", ["end_day", "borough_wide", "ladder_level", "status", "start_day", "id"]),
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (name, columns) in Self.indexes {
            let index = sql.create(index: name).on("activities")
            for c in columns { _ = index.column(c) }
            try await index.run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (name, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
    }
}
