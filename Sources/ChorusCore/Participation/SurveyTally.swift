import Foundation

/// Per-question results of a survey: how many answered, and for questions with set answers how many chose each
/// (in the survey's order, "Other" last); for numbers, the spread; for rankings, each option's average rank; for
/// grids, a count per row and answer; for wards, a count per ward. Counts only: which answers came together is never
/// shown, and the results page suppresses counts under 5 (`SmallNumberTable`).
///
/// Built a response at a time (`add`), so a results page can count the responses sent since it last looked instead
/// of every response again. Answers to questions no longer in the survey, or values no longer among its options, are
/// not counted.
public struct SurveyTally: Sendable {
    public struct Count: Sendable, Equatable {
        public let value: String
        public let count: Int
    }

    public struct Question: Sendable {
        public let number: Int
        public let question: SurveyQuestion
        /// Responses that answered it.
        public let answered: Int
        /// Choices, scale points and "agree" in the survey's order; wards by count.
        public let counts: [Count]
        /// Grid: each row with its counts in the scale's order.
        public let rows: [(row: String, counts: [Count])]
        /// Ranking: each option and its mean rank (1 is first), in order of mean rank.
        public let meanRanks: [(option: String, mean: Double)]
        /// Number: the answers, sorted (the page shows lowest, median and highest).
        public let numbers: [Double]

        public var median: Double? {
            guard !numbers.isEmpty else { return nil }
            let n = numbers.count
            return n % 2 == 1 ? numbers[n / 2] : (numbers[n / 2 - 1] + numbers[n / 2]) / 2
        }
    }

    public private(set) var responses = 0
    private let asked: [(number: Int, question: SurveyQuestion)]
    /// Per numbered question: answered; per option (and "Other") counts; grid counts [row][option]; rank sums per
    /// option and complete rankings; numbers; ward counts.
    private var answered: [Int]
    private var choices: [[Int]]
    private var grid: [[[Int]]]
    private var rankSums: [[Int]]
    private var rankings: [Int]
    private var numbers: [[Double]]
    private var wards: [[String: Int]]
    private let optionIndex: [[String: Int]]

    public init(_ survey: SurveyDefinition) {
        asked = survey.numbered
        let qs = asked.map(\.question)
        answered = qs.map { _ in 0 }
        optionIndex = qs.map { q in
            var index = Dictionary(q.options.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            if q.allowOther == true { index[SurveyAnswers.otherValue] = q.options.count }
            return index
        }
        choices = qs.map { Array(repeating: 0, count: $0.options.count + ($0.allowOther == true ? 1 : 0)) }
        grid = qs.map { q in q.kind == .grid ? (q.rows ?? []).map { _ in Array(repeating: 0, count: q.options.count) } : [] }
        rankSums = qs.map { Array(repeating: 0, count: $0.kind == .ranking ? $0.options.count : 0) }
        rankings = qs.map { _ in 0 }
        numbers = qs.map { _ in [] }
        wards = qs.map { _ in [:] }
    }

    /// Tallies `responses` (each a response's stored answers) against the survey as it is now.
    public init(_ survey: SurveyDefinition, _ responses: [[String: [String]]]) {
        self.init(survey)
        for r in responses { add(r) }
    }

    /// Counts one more response.
    public mutating func add(_ answers: [String: [String]]) {
        responses += 1
        for (i, (_, q)) in asked.enumerated() {
            guard let given = answers[q.id], given.contains(where: { !$0.isEmpty }) else { continue }
            answered[i] += 1
            switch q.kind {
            case .grid:
                for (r, value) in given.enumerated() where r < grid[i].count {
                    if let k = optionIndex[i][value], k < q.options.count { grid[i][r][k] += 1 }
                }
            case .ranking:
                guard given.count == q.options.count, Set(given) == Set(q.options) else { continue }
                for (rank, option) in given.enumerated() { if let k = optionIndex[i][option] { rankSums[i][k] += rank + 1 } }
                rankings[i] += 1
            case .number:
                if let d = Double(given[0]) { numbers[i].append(d) }
            case .ward:
                wards[i][given[0], default: 0] += 1
            case .shortText, .longText, .date, .section:
                break
            default:
                for value in Set(given) { if let k = optionIndex[i][value] { choices[i][k] += 1 } }
            }
        }
    }

    public var questions: [Question] {
        asked.enumerated().map { i, a in
            let q = a.question
            let values = q.options + (q.allowOther == true ? [SurveyAnswers.otherValue] : [])
            var counts: [Count] = []
            switch q.kind {
            case .singleChoice, .multipleChoice, .scale, .agree: counts = zip(values, choices[i]).map { Count(value: $0, count: $1) }
            case .ward:
                counts = wards[i].map { Count(value: $0.key, count: $0.value) }.sorted {
                    $0.count > $1.count || ($0.count == $1.count && $0.value < $1.value)
                }
            default: break
            }
            let rows = zip(q.rows ?? [], grid[i]).map { row, c in (row: row, counts: zip(q.options, c).map { Count(value: $0, count: $1) }) }
            let means: [(option: String, mean: Double)] =
                rankings[i] == 0
                ? []
                : zip(q.options, rankSums[i]).map { (option: $0, mean: Double($1) / Double(rankings[i])) }
                    .sorted { $0.mean < $1.mean || ($0.mean == $1.mean && $0.option < $1.option) }
            return Question(
                number: a.number, question: q, answered: answered[i], counts: counts, rows: q.kind == .grid ? rows : [], meanRanks: means,
                numbers: numbers[i].sorted())
        }
    }
}
