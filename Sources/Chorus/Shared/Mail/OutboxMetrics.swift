import Vapor
import Fluent
import SQLKit
import ChorusCore

extension OutboxService {
    /// The outbox for `/metrics`: emails by status, and how late the most overdue pending one is (0 when none is due):
    /// a backlog that grows, or a lateness that climbs, means mail is not leaving.
    static func metrics(_ r: MetricsRequest) async throws -> [Prometheus.Family] {
        guard let sql = r.db as? any SQLDatabase else { return [] }
        struct Count: Decodable { let status: String, n: Int }
        let rows = try await sql.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(OutboxEmail.schema).groupBy("status").all(decoding: Count.self)
        struct Due: Decodable { let due: Date? }
        let due = try await sql.select().column(SQLFunction("MIN", args: SQLIdentifier("next_attempt_at")), as: "due")
            .from(OutboxEmail.schema).where("status", .equal, SQLBind(OutboxEmail.Status.pending.rawValue))
            .where("next_attempt_at", .lessThanOrEqual, SQLBind(r.now)).first(decoding: Due.self)?.due
        let statuses: [OutboxEmail.Status] = [.pending, .sent, .failed, .cancelled]
        return [
            .init(
                "chorus_outbox_emails", .gauge, help: "Emails in the outbox by status.",
                statuses.map { s in
                    .init(labels: [("status", s.rawValue)], value: Double(rows.first { $0.status == s.rawValue }?.n ?? 0))
                }),
            .init(
                "chorus_outbox_oldest_due_seconds", .gauge, help: "How long the most overdue pending email has been due (0 when none).",
                [.init(value: due.map { max(0, r.now.timeIntervalSince($0)) } ?? 0)]),
        ]
    }
}
