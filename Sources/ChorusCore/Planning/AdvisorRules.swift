import Foundation

/// Something a rule tells the advisor, beyond moving the level.
public enum AdvisorFlag: String, CaseIterable, Codable, Sendable {
    /// The answers point to co-production (the top of the TLAP ladder of co-production).
    case coProduction = "co_production"
    /// A statutory duty, a promise or an established practice to consult: consultation must meet the Gunning principles.
    case consultationDuty = "consultation_duty"
    /// The officer is not sure whether there is a duty to consult.
    case consultationDutyUncertain = "consultation_duty_uncertain"
    /// The officer is not sure whether the proposal is still formative.
    case formativeStageUncertain = "formative_stage_uncertain"
    /// Due regard to equality (Equality Act 2010 s.149): an equality impact assessment is needed before the decision.
    case equalityImpact = "equality_impact"
    /// Equality effects are unknown: screen before deciding whether an equality impact assessment is needed.
    case equalityUnknown = "equality_unknown"
    /// VCSE funding is cut: three months' notice of the actual reduction (Best Value statutory guidance).
    case vcseNotice = "vcse_notice"
}

/// What kind of ceiling a rule sets. The precedence between them is documented in docs/planning.md.
public enum CeilingKind: String, Codable, Sendable {
    /// What the decision allows: how far it can change, whether it is still formative, whether it can be
    /// delegated. Beats every other effect.
    case decision
    /// What time and resources allow. Beats pushes, but not floors.
    case practical
}

/// What a rule does when its condition holds.
public enum RuleEffect: Sendable, Equatable, CustomStringConvertible {
    /// The level must be at least this.
    case floor(LadderLevel)
    /// The level may be at most this.
    case ceiling(LadderLevel, CeilingKind)
    /// Go one step above the highest floor. However many pushes fire, together they move the level one step.
    case push
    /// Raise a flag (co-production, consultation duty, equality impact, VCSE notice …).
    case flag(AdvisorFlag)

    public var description: String {
        switch self {
        case .floor(let l): return "at least \(l.label.lowercased())"
        case .ceiling(let l, _): return "at most \(l.label.lowercased())"
        case .push: return "one step higher"
        case .flag(let f): return "flag: \(f.rawValue)"
        }
    }
}

/// One row of the advisor's rule table.
public struct AdvisorRule: Sendable {
    /// Stable identifier (kebab-case), quoted in docs/planning.md and in tests.
    public let id: String
    /// When the rule fires, in plain English (for docs and the "why" panel).
    public let when: String
    /// Why, in plain English, as shown to the officer.
    public let reason: String
    public let effects: [RuleEffect]
    public let condition: @Sendable (AdvisorAnswers) -> Bool

    public init(id: String, when: String, reason: String, effects: [RuleEffect], condition: @escaping @Sendable (AdvisorAnswers) -> Bool) {
        self.id = id
        self.when = when
        self.reason = reason
        self.effects = effects
        self.condition = condition
    }

    public func fires(for answers: AdvisorAnswers) -> Bool { condition(answers) }
}

/// The ladder advisor's rules. Changing a rule is a reviewed code change: update docs/planning.md and the
/// tests with it. Order matters only for display: reasons are shown in table order.
public enum AdvisorRules {
    public static let table: [AdvisorRule] = [
        // How far the decision can change, and whether it is formative.
        AdvisorRule(
            id: "decision-fixed", when: "The decision cannot change.",
            reason:
                "The decision cannot change, so the honest level is to inform. Asking for views that cannot change anything raises false hopes and damages trust.",
            effects: [.ceiling(.inform, .decision)],
            condition: { $0.decisionFlexibility == .fixed }),
        AdvisorRule(
            id: "not-formative", when: "The proposal is no longer at a formative stage.",
            reason:
                "The decision has in effect already been made. Consultation must happen while proposals are still at a formative stage (the first Gunning principle), so only informing is honest now.",
            effects: [.ceiling(.inform, .decision)],
            condition: { $0.formativeStage == .no }),
        AdvisorRule(
            id: "formative-unsure", when: "The officer is not sure whether the proposal is still formative.",
            reason:
                "It is not clear whether the proposal is still at a formative stage. That must be settled with the decision-maker before any consultation starts.",
            effects: [.flag(.formativeStageUncertain)],
            condition: { $0.formativeStage == .notSure }),
        AdvisorRule(
            id: "details-only", when: "Only the details of how the decision is carried out can change.",
            reason: "Only the details can change: ask people about those details (at least consult).",
            effects: [.floor(.consult)],
            condition: { $0.decisionFlexibility == .detailsOnly }),
        AdvisorRule(
            id: "details-only-not-delegated", when: "Only the details can change, and they cannot be handed to residents.",
            reason: "Only the details can change and residents cannot decide them, so do not promise more influence than that: at most involve.",
            effects: [.ceiling(.involve, .decision)],
            condition: { $0.decisionFlexibility == .detailsOnly && $0.delegation != .yes && $0.delegation != .partly }),
        AdvisorRule(
            id: "real-options", when: "There are real options and residents' views could change which is chosen.",
            reason: "There are real options and residents' views could change which one is chosen: at least consult on them.",
            effects: [.floor(.consult)],
            condition: { $0.decisionFlexibility == .choiceOfOptions }),
        AdvisorRule(
            id: "open-decision", when: "The problem, the options and the answer are all still open.",
            reason: "The problem and the answer are still open: involve residents in shaping the options, not only in reacting to them.",
            effects: [.floor(.involve)],
            condition: { $0.decisionFlexibility == .open }),

        // Duties to consult.
        AdvisorRule(
            id: "statutory-duty", when: "A law requires consultation.",
            reason: "A law requires consultation: at least consult, and the consultation must meet the four Gunning principles.",
            effects: [.floor(.consult), .flag(.consultationDuty)],
            condition: { $0.duty(.statutory) }),
        AdvisorRule(
            id: "promise-to-consult", when: "The council or the decision-maker has promised to consult.",
            reason:
                "A promise to consult creates a legitimate expectation that residents will be consulted: at least consult, to the Gunning principles.",
            effects: [.floor(.consult), .flag(.consultationDuty)],
            condition: { $0.duty(.promise) }),
        AdvisorRule(
            id: "established-practice", when: "The council has an established practice of consulting on decisions like this.",
            reason:
                "An established practice of consulting on decisions like this can create a legitimate expectation: at least consult, to the Gunning principles.",
            effects: [.floor(.consult), .flag(.consultationDuty)],
            condition: { $0.duty(.establishedPractice) }),
        AdvisorRule(
            id: "duty-unsure", when: "The officer is not sure whether there is a duty to consult.",
            reason: "It is not known whether there is a duty to consult. Find out before settling on inform.",
            effects: [.flag(.consultationDutyUncertain)],
            condition: { $0.duty(.notSure) }),

        // Who is affected.
        AdvisorRule(
            id: "wide-impact", when: "Many people are affected (several wards, the borough, or all users of a service).",
            reason: "Many people are affected: at least ask them, so the decision-maker knows how the decision lands.",
            effects: [.floor(.consult)],
            condition: { $0.affectedScale == .wide }),
        AdvisorRule(
            id: "protected-groups", when: "People with protected characteristics are, or may be, affected more than others.",
            reason:
                "People with protected characteristics are likely to be affected more. The decision-maker must have due regard to equality before deciding (Equality Act 2010 s.149), which needs their voices heard directly: go a step further than the minimum.",
            effects: [.push, .flag(.equalityImpact)],
            condition: { $0.protectedGroups == .yes }),
        AdvisorRule(
            id: "protected-groups-unsure", when: "The officer is not sure whether people with protected characteristics are affected more.",
            reason:
                "It is not known whether people with protected characteristics are affected more. Screen for equality effects before choosing methods.",
            effects: [.flag(.equalityUnknown)],
            condition: { $0.protectedGroups == .notSure }),

        // Proposed changes.
        AdvisorRule(
            id: "service-change", when: "A change to how a service is provided is proposed.",
            reason: "A change to a service is proposed: ask the people who use it, and assess the equality effects before the decision.",
            effects: [.floor(.consult), .flag(.equalityImpact)],
            condition: { $0.change(.serviceChange) }),
        AdvisorRule(
            id: "service-reduction", when: "Reducing or closing a service is proposed.",
            reason:
                "Reducing or closing a service: consult the people who use it on the proposal and on the realistic alternatives (R (Moseley) v Haringey LBC, 2014), and assess the equality effects before deciding.",
            effects: [.floor(.consult), .flag(.equalityImpact)],
            condition: { $0.change(.serviceReduction) }),
        AdvisorRule(
            id: "vcse-funding-cut", when: "Reducing or ending funding or other support to VCSE groups is proposed.",
            reason:
                "Funding to VCSE groups would be reduced or ended. Best Value statutory guidance expects early engagement with the groups and their service users, a chance for them to put forward alternatives, and at least three months' notice of the actual reduction.",
            effects: [.floor(.consult), .flag(.vcseNotice)],
            condition: { $0.change(.vcseFundingCut) }),

        // What communities bring.
        AdvisorRule(
            id: "community-knowledge", when: "Communities hold knowledge or lived experience the outcome needs.",
            reason:
                "Communities hold knowledge the outcome needs: go a step further, so that it shapes the options rather than only reacting to them.",
            effects: [.push],
            condition: { $0.holds(.knowledge) }),
        AdvisorRule(
            id: "community-assets", when: "Communities hold assets the outcome needs (buildings, land, networks, volunteers).",
            reason: "Communities hold assets the outcome needs: go a step further and plan with the people who hold them.",
            effects: [.push],
            condition: { $0.holds(.assets) }),
        AdvisorRule(
            id: "delivery-capacity", when: "Communities could deliver part of the answer themselves.",
            reason: "Communities could deliver part of the answer themselves: go a step further and plan delivery with them.",
            effects: [.push],
            condition: { $0.holds(.deliveryCapacity) }),
        AdvisorRule(
            id: "co-production", when: "Communities hold knowledge or assets and can deliver, and the decision is open or has real options.",
            reason:
                "Communities hold what the outcome needs and can help deliver it, and the decision is still open: this points to co-production, designing and delivering together as equal partners (the top of the TLAP ladder of co-production). At least collaborate.",
            effects: [.floor(.collaborate), .flag(.coProduction)],
            condition: {
                ($0.holds(.knowledge) || $0.holds(.assets)) && $0.holds(.deliveryCapacity)
                    && ($0.decisionFlexibility == .open || $0.decisionFlexibility == .choiceOfOptions)
            }),

        // Delegation.
        AdvisorRule(
            id: "delegable", when: "The decision, or a budget, can be delegated to residents or a community body.",
            reason:
                "The decision or a budget can be delegated: residents can share the decision (at least collaborate) and, where nothing else holds it back, make it (empower, for example participatory budgeting).",
            effects: [.floor(.collaborate), .push],
            condition: { $0.delegation == .yes }),
        AdvisorRule(
            id: "partly-delegable", when: "Residents could decide within limits set by the council.",
            reason: "Residents could decide within limits set by the council: go a step further than the minimum.",
            effects: [.push],
            condition: { $0.delegation == .partly }),
        AdvisorRule(
            id: "not-delegable", when: "The decision cannot be delegated, the officer is not sure, or the question is unanswered.",
            reason:
                "Empower means residents make the final decision. The answers do not say that the decision or a budget can be delegated, so Chorus does not recommend empower.",
            effects: [.ceiling(.collaborate, .decision)],
            condition: { $0.delegation != .yes && $0.delegation != .partly }),

        // Time and resources.
        AdvisorRule(
            id: "limited-resources", when: "Time or resources are limited (under 6 weeks, or little budget and staff time).",
            reason:
                "Time and resources are limited. A well-run consultation is better than an involvement process that cannot keep its promises: at most consult, unless a duty or a floor above requires more.",
            effects: [.ceiling(.consult, .practical)],
            condition: { $0.resources == .limited }),
        AdvisorRule(
            id: "moderate-resources", when: "Time and resources are moderate (6 to 12 weeks, some staff time and budget).",
            reason:
                "Time and resources are moderate. Collaborating or handing over decisions needs sustained staff time and budget: at most involve, unless a floor above requires more.",
            effects: [.ceiling(.involve, .practical)],
            condition: { $0.resources == .moderate }),
    ]

    public static func rule(id: String) -> AdvisorRule? { table.first { $0.id == id } }
}
