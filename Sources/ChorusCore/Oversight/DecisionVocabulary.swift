import Foundation

/// What kind of decision-making space it is (seed 003: "settled and transparent decision making spaces").
public enum DecisionSpaceKind: String, CaseIterable, Codable, Sendable {
    case board, committee
    case steeringGroup = "steering_group"
    case scrutinyPanel = "scrutiny_panel"
    case serviceTeam = "service_team"

    public var label: String {
        switch self {
        case .board: return "Board"
        case .committee: return "Committee"
        case .steeringGroup: return "Steering group"
        case .scrutinyPanel: return "Scrutiny panel"
        case .serviceTeam: return "Service team"
        }
    }
}

/// Whether a "You said, we did" report is still being written or is on the public pages.
public enum FeedbackStatus: String, CaseIterable, Codable, Sendable {
    case draft, published
}
