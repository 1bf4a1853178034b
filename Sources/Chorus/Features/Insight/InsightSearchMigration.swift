import Fluent
import SQLKit

/// Search within a ward, behind the sharing wall, at a million insights (bench/README.md, "Insight store at
/// 1,000,000"): a common word in a ward was counted by intersecting the word's 288,000 matches with the ward's
/// 81,000 insights and then reading rows to check the wall.
///
/// - SQLite: the FTS5 table is rebuilt with a second column, `tags` (`InsightSearchIndex.Tags`: place, organisation,
///   sharing level), contentless with deletes, and filled from every insight (about 7 s for a million on 2 cores).
/// - PostgreSQL: a GIN index on (`place_id`, `search`) through the btree_gin extension (in PostgreSQL's contrib,
///   trusted since PostgreSQL 13), so the ward and the words are intersected inside one index. Where the extension
///   cannot be created, search works as before, without the index, and the log says so.
struct SearchWithinPlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            struct Found: Decodable { let n: Int }
            func installed() async throws -> Bool {
                try await sql.raw("SELECT COUNT(*) AS n FROM pg_extension WHERE extname = 'btree_gin'").first(decoding: Found.self)?.n == 1
            }
            if try await !installed() {
                do {
                    // In `public` (the operator classes are found by type, whatever the search path), so that a schema
                    // dropped with CASCADE never takes the extension with it.
                    try await sql.raw("CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public").run()
                } catch {
                    // Another server (or test) may have created it at the same moment; otherwise it is not allowed here.
                    guard try await installed() else {
                        db.logger.warning("The btree_gin extension could not be created (\(String(reflecting: error))): searches within a ward will not use the combined index")
                        return
                    }
                }
            }
            try await sql.raw("CREATE INDEX insights_place_search ON insights USING GIN (place_id, search)").run()
            return
        }
        try await InsightSearchIndex.drop(on: sql)
        try await InsightSearchIndex.createTagged(on: sql)
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX IF EXISTS insights_place_search").run()
            return
        }
        try await InsightSearchIndex.drop(on: sql)
        try await InsightSearchIndex.create(on: sql)
        try await sql.raw("INSERT INTO insights_fts(insights_fts) VALUES('rebuild')").run()
    }
}
