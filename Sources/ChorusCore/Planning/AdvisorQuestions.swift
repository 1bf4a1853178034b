import Foundation

/// The ladder advisor's questions, in the order they are asked (one per page). The raw value is the form field
/// name and the key in stored answers.
public enum AdvisorQuestionID: String, CaseIterable, Codable, Sendable {
    case decisionFlexibility = "decision_flexibility"
    case formativeStage = "formative_stage"
    case consultationDuty = "consultation_duty"
    case affectedScale = "affected_scale"
    case protectedGroups = "protected_groups"
    case proposedChange = "proposed_change"
    case communityContribution = "community_contribution"
    case delegation
    case resources

    public var question: AdvisorQuestion { AdvisorQuestion.all.first { $0.id == self }! }
    public var next: AdvisorQuestionID? { Self.allCases.drop(while: { $0 != self }).dropFirst().first }
    public var previous: AdvisorQuestionID? { Self.allCases.reversed().drop(while: { $0 != self }).dropFirst().first }
    /// 1-based position, for "Question 3 of 9".
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

/// A typed answer option: its value (the form value), label and optional hint.
public protocol AdvisorChoice: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {
    var label: String { get }
    var hint: String? { get }
}

// MARK: - Answer options

/// How far the decision can still change.
public enum DecisionFlexibility: String, AdvisorChoice {
    case fixed
    case detailsOnly = "details_only"
    case choiceOfOptions = "choice_of_options"
    case open

    public var label: String {
        switch self {
        case .fixed: return "It cannot change: it has been made, or is fixed by law, funding or an earlier decision"
        case .detailsOnly: return "Only the details of how it is carried out can change"
        case .choiceOfOptions: return "There are real options, and residents' views could change which one is chosen"
        case .open: return "It is open: the problem, the options and the answer can all be shaped with residents"
        }
    }

    public var hint: String? {
        switch self {
        case .fixed: return "For example, a national policy the council must carry out, or a decision already taken."
        case .detailsOnly: return "For example, the opening hours of a new service that will go ahead."
        case .choiceOfOptions: return "For example, three possible sites for a new library."
        case .open: return "For example, how to make a neighbourhood safer, with no answer chosen yet."
        }
    }
}

/// Whether the proposal is still at a formative stage (the first Gunning principle).
public enum FormativeStage: String, AdvisorChoice {
    case yes
    case preferredOption = "preferred_option"
    case no
    case notSure = "not_sure"

    public var label: String {
        switch self {
        case .yes: return "Yes: no option has been chosen"
        case .preferredOption: return "We have a preferred option, but could still change course"
        case .no: return "No: the decision has in effect already been made"
        case .notSure: return "Not sure"
        }
    }

    public var hint: String? {
        switch self {
        case .preferredOption: return "A preferred option is lawful if the decision-maker can still be persuaded otherwise."
        default: return nil
        }
    }
}

/// Why the council might have to consult. Several may apply; none selected means none applies.
public enum ConsultationDutySource: String, AdvisorChoice {
    case statutory
    case promise
    case establishedPractice = "established_practice"
    case notSure = "not_sure"

    public var label: String {
        switch self {
        case .statutory: return "A law requires consultation"
        case .promise: return "We, or the decision-maker, have promised to consult"
        case .establishedPractice: return "We have always consulted on decisions like this"
        case .notSure: return "Not sure"
        }
    }

    public var hint: String? {
        switch self {
        case .statutory: return "For example, school organisation, planning policy, library closures, council tax support schemes."
        case .promise: return "A promise, in writing or in a meeting, creates a legitimate expectation that you will consult."
        case .establishedPractice: return "A regular practice of consulting can also create a legitimate expectation."
        case .notSure: return "Ask your legal services or consultation team."
        }
    }
}

/// How many people the decision affects.
public enum AffectedScale: String, AdvisorChoice {
    case few
    case neighbourhood
    case wide

    public var label: String {
        switch self {
        case .few: return "A small number of people: one street, building or group"
        case .neighbourhood: return "A neighbourhood or a ward"
        case .wide: return "Many people: several wards, the whole borough, or all users of a service"
        }
    }

    public var hint: String? { nil }
}

/// Whether people with protected characteristics are likely to be affected more than others.
public enum ProtectedGroupsImpact: String, AdvisorChoice {
    case yes
    case no
    case notSure = "not_sure"

    public var label: String {
        switch self {
        case .yes: return "Yes, or they may be"
        case .no: return "No, we have checked"
        case .notSure: return "Not sure"
        }
    }

    public var hint: String? {
        switch self {
        case .no: return "Record how you checked (for example, service user data by age, disability and ethnicity)."
        default: return nil
        }
    }
}

/// Changes proposed to services or to funding. Several may apply; none selected means none is proposed.
public enum ProposedChange: String, AdvisorChoice {
    case serviceChange = "service_change"
    case serviceReduction = "service_reduction"
    case vcseFundingCut = "vcse_funding_cut"

    public var label: String {
        switch self {
        case .serviceChange: return "A change to how a service is provided"
        case .serviceReduction: return "Reducing or closing a service"
        case .vcseFundingCut: return "Reducing or ending funding or other support to voluntary, community or social enterprise (VCSE) groups"
        }
    }

    public var hint: String? {
        switch self {
        case .vcseFundingCut: return "Includes grants, fixed-term contracts and free or cheap use of buildings."
        default: return nil
        }
    }
}

/// What communities hold that the outcome needs. Several may apply; none selected means none.
public enum CommunityContribution: String, AdvisorChoice {
    case knowledge
    case assets
    case deliveryCapacity = "delivery_capacity"

    public var label: String {
        switch self {
        case .knowledge: return "Knowledge or lived experience we do not have"
        case .assets: return "Assets: buildings, land, networks, volunteers"
        case .deliveryCapacity: return "The capacity to deliver part of the answer themselves"
        }
    }

    public var hint: String? { nil }
}

/// Whether the decision, or a budget, can be handed to residents or a community body.
public enum Delegation: String, AdvisorChoice {
    case yes
    case partly
    case no
    case notSure = "not_sure"

    public var label: String {
        switch self {
        case .yes: return "Yes: residents or a community body could make the decision or spend the budget"
        case .partly: return "Partly: residents could decide within limits we set"
        case .no: return "No"
        case .notSure: return "Not sure"
        }
    }

    public var hint: String? {
        switch self {
        case .yes: return "For example, participatory budgeting, or a community-led grants panel."
        default: return nil
        }
    }
}

/// Time and resources available for the engagement.
public enum ResourceLevel: String, AdvisorChoice {
    case limited
    case moderate
    case ample

    public var label: String {
        switch self {
        case .limited: return "Limited: less than 6 weeks, or little budget and staff time"
        case .moderate: return "Moderate: 6 to 12 weeks, with some staff time and a small budget"
        case .ample: return "Ample: more than 12 weeks, with dedicated staff time and budget"
        }
    }

    public var hint: String? { nil }
}

// MARK: - Question metadata

/// One option as the form shows it.
public struct AdvisorOption: Sendable, Equatable {
    public let value: String
    public let label: String
    public let hint: String?
    /// "None of these": may not be combined with other options.
    public let exclusive: Bool
}

/// One question of the advisor, as the one-question page shows it.
public struct AdvisorQuestion: Sendable, Equatable {
    public enum Kind: String, Sendable { case single, multiple }

    public let id: AdvisorQuestionID
    /// The page heading (the question, as a question).
    public let title: String
    /// Hint text under the heading.
    public let hint: String
    /// Radios (`single`) or checkboxes (`multiple`).
    public let kind: Kind
    public let options: [AdvisorOption]

    /// The form value of the "None of these" option of multiple-choice questions.
    public static let noneValue = "none"

    static func single<C: AdvisorChoice>(_ id: AdvisorQuestionID, _ title: String, _ hint: String, _ type: C.Type) -> AdvisorQuestion {
        AdvisorQuestion(
            id: id, title: title, hint: hint, kind: .single,
            options: C.allCases.map { AdvisorOption(value: $0.rawValue, label: $0.label, hint: $0.hint, exclusive: false) })
    }

    static func multiple<C: AdvisorChoice>(_ id: AdvisorQuestionID, _ title: String, _ hint: String, _ type: C.Type, none: String) -> AdvisorQuestion
    {
        AdvisorQuestion(
            id: id, title: title, hint: hint, kind: .multiple,
            options: C.allCases.map { AdvisorOption(value: $0.rawValue, label: $0.label, hint: $0.hint, exclusive: false) }
                + [AdvisorOption(value: noneValue, label: none, hint: nil, exclusive: true)])
    }

    /// Every question, in order.
    public static let all: [AdvisorQuestion] = [
        .single(
            .decisionFlexibility, "How far can the decision still change?",
            "Be honest: asking people about something that cannot change damages trust.", DecisionFlexibility.self),
        .single(
            .formativeStage, "Is the proposal still at a formative stage, with real options?",
            "Consultation must happen while proposals are still being shaped, not after the decision is in effect made.",
            FormativeStage.self),
        .multiple(
            .consultationDuty, "Is there a duty, a promise or an established practice to consult?",
            "Select all that apply.", ConsultationDutySource.self, none: "None of these"),
        .single(
            .affectedScale, "Who is affected?", "Think about everyone who lives, works or uses services in the area.",
            AffectedScale.self),
        .single(
            .protectedGroups, "Are people with protected characteristics likely to be affected more than others?",
            "The protected characteristics are age, disability, gender reassignment, marriage and civil partnership, "
                + "pregnancy and maternity, race, religion or belief, sex and sexual orientation.", ProtectedGroupsImpact.self),
        .multiple(
            .proposedChange, "Is a change to a service, or reduced funding to VCSE groups, proposed?",
            "Select all that apply.", ProposedChange.self, none: "None of these"),
        .multiple(
            .communityContribution, "Do communities hold knowledge, assets or delivery capacity the outcome needs?",
            "Select all that apply.", CommunityContribution.self, none: "None of these"),
        .single(
            .delegation, "Can the decision, or a budget, be delegated to residents or a community body?",
            "Check with the decision-maker: only delegate what they will honour.", Delegation.self),
        .single(
            .resources, "How much time and resource is available for the engagement?",
            "Include staff time, budget for venues, translation and accessible formats, and weeks until the decision.",
            ResourceLevel.self),
    ]
}
