import Foundation

/// The answer columns of a survey's CSV export: stable, documented, and never more than one column per option or
/// grid row (peers export "an endless number of columns", Decidim #8709, or drop the "other" text, #6087).
///
/// Questions are numbered as `SurveyDefinition.numbered` numbers them (the paper copy's numbers; section texts are
/// not numbered), so question n's columns all start "Q<n>":
/// - short text, long text, single choice, scale, number, date ("yyyy-mm-dd"), ward, agree: one column `Q<n>`
///   holding the stored value; single choice with "Other, please say" adds `Q<n>_other` beside it (then `Q<n>` is
///   `SurveyAnswers.otherValue` and `Q<n>_other` the typed text);
/// - multiple choice: `Q<n>_<k>` for option k (1-based, in the order written): "1" chosen, "0" answered without it,
///   "" unanswered; then `Q<n>_other` with the typed text when the question allows Other;
/// - ranking: `Q<n>_<k>` for option k holding its rank (1 = first), "" unanswered;
/// - grid: `Q<n>_r<i>` for row i (1-based) holding that row's answer.
///
/// Every cell of an unanswered question is "". The app adds its own columns (reference, date, channel) and does the
/// CSV quoting and formula-neutralising: these are raw cell values.
public enum SurveyCSVLayout {
    public struct Column: Sendable, Equatable {
        /// The header ("Q3_2").
        public var name: String
        /// The question's id.
        public var question: String
        /// What the column holds: the question's text, with the option or row ("Q3_2": "How do you travel? — Bus").
        public var description: String
        public init(name: String, question: String, description: String) {
            self.name = name
            self.question = question
            self.description = description
        }
    }

    /// The answer columns in order.
    public static func columns(_ s: SurveyDefinition) -> [Column] {
        var out: [Column] = []
        for (n, q) in s.numbered {
            func column(_ suffix: String, _ detail: String?) {
                out.append(Column(name: "Q\(n)" + suffix, question: q.id, description: detail.map { "\(q.text) — \($0)" } ?? q.text))
            }
            let other = q.allowOther == true
            switch q.kind {
            case .section: break
            case .shortText, .longText, .scale, .number, .date, .ward, .agree:
                column("", nil)
            case .singleChoice:
                column("", nil)
                if other { column("_other", "Other (their words)") }
            case .multipleChoice:
                for (k, option) in q.options.enumerated() { column("_\(k + 1)", option) }
                if other { column("_other", "Other (their words)") }
            case .ranking:
                for (k, option) in q.options.enumerated() { column("_\(k + 1)", "rank of \(option)") }
            case .grid:
                for (i, row) in (q.rows ?? []).enumerated() { column("_r\(i + 1)", row) }
            }
        }
        return out
    }

    /// One response's cells, in the order of `columns`.
    public static func row(_ s: SurveyDefinition, _ answers: [String: [String]]) -> [String] { row(questions(s), answers) }

    /// The questions that have columns, in order: worked out once for an export rather than once a row.
    public static func questions(_ s: SurveyDefinition) -> [SurveyQuestion] { s.numbered.map(\.question) }

    /// One response's cells for `questions(s)`.
    public static func row(_ questions: [SurveyQuestion], _ answers: [String: [String]]) -> [String] {
        var out: [String] = []
        for q in questions {
            let values = answers[q.id] ?? []
            let answered = !values.isEmpty
            let otherText = values.contains(SurveyAnswers.otherValue) ? answers[SurveyAnswers.otherKey(q.id)]?.first ?? "" : ""
            let other = q.allowOther == true
            switch q.kind {
            case .section: break
            case .shortText, .longText, .scale, .number, .date, .ward, .agree:
                out.append(values.first ?? "")
            case .singleChoice:
                out.append(values.first ?? "")
                if other { out.append(otherText) }
            case .multipleChoice:
                out += q.options.map { answered ? (values.contains($0) ? "1" : "0") : "" }
                if other { out.append(otherText) }
            case .ranking:
                out += q.options.map { option in values.firstIndex(of: option).map { String($0 + 1) } ?? "" }
            case .grid:
                out += (q.rows ?? []).indices.map { $0 < values.count ? values[$0] : "" }
            }
        }
        return out
    }
}
