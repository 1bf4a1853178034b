import Fluent
import SQLKit
import Vapor

/// A board, committee, steering group, scrutiny panel or service team: where insight is heard and decisions made.
/// A private space's meetings, agendas, decisions and actions exist only for its members.
final class DecisionSpace: Model, @unchecked Sendable {
    static let schema = "decision_spaces"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "remit") var remit: String
    @Field(key: "is_public") var isPublic: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A member: a staff member (person) or a named external member (a community representative, a councillor).
/// Secretaries run the space: agendas, decisions, actions.
final class DecisionSpaceMember: Model, @unchecked Sendable {
    static let schema = "decision_space_members"
    @ID(key: .id) var id: UUID?
    @Parent(key: "space_id") var space: DecisionSpace
    @OptionalParent(key: "person_id") var person: Person?
    @OptionalField(key: "external_name") var externalName: String?
    /// "Community representative", "Chair", …
    @OptionalField(key: "member_role") var memberRole: String?
    @Field(key: "is_secretary") var isSecretary: Bool
    init() {}
}

final class DecisionSpaceOrganisation: Model, @unchecked Sendable {
    static let schema = "decision_space_organisations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "space_id") var space: DecisionSpace
    @Parent(key: "organisation_id") var organisation: Organisation
    init() {}
    init(space: UUID, organisation: UUID) { $space.id = space; $organisation.id = organisation }
}

final class DecisionSpaceTheme: Model, @unchecked Sendable {
    static let schema = "decision_space_themes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "space_id") var space: DecisionSpace
    @Parent(key: "theme_id") var theme: Theme
    init() {}
    init(space: UUID, theme: UUID) { $space.id = space; $theme.id = theme }
}

final class Meeting: Model, @unchecked Sendable {
    static let schema = "meetings"
    @ID(key: .id) var id: UUID?
    @Parent(key: "space_id") var space: DecisionSpace
    @Field(key: "title") var title: String
    @Field(key: "meeting_day") var meetingDay: Int
    @OptionalField(key: "location") var location: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// One item on a meeting's agenda. An insight item carries a bundle (or a theme: the insights tagged with it),
/// rendered as a briefing for whoever opens it.
final class AgendaItem: Model, @unchecked Sendable {
    static let schema = "agenda_items"
    @ID(key: .id) var id: UUID?
    @Parent(key: "meeting_id") var meeting: Meeting
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "notes") var notes: String?
    @OptionalParent(key: "bundle_id") var bundle: InsightBundle?
    @OptionalParent(key: "theme_id") var theme: Theme?
    /// An analysis whose named themes the briefing shows (with or without a bundle or theme).
    @OptionalField(key: "analysis_run_id") var analysisRunID: UUID?
    init() {}
    var isInsightItem: Bool { $bundle.id != nil || $theme.id != nil || analysisRunID != nil }
}

/// What the meeting decided on an item.
final class Decision: Model, @unchecked Sendable {
    static let schema = "decisions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "agenda_item_id") var agendaItem: AgendaItem
    /// Denormalised so walls and lists need no joins.
    @Parent(key: "space_id") var space: DecisionSpace
    @Field(key: "text") var text: String
    @Field(key: "decided_day") var decidedDay: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// Something a decision asks someone to do, with an owner, a due day and a status residents can follow.
final class DecisionAction: Model, @unchecked Sendable {
    static let schema = "decision_actions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "decision_id") var decision: Decision
    @Parent(key: "space_id") var space: DecisionSpace
    @Field(key: "title") var title: String
    @OptionalParent(key: "owner_id") var owner: Person?
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalField(key: "due_day") var dueDay: Int?
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    /// The day the status last changed, and the day it was done (for "done on …" and on-time measures).
    @Field(key: "status_day") var statusDay: Int
    @OptionalField(key: "done_day") var doneDay: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A dated progress note, with the status change it recorded (if any).
final class ActionNote: Model, @unchecked Sendable {
    static let schema = "decision_action_notes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "action_id") var action: DecisionAction
    @Field(key: "note_day") var noteDay: Int
    @Field(key: "text") var text: String
    @Field(key: "person_name") var personName: String
    @OptionalField(key: "from_status") var fromStatus: String?
    @OptionalField(key: "to_status") var toStatus: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The trail: what prompted a decision (an insight, a bundle, a theme or an activity).
final class DecisionLink: Model, @unchecked Sendable {
    static let schema = "decision_links"
    enum Kind: String, CaseIterable, Sendable { case insight, bundle, theme, activity }
    @ID(key: .id) var id: UUID?
    @Parent(key: "decision_id") var decision: Decision
    @Field(key: "kind") var kind: String
    @Field(key: "target_id") var targetID: UUID
    init() {}
    init(decision: UUID, kind: Kind, target: UUID) { $decision.id = decision; self.kind = kind.rawValue; targetID = target }
}
