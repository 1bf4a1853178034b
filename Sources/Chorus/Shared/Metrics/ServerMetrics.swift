import Vapor
import ChorusCore

/// What `/metrics` reports about this server process itself: requests (`RequestMetrics`), the public pages' cache,
/// waits for SQLite's one writer, and the background sweep; the features' queues come after (`Features.metrics`).
enum ServerMetrics {
    static func families(_ app: Application, now: Date) -> [Prometheus.Family] {
        let cache = app.publicPages.statistics
        let sweep = app.jobSweep.state
        var out = app.requestMetrics.families
        out += [
            .init(
                "chorus_public_page_cache_requests_total", .counter, help: "Public page requests by how the cache answered.",
                PublicPageCache.Outcome.allCases.map { .init(labels: [("outcome", $0.rawValue)], value: Double(cache.outcomes[$0] ?? 0)) }),
            .init(
                "chorus_public_page_cache_bytes", .gauge, help: "Bytes of public pages held (bounded by the cache's capacity).",
                [.init(value: Double(cache.bytes))]),
            .init("chorus_public_page_cache_pages", .gauge, help: "Public pages held.", [.init(value: Double(cache.pages))]),
            .init(
                "chorus_write_gate_wait_seconds", .histogram,
                help: "On SQLite, how long writes waited for the one writer (always 0 on PostgreSQL, which has no gate).",
                app.writeGate.waited.samples([])),
            .init(
                "chorus_sweep_last_finished_seconds", .gauge,
                help: "Seconds since this server's background sweep last finished (-1 when it does not sweep or has not yet).",
                [.init(value: sweep.workerStartedAt == nil ? -1 : sweep.lastFinished.map { now.timeIntervalSince($0) } ?? -1)]),
            .init(
                "chorus_process_start_time_seconds", .gauge, help: "When this server started, in seconds since 1970.",
                [.init(value: app.requestMetrics.startedAt.timeIntervalSince1970.rounded())]),
        ]
        return out
    }
}
