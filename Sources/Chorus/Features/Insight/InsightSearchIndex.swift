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

    /// SQLite: how many insights contain the words, counting no further than `limit` (reading the full-text index
    /// only, well under a millisecond for 10,000).
    static func matchCount(_ text: String, upTo limit: Int, on sql: any SQLDatabase) async throws -> Int {
        guard let match = SearchTerms.fts5Match(text) else { return 0 }
        struct Row: Decodable { let n: Int }
        return try await sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM insights_fts WHERE insights_fts MATCH \(bind: match) LIMIT \(bind: limit)) capped
            """).first(decoding: Row.self)?.n ?? 0
    }

    /// How the matching rows are asked for. PostgreSQL plans its `@@` condition itself, except `.listOrder`, written
    /// `(… @@ …) IS TRUE` so that the full-text index cannot be used and the list's own index order is walked.
    enum Shape: Sendable {
        /// `rowid IN (SELECT rowid FROM insights_fts WHERE … MATCH …)`: SQLite starts from the matches. Best when
        /// there are few (up to about 10,000); with many it looks up and sorts every one to show 25.
        case matchesFirst
        /// The same, written `+rowid IN (…)` so that SQLite walks the list's own order (newest first) and checks
        /// each row against the matches: best when a large share of insights match.
        case listOrder
        /// `JOIN insights_fts … WHERE insights_fts MATCH …`: streams the matches, so a count with a LIMIT stops early.
        case join
    }

    /// A condition on `insights` rows whose text matches every word typed, and for `.join` the join it needs; nil
    /// when nothing searchable was typed.
    static func condition(_ text: String, dialect: String, shape: Shape = .matchesFirst) -> (join: SQLQueryString?, condition: SQLQueryString)? {
        guard let match = SearchTerms.fts5Match(text) else { return nil }
        if dialect == "postgresql" {
            let words = SearchTerms.words(text).joined(separator: " ")
            if shape == .listOrder {
                return (nil, "(\(ident: "insights").\(ident: "search") @@ plainto_tsquery('english', \(bind: words))) IS TRUE")
            }
            return (nil, "\(ident: "insights").\(ident: "search") @@ plainto_tsquery('english', \(bind: words))")
        }
        switch shape {
        case .matchesFirst:
            return (nil, "\(ident: "insights").rowid IN (SELECT rowid FROM insights_fts WHERE insights_fts MATCH \(bind: match))")
        case .listOrder:
            return (nil, "+\(ident: "insights").rowid IN (SELECT rowid FROM insights_fts WHERE insights_fts MATCH \(bind: match))")
        case .join:
            return ("JOIN insights_fts ON insights_fts.rowid = \(ident: "insights").rowid", "insights_fts MATCH \(bind: match)")
        }
    }
}
