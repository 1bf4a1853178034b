import Foundation
import SQLKit
import ChorusCore

/// Full-text search over the redacted text of insights, one service for both databases: an SQLite FTS5 table kept
/// in step by triggers, or a PostgreSQL generated `tsvector` column with a GIN index. Both stem English words
/// (porter / 'english'). The migrations `CreateInsights` and `SearchWithinPlaces` (Sources/Chorus/Migrations/) made
/// them; this file only reads them.
///
/// Searches are mostly asked with a ward and always behind the sharing wall, so each index also answers those:
/// on SQLite the FTS5 table has a second column, `tags`, holding each insight's place, organisation and sharing level
/// as words (`Tags`), and a search MATCHes them together with the text; on PostgreSQL a two-column GIN index
/// (`place_id`, `search`, through the btree_gin extension) intersects a ward with the words (`SearchWithinPlaces`).
enum InsightSearchIndex {
    /// SQLite: an insight's place, organisation and sharing level as words of the `tags` column. Each is a prefix, hex
    /// digits and a final `0`, so the tokenizer keeps it whole and no English stem rule changes it. The triggers of
    /// `SearchWithinPlaces` compute the same words in SQL; a change here needs a migration that changes them too.
    enum Tags {
        static func place(_ id: UUID) -> String { "zp" + hex(id) + "0" }
        static func organisation(_ id: UUID) -> String { "zo" + hex(id) + "0" }
        static func sharing(_ level: String) -> String { "zs" + level.lowercased() + "0" }
        private static func hex(_ id: UUID) -> String { id.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

        /// Groups of tags for the filter's ward, organisation and sharing level: a row must have one tag of every group.
        static func groups(_ f: InsightQueries.Filter) -> [[String]] {
            var groups: [[String]] = []
            if let w = f.ward { groups.append([place(w)]) }
            if let o = f.organisation { groups.append([organisation(o)]) }
            if let s = f.sharing { groups.append([sharing(s)]) }
            return groups
        }

        /// `expression` behind the viewer's sharing wall. Staff: all but the organisation-level insights of other
        /// organisations, written with NOT, whose tags are few (10% of insights), because the same wall as three tags
        /// OR-ed together made FTS5 merge most of the index (a common word in a ward: 14 against 5 ms). The public:
        /// public insights only.
        static func behindWall(_ expression: String, _ f: InsightQueries.Filter) -> String {
            switch f.wall {
            case .publicOnly: return "\(expression) AND tags : \(sharing(SharingLevel.public.rawValue))"
            case .partnership: return "(\(expression)) NOT tags : \(sharing(SharingLevel.organisation.rawValue))"
            case .organisation(let org):
                return "(\(expression)) NOT (tags : \(sharing(SharingLevel.organisation.rawValue)) NOT tags : \(organisation(org)))"
            }
        }

        /// Whether the words and the tags alone decide which insights the filter finds.
        static func cover(_ f: InsightQueries.Filter) -> Bool {
            f.theme == nil && f.audience == nil && f.bundle == nil && f.activity == nil && f.kind == nil && f.from == nil && f.to == nil
                && f.equality.isEmpty
        }
    }

    /// SQLite: the MATCH expression for the filter's words in the text, and its tags. Counts include the wall
    /// (`wall`), so the index alone counts what the viewer may see, stopping at the cap. Pages leave it out: the
    /// query around them checks the wall in the list's own index, and the whole set of a common word's matches is
    /// cheapest to build without it.
    static func match(_ f: InsightQueries.Filter, wall: Bool = false) -> String? {
        guard let text = f.q, let words = SearchTerms.fts5Match(text) else { return nil }
        let expression = (["text : (\(words))"] + Tags.groups(f).map { "tags : (\($0.joined(separator: " OR ")))" }).joined(separator: " AND ")
        return wall ? Tags.behindWall(expression, f) : expression
    }

    /// SQLite: how many insights contain the words and have the filter's tags, counting no further than `limit`
    /// (reading the full-text index only: a few milliseconds for 10,000).
    static func matchCount(_ f: InsightQueries.Filter, upTo limit: Int, on sql: any SQLDatabase) async throws -> Int {
        guard let match = match(f, wall: true) else { return 0 }
        struct Row: Decodable { let n: Int }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM insights_fts WHERE insights_fts MATCH \(bind: match) LIMIT \(bind: limit)) capped
            """
        ).first(decoding: Row.self)?.n ?? 0
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

    /// A condition on `insights` rows whose text matches every word typed (on SQLite, with the filter's tags), and
    /// for `.join` the join it needs; nil when nothing searchable was typed.
    static func condition(_ f: InsightQueries.Filter, dialect: String, shape: Shape = .matchesFirst) -> (
        join: SQLQueryString?, condition: SQLQueryString
    )? {
        guard let text = f.q, let match = match(f) else { return nil }
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
