import Foundation

/// A survey as staff build it: pages of questions, questions shown only when an earlier answer says so, and pages
/// skipped to when an answer says so. Ids are stable across edits (conditions refer to them), so editing a question's
/// wording never breaks a condition; removing it or an option a condition names does, and `SurveyLogic.problems`
/// says which.
public struct SurveyDefinition: Codable, Sendable, Equatable {
    public var pages: [SurveyPage]
    public init(pages: [SurveyPage]) { self.pages = pages }
}

public struct SurveyPage: Codable, Sendable, Equatable {
    public var id: String
    public var questions: [SurveyQuestion]
    /// Checked in order when the resident leaves the page: the first that holds decides where they go next.
    public var skips: [SkipRule]
    public init(id: String, questions: [SurveyQuestion], skips: [SkipRule] = []) {
        self.id = id
        self.questions = questions
        self.skips = skips
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
    public var required: Bool
    /// The values a choice can take (for a scale, "1"..."5"; for agree, "agree"), as conditions name them.
    public var options: [String]
    /// Shown only when this holds (nil: always).
    public var showIf: SurveyCondition?

    public init(id: String, kind: Kind, required: Bool = false, options: [String] = [], showIf: SurveyCondition? = nil) {
        self.id = id
        self.kind = kind
        self.required = required
        self.options = options
        self.showIf = showIf
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
