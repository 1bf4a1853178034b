import Foundation

/// The outcome of a screening question ("is an EIA / a DPIA needed?").
public enum ScreeningOutcome: String, Codable, Sendable, CaseIterable {
    case needed
    /// Not enough is known yet: find out, then screen again.
    case screenFurther = "screen_further"
    case notNeeded = "not_needed"

    public var label: String {
        switch self {
        case .needed: return "Needed"
        case .screenFurther: return "Find out more, then screen again"
        case .notNeeded: return "Not needed on these answers"
        }
    }
}

/// The result of a screening: the outcome, why, and what to do about it.
public struct ScreeningResult: Sendable, Equatable {
    public let outcome: ScreeningOutcome
    /// Plain-English reasons for the outcome, in order.
    public let reasons: [String]
    /// Most serious first.
    public let warnings: [PlanWarning]
}

/// What equality screening needs to know.
public struct EqualityScreeningInput: Sendable, Equatable {
    /// Are people with protected characteristics likely to be affected differently (more, or in a different way)?
    public var protectedGroupsAffected: ProtectedGroupsImpact?
    /// Is a change to a service (including reducing or closing it) proposed?
    public var serviceChange: Bool
    /// Is funding to VCSE groups being reduced or ended? (Their users often share protected characteristics.)
    public var vcseFundingCut: Bool
    /// When the equality impact assessment was recorded, if it has been.
    public var assessmentRecordedOn: Day?
    /// When the decision is due to be made, if known.
    public var decisionDate: Day?

    public init(
        protectedGroupsAffected: ProtectedGroupsImpact?, serviceChange: Bool, vcseFundingCut: Bool = false,
        assessmentRecordedOn: Day? = nil, decisionDate: Day? = nil
    ) {
        self.protectedGroupsAffected = protectedGroupsAffected
        self.serviceChange = serviceChange
        self.vcseFundingCut = vcseFundingCut
        self.assessmentRecordedOn = assessmentRecordedOn
        self.decisionDate = decisionDate
    }

    /// Builds the input from the advisor's answers.
    public init(answers: AdvisorAnswers, assessmentRecordedOn: Day? = nil, decisionDate: Day? = nil) {
        let change = answers.proposedChange ?? []
        self.init(
            protectedGroupsAffected: answers.protectedGroups,
            serviceChange: change.contains(.serviceChange) || change.contains(.serviceReduction),
            vcseFundingCut: change.contains(.vcseFundingCut),
            assessmentRecordedOn: assessmentRecordedOn, decisionDate: decisionDate)
    }
}

/// Equality impact assessment screening. The public sector equality duty (Equality Act 2010 s.149) requires the
/// decision-maker to have due regard, before and at the time of deciding, to the need to eliminate
/// discrimination, advance equality of opportunity and foster good relations. An equality impact assessment
/// (EIA) is how councils show that regard was had; it is needed where protected groups may be affected
/// differently or a service change is proposed, and it must be recorded before the decision.
public enum EqualityScreening {
    public static func screen(_ input: EqualityScreeningInput) -> ScreeningResult {
        var reasons: [String] = []
        if input.protectedGroupsAffected == .yes {
            reasons.append("People with protected characteristics are, or may be, affected differently.")
        }
        if input.serviceChange {
            reasons.append("A change to a service is proposed; its users' protected characteristics must be considered.")
        }
        if input.vcseFundingCut {
            reasons.append("Funding to VCSE groups would be reduced or ended; the people they serve may share protected characteristics.")
        }

        let outcome: ScreeningOutcome
        if !reasons.isEmpty {
            outcome = .needed
        } else if input.protectedGroupsAffected == .no {
            outcome = .notNeeded
        } else {
            outcome = .screenFurther
            reasons.append(
                input.protectedGroupsAffected == .notSure
                    ? "It is not known whether people with protected characteristics are affected differently."
                    : "The question about people with protected characteristics has not been answered.")
        }
        if outcome == .notNeeded {
            reasons.append(
                "No protected group is expected to be affected differently and no service change is proposed. Record how this was checked: the duty to have due regard still applies."
            )
        }

        var warnings: [PlanWarning] = []
        switch outcome {
        case .needed:
            if let recorded = input.assessmentRecordedOn {
                if let decision = input.decisionDate, recorded > decision {
                    warnings.append(
                        PlanWarning(
                            code: "eia.after_decision", severity: .critical,
                            message:
                                "The equality impact assessment was recorded on \(PlanText.short(recorded)), after the decision date (\(PlanText.short(decision))). Due regard must be had before and at the time of the decision.",
                            action:
                                "Complete the assessment and put it in front of the decision-maker before \(PlanText.short(decision)), or move the decision date.",
                            field: "eia_recorded_on"))
                }
            } else {
                let by = input.decisionDate.map { " before the decision on \(PlanText.short($0))" } ?? " before the decision"
                warnings.append(
                    PlanWarning(
                        code: "eia.needed", severity: .warning,
                        message: "An equality impact assessment is needed and has not been recorded yet.",
                        action: "Start the assessment now, use the engagement to hear from the groups affected, and record it\(by).",
                        field: "eia_recorded_on"))
            }
        case .screenFurther:
            warnings.append(
                PlanWarning(
                    code: "eia.screen_further", severity: .warning,
                    message: "It is not yet known whether an equality impact assessment is needed.",
                    action:
                        "Look at who uses the service or lives in the area by protected characteristic (service data, Census 2021), then answer the question again.",
                    field: AdvisorQuestionID.protectedGroups.rawValue))
        case .notNeeded:
            break
        }
        return ScreeningResult(outcome: outcome, reasons: reasons, warnings: warnings.bySeverity())
    }
}
