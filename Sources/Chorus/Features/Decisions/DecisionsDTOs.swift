import Foundation
import ChorusCore

extension DecisionSpaceKind: APIEnum {}
extension ActionStatus: APIEnum {}

/// What the JSON API says about decision spaces, meetings, decisions and actions (`DecisionsAPI`). Property names are
/// the JSON names; the OpenAPI schemas are derived from these declarations (`APIObject`).
enum DecisionsDTO {
    /// A decision space as its list shows it, with what the caller may do there.
    struct SpaceSummary: APIObject {
        let id: UUID
        let name: String
        let kind: DecisionSpaceKind
        let remit: String
        let is_public: Bool
        let is_member: Bool
        let is_secretary: Bool
        static let schemaName = "DecisionSpaceSummary"
    }

    struct Member: APIObject {
        /// nil for an external member (a community representative, a councillor).
        let person_id: UUID?
        let name: String
        let role: String?
        let is_secretary: Bool
        static let schemaName = "DecisionSpaceMember"
    }

    struct Space: APIObject {
        let id: UUID
        let name: String
        let kind: DecisionSpaceKind
        let remit: String
        let is_public: Bool
        let is_member: Bool
        let is_secretary: Bool
        let organisation_ids: [UUID]
        let theme_ids: [UUID]
        let members: [Member]
        let meeting_count: Int
        let created_at: Date?
        let updated_at: Date?
        static let schemaName = "DecisionSpace"
        static var constraints: [String: Schema] { ["meeting_count": .integer(minimum: 0)] }
    }

    struct Meeting: APIObject {
        let id: UUID
        let space_id: UUID
        let title: String
        let meets_on: APIDay
        let location: String?
        static let schemaName = "Meeting"
    }

    struct AgendaItem: APIObject {
        let id: UUID
        let position: Int
        let title: String
        let notes: String?
        /// The insight bundle the item brings (a briefing of what the reader may see), or the theme whose insights it does.
        let bundle_id: UUID?
        let theme_id: UUID?
        /// The analysis run whose named themes head the briefing (and the reports of the activities decided on).
        let analysis_run_id: UUID?
        let decision_ids: [UUID]
        static let schemaName = "AgendaItem"
        static var constraints: [String: Schema] { ["position": .integer(minimum: 1)] }
    }

    struct MeetingDetail: APIObject {
        let id: UUID
        let space_id: UUID
        let space_name: String
        let title: String
        let meets_on: APIDay
        let location: String?
        let agenda_items: [AgendaItem]
        static let schemaName = "MeetingWithAgenda"
    }

    /// What prompted a decision: an insight (only those the caller's wall lets through are listed), a bundle, a theme
    /// or an activity.
    struct Link: APIObject {
        let kind: String
        let target_id: UUID
        static let schemaName = "DecisionLink"
        static var constraints: [String: Schema] { ["kind": .string(enumValues: DecisionLink.Kind.allCases.map(\.rawValue))] }
    }

    struct Decision: APIObject {
        let id: UUID
        let space_id: UUID
        let meeting_id: UUID
        let agenda_item_id: UUID
        let agenda_item_title: String
        let text: String
        let decided_on: APIDay
        let links: [Link]
        let actions: [Action]
        static let schemaName = "Decision"
    }

    /// An action as the action lists and its page show it.
    struct Action: APIObject {
        let id: UUID
        let title: String
        let decision_id: UUID
        let space_id: UUID
        let space_name: String
        let owner_id: UUID?
        let owner_name: String?
        let organisation_id: UUID
        let organisation_name: String
        let due_on: APIDay?
        let status: ActionStatus
        /// The day the status last changed.
        let status_since: APIDay
        let done_on: APIDay?
        /// Why it will not be done (residents are told).
        let reason: String?
        /// Open and past its due day.
        let overdue: Bool
        /// Whether the caller may update it (its owner or the space's secretaries).
        let can_update: Bool
        static let schemaName = "Action"
    }

    struct Note: APIObject {
        let on: APIDay
        let person_name: String
        let text: String
        let from_status: ActionStatus?
        let to_status: ActionStatus?
        static let schemaName = "ActionNote"
    }

    /// One action with the decision that set it and its dated progress notes.
    struct ActionDetail: APIObject {
        let action: Action
        let decision_text: String
        let notes: [Note]
        static let schemaName = "ActionWithNotes"
    }
}
