import Foundation

/// What each rung of the ladder means, in the words of the IAP2 Spectrum of Public Participation (goal and
/// promise to the public), with the matching rung of the Think Local Act Personal (TLAP) ladder of co-production.
extension LadderLevel {
    /// "Inform", "Consult", …
    public var label: String {
        switch self {
        case .inform: return "Inform"
        case .consult: return "Consult"
        case .involve: return "Involve"
        case .collaborate: return "Collaborate"
        case .empower: return "Empower"
        }
    }

    /// The IAP2 public participation goal.
    public var goal: String {
        switch self {
        case .inform:
            return
                "To provide the public with balanced and objective information to assist them in understanding the problem, alternatives, opportunities and/or solutions."
        case .consult:
            return "To obtain public feedback on analysis, alternatives and/or decisions."
        case .involve:
            return
                "To work directly with the public throughout the process to ensure that public concerns and aspirations are consistently understood and considered."
        case .collaborate:
            return
                "To partner with the public in each aspect of the decision including the development of alternatives and the identification of the preferred solution."
        case .empower:
            return "To place final decision making in the hands of the public."
        }
    }

    /// The IAP2 promise to the public: what residents can hold the organisation to at this level.
    public var promise: String {
        switch self {
        case .inform:
            return "We will keep you informed."
        case .consult:
            return
                "We will keep you informed, listen to and acknowledge concerns and aspirations, and provide feedback on how public input influenced the decision."
        case .involve:
            return
                "We will work with you to ensure that your concerns and aspirations are directly reflected in the alternatives developed and provide feedback on how public input influenced the decision."
        case .collaborate:
            return
                "We will look to you for advice and innovation in formulating solutions and incorporate your advice and recommendations into the decisions to the maximum extent possible."
        case .empower:
            return "We will implement what you decide."
        }
    }

    /// The nearest rung of the TLAP ladder of co-production (coercing, educating, informing, consulting,
    /// engaging, co-designing, co-producing). Co-production itself is named separately by the advisor.
    public var coProductionLadderRung: String {
        switch self {
        case .inform: return "Informing"
        case .consult: return "Consulting"
        case .involve: return "Engaging"
        case .collaborate: return "Co-designing"
        case .empower: return "Co-producing"
        }
    }

    /// One step up, or `self` at the top.
    public var stepUp: LadderLevel {
        let all = LadderLevel.allCases
        return all[Swift.min(all.count - 1, all.firstIndex(of: self)! + 1)]
    }
}
