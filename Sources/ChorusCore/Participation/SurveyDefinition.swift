import Foundation

/// A survey as staff build it: pages of questions, questions shown only when an earlier answer says so, and pages
/// skipped to when an answer says so. Ids are stable across edits (conditions refer to them), so editing a question's
/// wording never breaks a condition; removing it or an option a condition names does, and `SurveyLogic.problems`
/// says which.
public struct SurveyDefinition: Codable, Sendable, Equatable {
    public var pages: [SurveyPage]
    /// The survey's wording in other languages: language code → text key (`SurveyTranslations.texts`) → translation.
    public var translations: [String: [String: SurveyTranslatedText]]?
    public init(pages: [SurveyPage], translations: [String: [String: SurveyTranslatedText]]? = nil) {
        self.pages = pages
        self.translations = translations
    }

    /// Every question (and section text) in page order.
    public var questions: [SurveyQuestion] { pages.flatMap(\.questions) }

    /// The questions residents answer, numbered 1, 2, 3… in page order as the paper copy and the keyed-in responses
    /// number them (section texts are not numbered).
    public var numbered: [(number: Int, question: SurveyQuestion)] {
        questions.filter { $0.kind != .section }.enumerated().map { ($0.offset + 1, $0.element) }
    }

    /// Each question's number (`numbered`) by its id; section texts have none.
    public var numbers: [String: Int] { Dictionary(uniqueKeysWithValues: numbered.map { ($0.question.id, $0.number) }) }
}

public struct SurveyPage: Codable, Sendable, Equatable {
    public var id: String
    /// The page's heading, if it has one ("About you").
    public var title: String?
    public var questions: [SurveyQuestion]
    /// Checked in order when the resident leaves the page: the first that holds decides where they go next.
    public var skips: [SkipRule]
    public init(id: String, title: String? = nil, questions: [SurveyQuestion], skips: [SkipRule] = []) {
        self.id = id
        self.title = title
        self.questions = questions
        self.skips = skips
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        questions = try c.decode([SurveyQuestion].self, forKey: .questions)
        skips = try c.decodeIfPresent([SkipRule].self, forKey: .skips) ?? []
    }
}

public struct SurveyQuestion: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case shortText = "short_text", longText = "long_text", singleChoice = "single_choice", multipleChoice = "multiple_choice"
        case scale, ranking, number, date, grid, ward, agree
        /// Text between questions ("About you"): shown, never answered, and not a question for "every page shows one".
        case section

        /// Kinds whose answers are one or more of a fixed set of values, so a condition can name them.
        public var hasFixedValues: Bool { [.singleChoice, .multipleChoice, .scale, .agree, .ward].contains(self) }
    }

    public var id: String
    public var kind: Kind
    /// The question as residents read it (for a section, its heading).
    public var text: String
    /// A line under the question ("Choose up to three").
    public var hint: String?
    /// Background facts shown in a "More information" panel under the question.
    public var info: String?
    public var required: Bool
    /// The values a choice can take (for a scale, "1"..."5"; for agree, "agree"), as conditions name them and as
    /// residents read them. For a grid, the scale every row is rated on; for ranking, the things ranked.
    public var options: [String]
    /// Shown only when this holds (nil: always).
    public var showIf: SurveyCondition?
    /// Multiple choice: fewest and most picks (nil: no limit).
    public var minPicks: Int?
    public var maxPicks: Int?
    /// Single and multiple choice: an "Other, please say" answer with a text box (its value is `SurveyAnswers.otherValue`).
    public var allowOther: Bool?
    /// Short and long text: most characters (default 500 and 5000).
    public var maxLength: Int?
    /// Number: the range allowed.
    public var minValue: Double?
    public var maxValue: Double?
    /// Scale: the words at each end ("Very poor", "Very good").
    public var lowLabel: String?
    public var highLabel: String?
    /// Grid: the rows, each rated on `options`.
    public var rows: [String]?
    /// Choices shown in a different order to each resident (the order is fixed per response, so going back keeps it).
    public var shuffle: Bool?
    /// What residents read for each option when the survey is shown in another language (option value → wording).
    /// Set only on a translated copy (`SurveyTranslations.translated`), never read from a stored definition: answers
    /// and conditions always hold the option values.
    public var labels: [String: String]?

    /// The wording residents read for an option.
    public func label(_ option: String) -> String { labels?[option] ?? option }

    public init(
        id: String, kind: Kind, text: String = "", hint: String? = nil, info: String? = nil, required: Bool = false, options: [String] = [],
        showIf: SurveyCondition? = nil, minPicks: Int? = nil, maxPicks: Int? = nil, allowOther: Bool? = nil, maxLength: Int? = nil,
        minValue: Double? = nil, maxValue: Double? = nil, lowLabel: String? = nil, highLabel: String? = nil, rows: [String]? = nil,
        shuffle: Bool? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.hint = hint
        self.info = info
        self.required = required
        self.options = options
        self.showIf = showIf
        self.minPicks = minPicks
        self.maxPicks = maxPicks
        self.allowOther = allowOther
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
        self.lowLabel = lowLabel
        self.highLabel = highLabel
        self.rows = rows
        self.shuffle = shuffle
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(Kind.self, forKey: .kind)
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        hint = try c.decodeIfPresent(String.self, forKey: .hint)
        info = try c.decodeIfPresent(String.self, forKey: .info)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        options = try c.decodeIfPresent([String].self, forKey: .options) ?? []
        showIf = try c.decodeIfPresent(SurveyCondition.self, forKey: .showIf)
        minPicks = try c.decodeIfPresent(Int.self, forKey: .minPicks)
        maxPicks = try c.decodeIfPresent(Int.self, forKey: .maxPicks)
        allowOther = try c.decodeIfPresent(Bool.self, forKey: .allowOther)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        minValue = try c.decodeIfPresent(Double.self, forKey: .minValue)
        maxValue = try c.decodeIfPresent(Double.self, forKey: .maxValue)
        lowLabel = try c.decodeIfPresent(String.self, forKey: .lowLabel)
        highLabel = try c.decodeIfPresent(String.self, forKey: .highLabel)
        rows = try c.decodeIfPresent([String].self, forKey: .rows)
        shuffle = try c.decodeIfPresent(Bool.self, forKey: .shuffle)
    }
}

/// "When the answer to `question` equals / includes / is one of `values`".
public struct SurveyCondition: Codable, Sendable, Equatable {
    public enum Test: String, Codable, Sendable, CaseIterable {
        /// A single answer is exactly the one value.
        case equals
        /// A multiple-choice answer includes every value.
        case includes
        /// The answer (or any of several) is one of the values.
        case isOneOf = "is_one_of"
    }
    public var question: String
    public var test: Test
    public var values: [String]

    public init(question: String, test: Test, values: [String]) {
        self.question = question
        self.test = test
        self.values = values
    }

    /// Whether it holds for these answers (question id → chosen values; missing or empty: not answered, and then
    /// no condition holds).
    public func holds(_ answers: [String: [String]]) -> Bool {
        let given = answers[question] ?? []
        guard !given.isEmpty else { return false }
        switch test {
        case .equals: return given.count == 1 && values.count == 1 && given[0] == values[0]
        case .includes: return Set(values).isSubset(of: Set(given))
        case .isOneOf: return given.contains { values.contains($0) }
        }
    }
}

/// On leaving its page, go to `toPage` (a later page's id, or nil for the end of the survey) when `when` holds.
public struct SkipRule: Codable, Sendable, Equatable {
    public var when: SurveyCondition
    public var toPage: String?
    public init(when: SurveyCondition, toPage: String?) {
        self.when = when
        self.toPage = toPage
    }
}
