import Vapor
import ChorusCore
import NIOConcurrencyHelpers

/// Requests this server has answered since it started, by route pattern (`/activities/:id`, never the address with
/// its ids, so the series stay few) and status, with a latency histogram per route: what `/metrics` reports first.
final class RequestMetrics: Sendable {
    private struct Route: Hashable { let method: String, path: String }
    private struct State {
        var statuses: [Route: [UInt: Int]] = [:]
        var latency: [Route: LatencyHistogram] = [:]
    }
    private let state = NIOLockedValueBox(State())
    /// Made once in `configure`, as the server starts.
    let startedAt = Date()

    func record(method: String, route: String, status: UInt, seconds: Double) {
        let key = Route(method: method, path: route)
        state.withLockedValue { s in
            s.statuses[key, default: [:]][status, default: 0] += 1
            s.latency[key, default: LatencyHistogram()].observe(seconds)
        }
    }

    var families: [Prometheus.Family] {
        let s = state.withLockedValue { $0 }
        let routes = s.latency.keys.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
        let counts = routes.flatMap { r in
            (s.statuses[r] ?? [:]).sorted { $0.key < $1.key }.map { status, n in
                Prometheus.Sample(labels: [("method", r.method), ("route", r.path), ("status", String(status))], value: Double(n))
            }
        }
        let latency = routes.flatMap { r in s.latency[r]!.samples([("method", r.method), ("route", r.path)]) }
        return [
            .init("chorus_http_requests_total", .counter, help: "Requests answered, by route pattern and status.", counts),
            .init("chorus_http_request_duration_seconds", .histogram, help: "Time to answer, by route pattern.", latency),
        ]
    }
}

/// Times every request (the outermost middleware, so error pages count) into `RequestMetrics`.
struct RequestMetricsMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            record(req, status: (error as? any AbortError)?.status.code ?? 500, started)
            throw error
        }
        record(req, status: response.status.code, started)
        return response
    }

    private func record(_ req: Request, status: UInt, _ started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Unmatched addresses share one series: anyone can invent addresses, and each would be a new series.
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        req.application.requestMetrics.record(method: req.method.rawValue, route: route, status: status, seconds: seconds)
    }
}

extension Application {
    private struct RequestMetricsKey: StorageKey { typealias Value = RequestMetrics }
    /// Set up once in `configure`.
    var requestMetrics: RequestMetrics {
        get { storage[RequestMetricsKey.self] ?? RequestMetrics() }
        set { storage[RequestMetricsKey.self] = newValue }
    }
}
