import Foundation
import Fluent
import SQLKit
import FluentSQL
import ChorusCore

// MARK: Insights by ward, for a map of the list's results

extension InsightService {
    /// How many insights the filter finds in each place, behind the filter's wall (`InsightQueries.query` applies it
    /// first, so an organisation's own insights are counted only for that organisation's staff). One grouped query;
    /// insights with no place are not counted.
    static func countsByPlace(_ f: InsightQueries.Filter, _ db: any Database) async throws -> [UUID: Int] {
        let q = InsightQueries.query(db, f).field(\.$place.$id)
        guard let sql = db as? any SQLDatabase, var select = SQLQueryConverter(delegate: PlainDelegate()).convert(q.query) as? SQLSelect else {
            var out: [UUID: Int] = [:]
            for i in try await q.all() { if let p = i.$place.id { out[p, default: 0] += 1 } }
            return out
        }
        select.columns = [SQLColumn(SQLIdentifier("place_id"), table: SQLIdentifier(Insight.schema))]
        let rows = try await sql.raw(
            "SELECT found.place_id AS place_id, COUNT(*) AS n FROM (\(select)) found WHERE found.place_id IS NOT NULL GROUP BY found.place_id"
        ).all()
        var out: [UUID: Int] = [:]
        for row in rows { out[try row.decode(column: "place_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return out
    }

    private struct PlainDelegate: SQLConverterDelegate {
        func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
    }
}
