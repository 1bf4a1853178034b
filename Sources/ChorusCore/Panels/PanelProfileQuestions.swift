import Foundation

/// The profile a panel member gives, as the 2021 Census asked it (England and Wales), so the pool can be compared
/// with the borough's Census tables and selection targets can be set from them: age band, sex, ethnic group (the five
/// high-level groups) and whether day-to-day activities are limited by a long-term health problem or disability.
/// Every question can be answered "prefer not to say"; that answer is a feature of its own in selection, so targets
/// can leave room for it. The ward comes from the member's postcode (category `ward`, feature the ward's name).
public struct PanelQuestion: Sendable, Hashable {
    /// The category name in targets, CSV files and the audit page: "age_band".
    public let key: String
    /// The answers, in the order shown: "16_24"…, "prefer_not_to_say" last.
    public let options: [String]
}

public enum PanelProfileQuestions {
    public static let ward = "ward"
    public static let notSaid = "prefer_not_to_say"

    public static let ageBand = PanelQuestion(
        key: "age_band", options: ["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus", notSaid])
    public static let sex = PanelQuestion(key: "sex", options: ["female", "male", notSaid])
    public static let ethnicGroup = PanelQuestion(key: "ethnic_group", options: ["asian", "black", "mixed", "white", "other", notSaid])
    public static let disability = PanelQuestion(key: "disability", options: ["limited_a_lot", "limited_a_little", "not_limited", notSaid])

    public static let all: [PanelQuestion] = [ageBand, sex, ethnicGroup, disability]

    /// Every category a target may name: the questions and the ward.
    public static var categories: [String] { all.map(\.key) + [ward] }

    /// The answers that are not one of a question's options, by question key (a missing answer is one of them).
    public static func problems(in answers: [String: String]) -> [String] {
        all.filter { q in !(answers[q.key].map(q.options.contains) ?? false) }.map(\.key)
    }
}
