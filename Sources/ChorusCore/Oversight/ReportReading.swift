import Foundation

/// How a "You said, we did" report reads its counts out (issue 18, "reports that read well"): a topic list leads
/// with the topics whose counts may be shown and folds the rest into one line; "most" is claimed only of topics whose
/// counts are shown and actually lead; a sentence the page adds is not added again where the text already says it.
public enum TopicList {
    /// A topic and its (already suppressed) count.
    public struct Row: Sendable, Equatable {
        public let label: String
        public let count: SuppressedCount
        public init(label: String, count: SuppressedCount) { self.label = label; self.count = count }
    }

    /// A list as a page shows it: the rows listed one a line, then how many topics were folded into one line.
    public struct Folded: Sendable, Equatable {
        /// Topics with a count shown (and any hidden only by secondary suppression, whose count may be large), most
        /// first.
        public let listed: [Row]
        /// Topics with fewer than 5 comments each, said in one line ("and 19 other topics with fewer than 5 comments
        /// each"), never listed one by one.
        public let foldedSmall: Int
        public init(listed: [Row], foldedSmall: Int) { self.listed = listed; self.foldedSmall = foldedSmall }
    }

    /// Orders the rows (shown counts, largest first, then by label; then those hidden by secondary suppression) and
    /// folds every row whose count is hidden for being small (1 to 4) into one number.
    public static func fold(_ rows: [Row]) -> Folded {
        let shown = rows.filter { $0.count.value != nil }.sorted {
            ($0.count.value ?? 0) != ($1.count.value ?? 0) ? ($0.count.value ?? 0) > ($1.count.value ?? 0) : $0.label < $1.label
        }
        let secondary = rows.filter { $0.count.isHidden && $0.count.isSecondary }
        let small = rows.filter { $0.count.isHidden && !$0.count.isSecondary }.count
        return Folded(listed: shown + secondary, foldedSmall: small)
    }

    /// The topics a report may say residents told it "most" about: up to `limit` topics whose counts are shown and are
    /// each strictly more than every topic after them. Nothing when a count the claim would be measured against is
    /// hidden by secondary suppression (it may be large), when the leaders tie with the next topic, or when there is
    /// no other topic to compare with ("most" of one topic says nothing).
    public static func leaders(_ rows: [Row], limit: Int = 3) -> [String] {
        guard limit > 0, !rows.contains(where: { $0.count.isHidden && $0.count.isSecondary }) else { return [] }
        let shown = rows.compactMap { r in r.count.value.map { (label: r.label, n: $0) } }
            .sorted { $0.n != $1.n ? $0.n > $1.n : $0.label < $1.label }
        // A hidden (small) count is below every shown one: a shown count is 5 or more, or 0.
        let hiddenSmall = rows.contains { $0.count.isHidden }
        var k = min(limit, shown.count)
        while k > 0 {
            let last = shown[k - 1].n
            let next: Int? = k < shown.count ? shown[k].n : (hiddenSmall ? 4 : nil)
            if let next, last > next, last > 0 { break }
            k -= 1
        }
        return shown.prefix(k).map(\.label)
    }

    /// Whether `text` already says `sentence` (ignoring case, spacing and line breaks), so a page need not say it again.
    public static func says(_ text: String, _ sentence: String) -> Bool {
        func norm(_ s: String) -> String {
            s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        let s = norm(sentence)
        return !s.isEmpty && norm(text).contains(s)
    }
}

/// Which residents' words a report quotes: only insights on the report's own themes (when it has themes), quotes
/// before notes and answers, readable lengths before very short or very long ones, insights on more of the report's
/// themes first, the newest first; each text once; and, where there is a choice, one on each of the report's themes
/// before a second on any of them. The caller has already applied the sharing wall (public insights only) and
/// redaction (texts are the redacted ones).
public enum QuoteChoice {
    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let text: String
        /// Which of the report's themes the insight carries (a theme report counts a theme under its theme as its own).
        public let themes: Set<UUID>
        /// Recorded as a resident's own words (a quote), rather than a note, answer or summary.
        public let isQuote: Bool
        public let heard: Int
        public init(id: UUID, text: String, themes: Set<UUID>, isQuote: Bool, heard: Int) {
            self.id = id; self.text = text; self.themes = themes; self.isQuote = isQuote; self.heard = heard
        }
    }

    /// Lengths (in characters) that read well as a quote on a page.
    public static let readable = 40...320

    /// Up to `count` texts. `reportThemes`: the report's themes; when empty (an activity with no themes), any
    /// candidate may be quoted.
    public static func choose(_ candidates: [Candidate], reportThemes: Set<UUID>, count: Int) -> [String] {
        guard count > 0 else { return [] }
        let onTheme = candidates.filter { c in
            !c.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && (reportThemes.isEmpty || !c.themes.isDisjoint(with: reportThemes))
        }
        let ranked = onTheme.sorted { a, b in
            if a.isQuote != b.isQuote { return a.isQuote }
            let ra = readable.contains(a.text.count), rb = readable.contains(b.text.count)
            if ra != rb { return ra }
            let ta = a.themes.intersection(reportThemes).count, tb = b.themes.intersection(reportThemes).count
            if ta != tb { return ta > tb }
            if a.heard != b.heard { return a.heard > b.heard }
            return a.id.uuidString < b.id.uuidString
        }
        // Distinct texts only.
        var seen = Set<String>(), unique: [Candidate] = []
        for c in ranked where seen.insert(c.text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)).inserted { unique.append(c) }
        // First pass: the best one for each theme not yet quoted; then the rest in rank order.
        var picked: [Candidate] = [], covered = Set<UUID>()
        if reportThemes.count > 1 {
            for c in unique where picked.count < count && !c.themes.intersection(reportThemes).isSubset(of: covered) {
                picked.append(c)
                covered.formUnion(c.themes.intersection(reportThemes))
            }
        }
        let pickedIDs = Set(picked.map(\.id))
        for c in unique where picked.count < count && !pickedIDs.contains(c.id) { picked.append(c) }
        // Shown in rank order, whichever pass chose them.
        let order = Dictionary(unique.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return picked.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }.map(\.text)
    }
}
