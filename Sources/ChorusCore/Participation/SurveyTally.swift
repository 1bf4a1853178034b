import Foundation

/// Per-question results of a survey: how many answered, and for questions with set answers how many chose each
/// (in the survey's order, "Other" last); for numbers, the spread; for rankings, each option's average rank; for
/// grids, a count per row and answer. Counts only: which answers came together is never shown, and the results page
/// suppresses counts under 5 (`SmallNumberTable`).
public struct SurveyTally: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public let value: String
        public let count: Int
    }

    public struct Question: Sendable, Equatable {
        public let number: Int
        public let question: SurveyQuestion
        /// Responses that answered it.
        public var answered: Int
        /// Choices, scale points, and "agree".
        public var counts: [Count]
        /// Grid: row → counts in the scale's order.
        public var rows: [(row: String, counts: [Count])]
        /// Ranking: each option and its mean rank (1 is first), in order of mean rank.
        public var meanRanks: [(option: String, mean: Double)]
        /// Number: the answers, sorted (the page shows lowest, median and highest).
        public var numbers: [Double]

        public static func == (a: Question, b: Question) -> Bool {
            a.number == b.number && a.question == b.question && a.answered == b.answered && a.counts == b.counts
                && a.rows.map(\.row) == b.rows.map(\.row) && a.rows.map(\.counts) == b.rows.map(\.counts)
                && a.meanRanks.map(\.option) == b.meanRanks.map(\.option) && a.meanRanks.map(\.mean) == b.meanRanks.map(\.mean)
                && a.numbers == b.numbers
        }

        public var median: Double? {
            guard !numbers.isEmpty else { return nil }
            let n = numbers.count
            return n % 2 == 1 ? numbers[n / 2] : (numbers[n / 2 - 1] + numbers[n / 2]) / 2
        }
    }

    public let responses: Int
    public let questions: [Question]

    /// Tallies `responses` (each a response's stored answers) against the survey as it is now: answers to
    /// questions no longer in it, or values no longer among its options, are not counted.
    public init(_ survey: SurveyDefinition, _ responses: [[String: [String]]]) {
        var out: [Question] = survey.numbered.map { n, q in
            Question(
                number: n, question: q, answered: 0,
                counts: (q.kind == .ranking || q.kind == .grid || !q.kind.hasFixedValues || q.kind == .ward)
                    ? []
                    : q.options.map { Count(value: $0, count: 0) }
                        + (q.allowOther == true ? [Count(value: SurveyAnswers.otherValue, count: 0)] : []),
                rows: q.kind == .grid ? (q.rows ?? []).map { ($0, q.options.map { Count(value: $0, count: 0) }) } : [], meanRanks: [], numbers: [])
        }
        var rankSums: [[Int]] = out.map { Array(repeating: 0, count: $0.question.kind == .ranking ? $0.question.options.count : 0) }
        var rankCounts = Array(repeating: 0, count: out.count)
        var wardCounts: [Int: [String: Int]] = [:]
        for answers in responses {
            for i in out.indices {
                let q = out[i].question
                guard let given = answers[q.id], given.contains(where: { !$0.isEmpty }) else { continue }
                out[i].answered += 1
                switch q.kind {
                case .grid:
                    for (r, value) in given.enumerated() where r < out[i].rows.count {
                        if let k = out[i].rows[r].counts.firstIndex(where: { $0.value == value }) {
                            let c = out[i].rows[r].counts[k]
                            out[i].rows[r].counts[k] = Count(value: c.value, count: c.count + 1)
                        }
                    }
                case .ranking:
                    guard Set(given) == Set(q.options) else { continue }
                    for (rank, option) in given.enumerated() { if let k = q.options.firstIndex(of: option) { rankSums[i][k] += rank + 1 } }
                    rankCounts[i] += 1
                case .number:
                    if let d = Double(given[0]) { out[i].numbers.append(d) }
                case .ward:
                    wardCounts[i, default: [:]][given[0], default: 0] += 1
                default:
                    for value in Set(given) {
                        if let k = out[i].counts.firstIndex(where: { $0.value == value }) {
                            out[i].counts[k] = Count(value: value, count: out[i].counts[k].count + 1)
                        }
                    }
                }
            }
        }
        for i in out.indices {
            out[i].numbers.sort()
            if rankCounts[i] > 0 {
                out[i].meanRanks = out[i].question.options.enumerated().map { ($1, Double(rankSums[i][$0]) / Double(rankCounts[i])) }
                    .sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            }
            if let wards = wardCounts[i] {
                out[i].counts = wards.map { Count(value: $0.key, count: $0.value) }.sorted {
                    $0.count > $1.count || ($0.count == $1.count && $0.value < $1.value)
                }
            }
        }
        self.responses = responses.count
        self.questions = out
    }
}
