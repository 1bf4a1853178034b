import Vapor
import Fluent
import SQLKit
import ChorusCore

/// What a feature reports to `/metrics` (`ChorusFeature.metrics`): the depth and age of its queues, read when the
/// metrics are scraped.
struct MetricsRequest: Sendable {
    let app: Application
    let db: any Database
    let now: Date
}

extension MetricsRequest {
    /// Jobs in `table` by status, and how long the oldest still waiting (`queued` or `running`) has waited: the two
    /// numbers an operator alerts on. Statuses with no job are reported as 0 so a dashboard's series never vanish.
    func jobs(kind: String, table: String, statuses: [String], waiting: [String] = ["queued", "running"]) async throws
        -> [Prometheus.Family]
    {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Count: Decodable { let status: String, n: Int }
        let rows = try await sql.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .groupBy("status").all(decoding: Count.self)
        struct Oldest: Decodable { let oldest: Date? }
        let oldest = try await sql.select().column(SQLFunction("MIN", args: SQLIdentifier("created_at")), as: "oldest").from(table)
            .where(SQLIdentifier("status"), .in, SQLBind.group(waiting)).first(decoding: Oldest.self)?.oldest
        let counts = statuses.map { status in
            Prometheus.Sample(labels: [("kind", kind), ("status", status)], value: Double(rows.first { $0.status == status }?.n ?? 0))
        }
        let age = oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
        return [
            .init("chorus_jobs", .gauge, help: "Background jobs by kind and status.", counts),
            .init(
                "chorus_jobs_oldest_waiting_seconds", .gauge, help: "Age of the oldest queued or running job of each kind (0 when none).",
                [.init(labels: [("kind", kind)], value: age)]),
        ]
    }
}

extension Features {
    /// Every feature's metrics, with families of the same name (several features' `chorus_jobs`) merged into one, as
    /// the text format requires.
    static func metrics(_ r: MetricsRequest, _ features: [any ChorusFeature.Type] = Features.all) async throws -> [Prometheus.Family] {
        var merged: [Prometheus.Family] = []
        for feature in features {
            for family in try await feature.metrics(r) {
                if let i = merged.firstIndex(where: { $0.name == family.name }) {
                    let old = merged[i]
                    merged[i] = .init(old.name, old.kind, help: old.help, old.samples + family.samples)
                } else {
                    merged.append(family)
                }
            }
        }
        return merged
    }
}
