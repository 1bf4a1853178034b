import SQLKit
import ChorusCore

/// Full-text search over the redacted text of insights, one service for both databases: an SQLite FTS5 table kept
/// in step by triggers (external content, so `INSERT INTO insights_fts(insights_fts) VALUES('rebuild')` re-creates
/// it), or a PostgreSQL generated `tsvector` column with a GIN index. Both stem English words (porter / 'english').
enum InsightSearchIndex {
    static func create(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE insights ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED").run()
            try await sql.raw("CREATE INDEX insights_search ON insights USING GIN (search)").run()
            return
        }
        try await sql.raw("""
            CREATE VIRTUAL TABLE insights_fts USING fts5(text, content='insights', content_rowid='rowid',
              tokenize = 'porter unicode61 remove_diacritics 2')
            """).run()
        try await sql.raw("""
            CREATE TRIGGER insights_fts_insert AFTER INSERT ON insights BEGIN
              INSERT INTO insights_fts(rowid, text) VALUES (new.rowid, new.text);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER insights_fts_delete AFTER DELETE ON insights BEGIN
              INSERT INTO insights_fts(insights_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            END
            """).run()
        try await sql.raw("""
            CREATE TRIGGER insights_fts_update AFTER UPDATE OF text ON insights BEGIN
              INSERT INTO insights_fts(insights_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
              INSERT INTO insights_fts(rowid, text) VALUES (new.rowid, new.text);
            END
            """).run()
    }

    static func drop(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name != "postgresql" else { return }
        for t in ["insights_fts_insert", "insights_fts_delete", "insights_fts_update"] { try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)").run() }
        try await sql.raw("DROP TABLE IF EXISTS insights_fts").run()
    }

    /// A condition on `insights` rows whose text matches every word typed; nil when nothing searchable was typed.
    static func condition(_ text: String, dialect: String) -> SQLQueryString? {
        guard let match = SearchTerms.fts5Match(text) else { return nil }
        if dialect == "postgresql" {
            let words = SearchTerms.words(text).joined(separator: " ")
            return "\(ident: "insights").\(ident: "search") @@ plainto_tsquery('english', \(bind: words))"
        }
        return "\(ident: "insights").rowid IN (SELECT rowid FROM insights_fts WHERE insights_fts MATCH \(bind: match))"
    }
}
