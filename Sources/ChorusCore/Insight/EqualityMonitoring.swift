import Foundation

/// Equality monitoring questions in the ONS Census 2021 categories (DESIGN.md §6). Every question is optional and
/// every question offers "prefer not to say"; reports suppress counts under 5 (`SmallNumbers`).
public struct EqualityQuestion: Sendable {
    public struct Option: Sendable, Equatable {
        public let code: String
        public let label: String
        /// The Census 2021 high-level group (ethnic group only), e.g. "Asian, Asian British or Asian Welsh".
        public let group: String?
        init(_ code: String, _ label: String, group: String? = nil) { self.code = code; self.label = label; self.group = group }
    }
    /// Column and form field name, e.g. "ethnic_group".
    public let field: String
    public let question: String
    public let options: [Option]

    public func label(for code: String?) -> String? { options.first { $0.code == code }?.label }
    public func isValid(_ code: String) -> Bool { options.contains { $0.code == code } }
}

public enum EqualityMonitoring {
    public static let preferNotToSay = "prefer_not_to_say"
    private static let pnts = EqualityQuestion.Option(preferNotToSay, "Prefer not to say")

    public static let ageBand = EqualityQuestion(
        field: "age_band", question: "Age",
        options:
            stride(from: 0, to: 85, by: 5).map { EqualityQuestion.Option("\($0)_\($0 + 4)", "\($0) to \($0 + 4)") }
            + [.init("85_plus", "85 and over"), pnts])

    public static let sex = EqualityQuestion(field: "sex", question: "Sex", options: [.init("female", "Female"), .init("male", "Male"), pnts])

    public static let genderIdentity = EqualityQuestion(
        field: "gender_identity",
        question: "Is the gender you identify with the same as your sex registered at birth?",
        options: [.init("same", "Yes"), .init("different", "No"), pnts])

    public static let sexualOrientation = EqualityQuestion(
        field: "sexual_orientation", question: "Sexual orientation",
        options: [
            .init("straight", "Straight or heterosexual"), .init("gay_lesbian", "Gay or lesbian"), .init("bisexual", "Bisexual"),
            .init("other", "Another sexual orientation"), pnts,
        ])

    public static let disability = EqualityQuestion(
        field: "disability",
        question: "Are your day-to-day activities limited by a physical or mental health condition or illness lasting 12 months or more?",
        options: [.init("limited_a_lot", "Yes, limited a lot"), .init("limited_a_little", "Yes, limited a little"), .init("no", "No"), pnts])

    public static let religion = EqualityQuestion(
        field: "religion", question: "Religion",
        options: [
            .init("none", "No religion"), .init("christian", "Christian"), .init("buddhist", "Buddhist"), .init("hindu", "Hindu"),
            .init("jewish", "Jewish"), .init("muslim", "Muslim"), .init("sikh", "Sikh"), .init("other", "Any other religion"), pnts,
        ])

    public static let unpaidCare = EqualityQuestion(
        field: "unpaid_care", question: "Do you look after or support anyone because of long-term illness, disability or old age?",
        options: [
            .init("no", "No"), .init("up_to_9", "Yes, 9 hours a week or less"), .init("10_19", "Yes, 10 to 19 hours a week"),
            .init("20_34", "Yes, 20 to 34 hours a week"), .init("35_49", "Yes, 35 to 49 hours a week"),
            .init("50_plus", "Yes, 50 or more hours a week"), pnts,
        ])

    /// The 19 ethnic groups of the 2021 Census in England and Wales, in their 5 high-level groups.
    public static let ethnicGroup: EqualityQuestion = {
        let asian = "Asian, Asian British or Asian Welsh", black = "Black, Black British, Black Welsh, Caribbean or African"
        let mixed = "Mixed or Multiple ethnic groups", white = "White", other = "Other ethnic group"
        let o = { (code: String, label: String, group: String) in EqualityQuestion.Option(code, label, group: group) }
        return EqualityQuestion(
            field: "ethnic_group", question: "Ethnic group",
            options: [
                o("asian_bangladeshi", "Bangladeshi", asian), o("asian_chinese", "Chinese", asian), o("asian_indian", "Indian", asian),
                o("asian_pakistani", "Pakistani", asian), o("asian_other", "Any other Asian background", asian),
                o("black_african", "African", black), o("black_caribbean", "Caribbean", black),
                o("black_other", "Any other Black, Black British or Caribbean background", black),
                o("mixed_white_asian", "White and Asian", mixed), o("mixed_white_black_african", "White and Black African", mixed),
                o("mixed_white_black_caribbean", "White and Black Caribbean", mixed),
                o("mixed_other", "Any other Mixed or Multiple background", mixed),
                o("white_british", "English, Welsh, Scottish, Northern Irish or British", white), o("white_irish", "Irish", white),
                o("white_gypsy_traveller", "Gypsy or Irish Traveller", white), o("white_roma", "Roma", white),
                o("white_other", "Any other White background", white),
                o("other_arab", "Arab", other), o("other_any", "Any other ethnic group", other), pnts,
            ])
    }()

    /// Every question, in the order forms ask them.
    public static let questions: [EqualityQuestion] = [
        ageBand, sex, genderIdentity, sexualOrientation, ethnicGroup, religion, disability, unpaidCare,
    ]
    public static func question(_ field: String) -> EqualityQuestion? { questions.first { $0.field == field } }
}

/// Reports never show a count under 5 (it could identify someone): it shows as "fewer than 5".
public enum SmallNumbers {
    public static let threshold = 5
    /// nil when the count must be suppressed (1–4); 0 and counts of 5 or more are shown.
    public static func shown(_ count: Int) -> Int? { count > 0 && count < threshold ? nil : count }
}
