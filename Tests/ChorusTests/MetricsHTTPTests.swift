import Fluent
import Foundation
import Testing
import VaporTesting

@testable import Chorus
import ChorusCore

/// `/metrics` through HTTP as a monitoring system: off without a token, refused with a wrong one, and with the right
/// one the requests, queues and cache a dashboard needs, with no typed text able to break a line.
@Suite struct MetricsHTTPTests {
    let token = "metrics-token-0123456789abcdef"

    func scrape(_ app: Application, _ token: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        return try await app.testing().sendRequest(.GET, SiteURL.Home.Route.metrics.link(), headers: headers)
    }

    @Test func offWithoutATokenAndRefusedWithAWrongOne() async throws {
        try await TestApp.run { app, _ in
            #expect(try await scrape(app, token).status == .notFound, "no token configured: no metrics")
            app.chorusConfig.metricsToken = token
            let none = try await scrape(app, nil)
            #expect(none.status == .unauthorized && none.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(try await scrape(app, token + "x").status == .unauthorized)
            #expect(try await scrape(app, String(token.dropLast())).status == .unauthorized)
        }
    }

    @Test func requestsQueuesAndTheCacheAreCountedByRoutePattern() async throws {
        try await TestApp.run { app, f in
            app.chorusConfig.metricsToken = token
            let door = FrontDoorHTTPTests()
            let b = try await door.borough(app)
            let closed = try await door.activity(app, f, "Closed: bins", wards: [b.quayside], themes: [], start: -60, end: -30, status: .closed)
            let report = try await door.publishedReport(app, activity: closed, title: "Bins")
            for _ in 0..<3 { _ = try await Browser(app).get(SiteURL.Feedback.publicReport(report)) }
            _ = try await Browser(app).get("/nothing/\"}%0Aforged_metric%201")
            _ = try await SMTPTransportTests.queue(app, "resident@example.org", at: Date().addingTimeInterval(-90))

            let res = try await scrape(app, token)
            #expect(res.status == .ok && res.headers.first(name: .contentType) == "text/plain; version=0.0.4; charset=utf-8")
            let text = res.body.string
            #expect(text.contains("chorus_http_requests_total{method=\"GET\",route=\"/you-said-we-did/:id\",status=\"200\"} 3"))
            #expect(text.contains("chorus_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"))
            #expect(text.contains("chorus_http_request_duration_seconds_count{method=\"GET\",route=\"/you-said-we-did/:id\"} 3"))
            #expect(text.contains("chorus_http_request_duration_seconds_bucket{method=\"GET\",route=\"/you-said-we-did/:id\",le=\"+Inf\"} 3"))
            #expect(text.contains("chorus_public_page_cache_requests_total{outcome=\"hit\"} 2"))
            #expect(text.contains("chorus_public_page_cache_requests_total{outcome=\"miss\"} 1"))
            #expect(text.contains("chorus_outbox_emails{status=\"pending\"} 1"))
            let overdue = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("chorus_outbox_oldest_due_seconds ") }.flatMap {
                    Double($0.split(separator: " ")[1])
                })
            #expect(overdue >= 89 && overdue < 600)
            #expect(text.contains("chorus_jobs{kind=\"insight_import\",status=\"queued\"} 0"))
            #expect(text.contains("chorus_jobs{kind=\"analysis\",status=\"done\"} 0"))
            #expect(text.contains("chorus_embedding_queue_running 0"))
            #expect(text.contains("# TYPE chorus_write_gate_wait_seconds histogram"))
            // Every line is a comment or one sample: nothing a client sent started a line of its own.
            for line in text.split(separator: "\n") {
                #expect(line.hasPrefix("# ") || line.hasPrefix("chorus_"), "\(line)")
            }
            #expect(!text.contains("\nforged_metric"))
            // Each family is declared once, as the format requires, although two features report jobs.
            #expect(text.components(separatedBy: "# TYPE chorus_jobs gauge").count == 2)
        }
    }

    @Test func aShortOrSpacedTokenStopsStartUpNamingIt() throws {
        for bad in ["short", "has a space in it 0123456789abcdef"] {
            let problem = #expect(throws: AppConfig.Problem.self) { try AppConfig.fromEnvironment(["CHORUS_METRICS_TOKEN": bad]) }
            #expect(problem?.variable == "CHORUS_METRICS_TOKEN")
        }
        #expect(try AppConfig.fromEnvironment(["CHORUS_METRICS_TOKEN": token]).metricsToken == token)
    }
}
