import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Search within a ward, behind the sharing wall, at a million insights (bench/README.md, "Insight store at
/// 1,000,000"): a common word in a ward was counted by intersecting the word's 288,000 matches with the ward's
/// 81,000 insights and then reading rows to check the wall.
///
/// - SQLite: the FTS5 table is rebuilt with a second column, `tags` (each insight's place, organisation and sharing
///   level as words: `zp<hex id>0`, `zo<hex id>0`, `zs<level>0`, read by `InsightSearchIndex.Tags`), contentless
///   with deletes, and filled from every insight (about 7 s for a million on 2 cores).
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
                        db.logger.warning(
                            "The btree_gin extension could not be created (\(String(reflecting: error))): searches within a ward will not use the combined index"
                        )
                        return
                    }
                }
            }
            try await sql.raw("CREATE INDEX insights_place_search ON insights USING GIN (place_id, search)").run()
            return
        }
        try await Self.dropSQLiteIndex(on: sql)
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE insights_fts USING fts5(text, tags, content='', contentless_delete=1,
              tokenize = 'porter unicode61 remove_diacritics 2')
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_insert AFTER INSERT ON insights BEGIN
              INSERT INTO insights_fts(rowid, text, tags) VALUES (new.rowid, new.text, 'zp' || COALESCE(lower(replace(new.place_id, '-', '')), 'none') || '0 zo' || lower(replace(new.organisation_id, '-', '')) || '0 zs' || lower(new.sharing) || '0');
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_delete AFTER DELETE ON insights BEGIN
              DELETE FROM insights_fts WHERE rowid = old.rowid;
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER insights_fts_update AFTER UPDATE OF text, place_id, organisation_id, sharing ON insights BEGIN
              DELETE FROM insights_fts WHERE rowid = old.rowid;
              INSERT INTO insights_fts(rowid, text, tags) VALUES (new.rowid, new.text, 'zp' || COALESCE(lower(replace(new.place_id, '-', '')), 'none') || '0 zo' || lower(replace(new.organisation_id, '-', '')) || '0 zs' || lower(new.sharing) || '0');
            END
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO insights_fts(rowid, text, tags) SELECT rowid, text, 'zp' || COALESCE(lower(replace(insights.place_id, '-', '')), 'none') || '0 zo' || lower(replace(insights.organisation_id, '-', '')) || '0 zs' || lower(insights.sharing) || '0' FROM insights
            """
        ).run()
    }

    /// Back to `CreateInsights`' index: text only, content kept in `insights`, rebuilt from the rows.
    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP INDEX IF EXISTS insights_place_search").run()
            return
        }
        try await Self.dropSQLiteIndex(on: sql)
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
        try await sql.raw("INSERT INTO insights_fts(insights_fts) VALUES('rebuild')").run()
    }

    /// SQLite: the FTS5 table and its three triggers.
    private static func dropSQLiteIndex(on sql: any SQLDatabase) async throws {
        for trigger in ["insights_fts_insert", "insights_fts_delete", "insights_fts_update"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS insights_fts").run()
    }
}
