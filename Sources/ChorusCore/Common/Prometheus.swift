/// Metrics in the Prometheus text exposition format (version 0.0.4), which Prometheus, Grafana Agent, the
/// OpenTelemetry collector and most monitoring services scrape. A route pattern or job kind is a label value and may
/// hold any character: backslash, double quote and line feed are escaped there (and backslash and line feed in help
/// text), so no value can end a line early and forge a sample.
public enum Prometheus {
    public struct Sample: Sendable, Equatable {
        public let suffix: String
        public let labels: [(String, String)]
        public let value: Double
        public init(suffix: String = "", labels: [(String, String)] = [], value: Double) {
            self.suffix = suffix
            self.labels = labels
            self.value = value
        }
        public static func == (a: Sample, b: Sample) -> Bool {
            a.suffix == b.suffix && a.value == b.value && a.labels.map { $0.0 + "=" + $0.1 } == b.labels.map { $0.0 + "=" + $0.1 }
        }
    }

    public enum Kind: String, Sendable { case counter, gauge, histogram }

    public struct Family: Sendable {
        public let name: String
        public let help: String
        public let kind: Kind
        public let samples: [Sample]
        public init(_ name: String, _ kind: Kind, help: String, _ samples: [Sample]) {
            self.name = name
            self.help = help
            self.kind = kind
            self.samples = samples
        }
    }

    public static func text(_ families: [Family]) -> String {
        var out = ""
        for f in families {
            out += "# HELP \(f.name) \(escapeHelp(f.help))\n# TYPE \(f.name) \(f.kind.rawValue)\n"
            for s in f.samples {
                out += f.name + s.suffix
                if !s.labels.isEmpty {
                    out += "{" + s.labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
                }
                out += " " + number(s.value) + "\n"
            }
        }
        return out
    }

    static func escapeLabel(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }

    static func escapeHelp(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

/// Durations counted into the buckets Prometheus histograms use (cumulative, `le` the upper bound in seconds). The
/// bounds run from 5 ms, the cost of a cached public page, to 10 s, past which a request has failed someone.
public struct LatencyHistogram: Sendable, Equatable {
    public static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    public private(set) var counts = [Int](repeating: 0, count: LatencyHistogram.bounds.count)
    public private(set) var count = 0
    public private(set) var sum = 0.0

    public init() {}

    public mutating func observe(_ seconds: Double) {
        count += 1
        sum += seconds
        if let i = Self.bounds.firstIndex(where: { seconds <= $0 }) { counts[i] += 1 }
    }

    /// The `_bucket` (cumulative, ending with `+Inf`), `_sum` and `_count` samples, each with `labels`.
    public func samples(_ labels: [(String, String)]) -> [Prometheus.Sample] {
        var running = 0
        var out: [Prometheus.Sample] = []
        for (i, bound) in Self.bounds.enumerated() {
            running += counts[i]
            out.append(.init(suffix: "_bucket", labels: labels + [("le", Prometheus.number(bound))], value: Double(running)))
        }
        out.append(.init(suffix: "_bucket", labels: labels + [("le", "+Inf")], value: Double(count)))
        out.append(.init(suffix: "_sum", labels: labels, value: sum))
        out.append(.init(suffix: "_count", labels: labels, value: Double(count)))
        return out
    }
}
