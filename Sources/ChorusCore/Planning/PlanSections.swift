import Foundation

/// The sections of an engagement plan, in the order the plan shows them (seed 000: why, how and with whom, who
/// benefits, what is the purpose, is it meaningful).
public enum PlanSection: String, CaseIterable, Codable, Sendable {
    case purpose
    case decision
    case negotiable
    case affected
    case seldomHeard = "seldom_heard"
    case methods
    case feedback
    case evaluation
    case resources

    public var label: String {
        switch self {
        case .purpose: return "Purpose"
        case .decision: return "The decision it informs"
        case .negotiable: return "What is and is not negotiable"
        case .affected: return "Who is affected and who benefits"
        case .seldomHeard: return "Reaching seldom-heard voices"
        case .methods: return "Methods, venues and accessibility"
        case .feedback: return "Feeding back (\u{201C}You said, we did\u{201D})"
        case .evaluation: return "Evaluation"
        case .resources: return "Budget and staff time"
        }
    }

    public var hint: String {
        switch self {
        case .purpose: return "Why are you engaging, and what do you want to find out?"
        case .decision: return "Which decision will this inform, who makes it, and by when?"
        case .negotiable: return "What can residents change, and what is fixed? Say \u{201C}nothing\u{201D} if nothing is fixed."
        case .affected: return "Who is affected by the decision, and who will benefit from it?"
        case .seldomHeard: return "Whose voices are usually missing, and how will you reach them?"
        case .methods: return "How will you engage, where, and how will you make it accessible?"
        case .feedback: return "How and when will you tell people what they said and what was done?"
        case .evaluation: return "How will you know the engagement worked (reach, quality, influence on the decision)?"
        case .resources: return "What budget and staff time does the engagement need, and is it agreed?"
        }
    }

    /// The fields of the section, in form order.
    public var fields: [PlanField] { PlanField.allCases.filter { $0.section == self } }
}

/// One field of an engagement plan. The raw value is the form and JSON field name.
public enum PlanField: String, CaseIterable, Codable, Sendable {
    case purpose
    case decision
    case decisionMaker = "decision_maker"
    case decisionDate = "decision_date"
    case negotiable
    case notNegotiable = "not_negotiable"
    case affected
    case beneficiaries
    case seldomHeardReach = "seldom_heard_reach"
    case methods
    case venues
    case accessibility
    case feedback
    case feedbackDate = "feedback_date"
    case evaluation
    case budget
    case staffTime = "staff_time"

    public var section: PlanSection {
        switch self {
        case .purpose: return .purpose
        case .decision, .decisionMaker, .decisionDate: return .decision
        case .negotiable, .notNegotiable: return .negotiable
        case .affected, .beneficiaries: return .affected
        case .seldomHeardReach: return .seldomHeard
        case .methods, .venues, .accessibility: return .methods
        case .feedback, .feedbackDate: return .feedback
        case .evaluation: return .evaluation
        case .budget, .staffTime: return .resources
        }
    }

    public var label: String {
        switch self {
        case .purpose: return "Purpose"
        case .decision: return "The decision it informs"
        case .decisionMaker: return "Who makes the decision"
        case .decisionDate: return "Date of the decision"
        case .negotiable: return "What residents can change"
        case .notNegotiable: return "What is fixed"
        case .affected: return "Who is affected"
        case .beneficiaries: return "Who benefits"
        case .seldomHeardReach: return "How seldom-heard voices will be reached"
        case .methods: return "Methods"
        case .venues: return "Venues"
        case .accessibility: return "Accessibility"
        case .feedback: return "How results will be fed back"
        case .feedbackDate: return "\u{201C}You said, we did\u{201D} date"
        case .evaluation: return "Evaluation measures"
        case .budget: return "Budget"
        case .staffTime: return "Staff time"
        }
    }

    /// The error shown when a required field is blank.
    public var missingMessage: String {
        switch self {
        case .purpose: return "Enter the purpose of the engagement"
        case .decision: return "Enter the decision it informs"
        case .decisionMaker: return "Enter who makes the decision"
        case .decisionDate: return "Enter the date of the decision"
        case .negotiable: return "Enter what residents can change"
        case .notNegotiable: return "Enter what is fixed, or \u{201C}nothing\u{201D}"
        case .affected: return "Enter who is affected"
        case .beneficiaries: return "Enter who benefits"
        case .seldomHeardReach: return "Enter how seldom-heard voices will be reached"
        case .methods: return "Enter the methods"
        case .venues: return "Enter the venues"
        case .accessibility: return "Enter how the engagement will be accessible"
        case .feedback: return "Enter how results will be fed back"
        case .feedbackDate: return "Enter the \u{201C}You said, we did\u{201D} date"
        case .evaluation: return "Enter the evaluation measures"
        case .budget: return "Enter the budget, or \u{201C}none\u{201D}"
        case .staffTime: return "Enter the staff time"
        }
    }

    /// Dates are `Day`s; the rest is text.
    public var isDate: Bool { self == .decisionDate || self == .feedbackDate }

    /// Venues are optional (an engagement may be online or on the doorstep only); every other field is required
    /// before the plan can be sent for challenge.
    public var isRequired: Bool { self != .venues }

    /// The longest text accepted.
    public var maxLength: Int {
        switch self {
        case .decisionMaker: return 200
        case .decisionDate, .feedbackDate: return 10
        default: return 4000
        }
    }
}

/// What an engagement plan says, section by section. Text fields are free text; `nil` or blank means not written yet.
public struct EngagementPlanContent: Sendable, Equatable, Codable {
    public var purpose: String?
    public var decision: String?
    public var decisionMaker: String?
    public var decisionDate: Day?
    public var negotiable: String?
    public var notNegotiable: String?
    public var affected: String?
    public var beneficiaries: String?
    public var seldomHeardReach: String?
    public var methods: String?
    public var venues: String?
    public var accessibility: String?
    public var feedback: String?
    public var feedbackDate: Day?
    public var evaluation: String?
    public var budget: String?
    public var staffTime: String?

    public init() {}

    /// The field's value as text (a date as YYYY-MM-DD), or nil when blank.
    public func text(_ field: PlanField) -> String? {
        let raw: String?
        switch field {
        case .purpose: raw = purpose
        case .decision: raw = decision
        case .decisionMaker: raw = decisionMaker
        case .decisionDate: raw = decisionDate?.description
        case .negotiable: raw = negotiable
        case .notNegotiable: raw = notNegotiable
        case .affected: raw = affected
        case .beneficiaries: raw = beneficiaries
        case .seldomHeardReach: raw = seldomHeardReach
        case .methods: raw = methods
        case .venues: raw = venues
        case .accessibility: raw = accessibility
        case .feedback: raw = feedback
        case .feedbackDate: raw = feedbackDate?.description
        case .evaluation: raw = evaluation
        case .budget: raw = budget
        case .staffTime: raw = staffTime
        }
        let t = raw?.trimmingCharacters(in: .whitespacesAndNewlines)
        return (t?.isEmpty ?? true) ? nil : t
    }

    /// Sets one field from form text. Dates must be YYYY-MM-DD; blank clears the field. Throws a `FieldError`
    /// naming the field for a bad date, text that is too long, or control characters. Nothing changes when it throws.
    public mutating func set(_ field: PlanField, _ rawValue: String?) throws(FieldError) {
        let v = (rawValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let value: String? = v.isEmpty ? nil : v
        if field.isDate {
            var day: Day? = nil
            if let value {
                guard let d = Day(iso: value) else {
                    throw FieldError(field.rawValue, "\(field.missingMessage) as a real date, like 2026-03-31")
                }
                day = d
            }
            if field == .decisionDate { decisionDate = day } else { feedbackDate = day }
            return
        }
        if let value {
            if Validation.hasControlCharacters(value) { throw FieldError(field.rawValue, "\(field.label) must not contain control characters") }
            if value.count > field.maxLength { throw FieldError(field.rawValue, "\(field.label) must be \(field.maxLength) characters or fewer") }
        }
        switch field {
        case .purpose: purpose = value
        case .decision: decision = value
        case .decisionMaker: decisionMaker = value
        case .negotiable: negotiable = value
        case .notNegotiable: notNegotiable = value
        case .affected: affected = value
        case .beneficiaries: beneficiaries = value
        case .seldomHeardReach: seldomHeardReach = value
        case .methods: methods = value
        case .venues: venues = value
        case .accessibility: accessibility = value
        case .feedback: feedback = value
        case .evaluation: evaluation = value
        case .budget: budget = value
        case .staffTime: staffTime = value
        case .decisionDate, .feedbackDate: break
        }
    }
}

/// A section with required fields still blank.
public struct SectionGap: Sendable, Equatable {
    public let section: PlanSection
    public let missingFields: [PlanField]
}

/// Which parts of a plan are missing before it can be sent for challenge.
public enum PlanCompleteness {
    /// Sections with required fields still blank, in plan order.
    public static func gaps(in content: EngagementPlanContent) -> [SectionGap] {
        PlanSection.allCases.compactMap { section in
            let missing = section.fields.filter { $0.isRequired && content.text($0) == nil }
            return missing.isEmpty ? nil : SectionGap(section: section, missingFields: missing)
        }
    }

    public static func missingSections(in content: EngagementPlanContent) -> [PlanSection] { gaps(in: content).map(\.section) }

    public static func isReadyForChallenge(_ content: EngagementPlanContent) -> Bool { gaps(in: content).isEmpty }

    /// One error per missing field, for an error summary that links to each field.
    public static func fieldErrors(in content: EngagementPlanContent) -> [FieldError] {
        gaps(in: content).flatMap { gap in
            gap.missingFields.map { FieldError($0.rawValue, $0.missingMessage) }
        }
    }
}
