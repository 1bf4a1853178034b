import Testing

@testable import ChorusCore

/// The Prometheus text format: what a scraper parses, and no label value able to forge a sample.
@Suite struct PrometheusTests {
    @Test func familiesAreWrittenWithHelpTypeAndLabels() {
        let text = Prometheus.text([
            .init(
                "chorus_http_requests_total", .counter, help: "Requests answered.",
                [.init(labels: [("route", "/a/:id"), ("status", "200")], value: 3), .init(value: 0.5)])
        ])
        #expect(
            text == """
                # HELP chorus_http_requests_total Requests answered.
                # TYPE chorus_http_requests_total counter
                chorus_http_requests_total{route="/a/:id",status="200"} 3
                chorus_http_requests_total 0.5

                """)
    }

    @Test func hostileLabelValuesStayInsideTheirQuotes() {
        let text = Prometheus.text([
            .init("m", .gauge, help: "two\nlines \\", [.init(labels: [("route", "\"'<>\r\nm{evil=\"1\"} 9\\")], value: 1)])
        ])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3, "no value ends a line early: \(lines)")
        #expect(lines[0] == "# HELP m two\\nlines \\\\")
        #expect(lines[2] == "m{route=\"\\\"'<>\\r\\nm{evil=\\\"1\\\"} 9\\\\\"} 1")
    }

    @Test func aHistogramIsCumulativeAndEndsWithInfinity() {
        var h = LatencyHistogram()
        for s in [0.001, 0.004, 0.02, 0.3, 42] { h.observe(s) }
        let samples = h.samples([("route", "/")])
        let buckets = samples.filter { $0.suffix == "_bucket" }
        #expect(buckets.first?.labels.last?.1 == "0.005" && buckets.first?.value == 2)
        #expect(buckets.map(\.value) == [2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5])
        #expect(buckets.last?.labels.last?.1 == "+Inf")
        #expect(samples.first { $0.suffix == "_count" }?.value == 5)
        #expect(abs((samples.first { $0.suffix == "_sum" }?.value ?? 0) - 42.325) < 1e-9)
    }
}
