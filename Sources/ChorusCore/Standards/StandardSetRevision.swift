import Foundation

/// How the standards are edited without rewriting history: every saved change makes a new numbered version of the
/// whole set, and an assessment keeps the version it was started against, so its wording stays as its raters read
/// it. A save that changes nothing makes no version. A standard's key never changes, so assessments made against
/// different versions compare standard by standard. Pure: the web layer reads the form into a `Draft`.
public enum StandardSetRevision {
    public static let maxTitle = 120
    public static let maxText = 600
    public static let maxIndicator = 300
    public static let maxIndicators = 8

    /// What the edit form sends for one standard: indicators one per line.
    public struct Draft: Sendable, Equatable {
        public var title: String?
        public var summary: String?
        public var indicators: String?
        public var emerging: String?
        public var aspiring: String?
        public var established: String?
        public init(
            title: String?, summary: String?, indicators: String?, emerging: String?, aspiring: String?, established: String?
        ) {
            self.title = title; self.summary = summary; self.indicators = indicators
            self.emerging = emerging; self.aspiring = aspiring; self.established = established
        }
        public init(_ s: QualityStandard) {
            self.init(
                title: s.title, summary: s.summary, indicators: s.indicators.joined(separator: "\n"), emerging: s.emerging,
                aspiring: s.aspiring, established: s.established)
        }
    }

    /// The standard a draft describes (an existing key, or a new one made from the title), or every problem by field.
    public static func read(_ d: Draft, key: String?, in set: StandardSet) -> Result<QualityStandard, ValidationFailure> {
        var v = Validator()
        let title = v.required("title", d.title, label: "Title", max: maxTitle)
        let summary = v.required("summary", d.summary, label: "What the standard asks", max: maxText, multiline: true)
        let lines = (d.indicators ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if lines.isEmpty {
            v.add("indicators", "Enter at least one indicator, one a line")
        } else if lines.count > maxIndicators {
            v.add("indicators", "Enter at most \(maxIndicators) indicators")
        } else if let long = lines.firstIndex(where: { $0.count > maxIndicator }) {
            v.add("indicators", "Indicator \(long + 1) must be \(maxIndicator) characters or fewer")
        } else if let bad = lines.firstIndex(where: { $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) {
            v.add("indicators", "Indicator \(bad + 1) contains a control character")
        }
        let emerging = v.required("emerging", d.emerging, label: "What Emerging looks like", max: maxText, multiline: true)
        let aspiring = v.required("aspiring", d.aspiring, label: "What Aspiring looks like", max: maxText, multiline: true)
        let established = v.required("established", d.established, label: "What Established looks like", max: maxText, multiline: true)
        if let key, set.standard(key) == nil { v.add("key", "There is no standard with that key") }
        if key == nil, set.standards.contains(where: { $0.title.lowercased() == title.lowercased() }) {
            v.add("title", "There is already a standard called \(title)")
        }
        do { try v.check() } catch { return .failure(error) }
        return .success(
            QualityStandard(
                key: key ?? newKey(title: title, existing: set.keys), title: title, summary: summary, indicators: lines,
                emerging: emerging, aspiring: aspiring, established: established))
    }

    /// The next version with `standard` replacing the one with its key (or added at the end), or nil when it is
    /// exactly as it was.
    public static func revise(_ set: StandardSet, with standard: QualityStandard) -> StandardSet? {
        var list = set.standards
        if let i = list.firstIndex(where: { $0.key == standard.key }) {
            if list[i] == standard { return nil }
            list[i] = standard
        } else {
            list.append(standard)
        }
        return StandardSet(version: set.version + 1, standards: list)
    }

    /// The next version without the standard, or nil when it is not in the set or is the last one left.
    public static func retire(_ set: StandardSet, key: String) -> StandardSet? {
        guard set.standard(key) != nil, set.standards.count > 1 else { return nil }
        return StandardSet(version: set.version + 1, standards: set.standards.filter { $0.key != key })
    }

    /// A key from a title: lower-case ASCII letters and digits joined by hyphens ("Working together" →
    /// "working-together"), "standard" when nothing is left, and "-2", "-3"… when taken.
    public static func newKey(title: String, existing: [String]) -> String {
        var parts: [String] = [], word = ""
        for ch in title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                word.append(ch)
            } else if !word.isEmpty {
                parts.append(word); word = ""
            }
        }
        if !word.isEmpty { parts.append(word) }
        let base = parts.isEmpty ? "standard" : String(parts.joined(separator: "-").prefix(60))
        let taken = Set(existing)
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}
