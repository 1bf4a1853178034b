import Fluent
import Foundation

/// One numbered version of the whole set of standards (ChorusCore `StandardSet` as JSON). Never changed once written:
/// an edit writes the next version.
final class StandardSetVersion: Model, @unchecked Sendable {
    static let schema = "standard_sets"
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "content") var content: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A "how are we doing?" self-assessment of an organisation, one of its services, or the whole partnership.
final class StandardAssessment: Model, @unchecked Sendable {
    static let schema = "standard_assessments"
    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "organisation_id") var organisation: Organisation?
    @OptionalField(key: "service") var service: String?
    @Field(key: "title") var title: String
    @Field(key: "set_version") var setVersion: Int
    @Field(key: "period_from_day") var periodFromDay: Int
    @Field(key: "period_to_day") var periodToDay: Int
    @Field(key: "sharing") var sharing: String
    @Field(key: "status") var status: String
    @OptionalField(key: "created_by_person_id") var createdByPersonID: UUID?
    @OptionalField(key: "agreed_by_name") var agreedByName: String?
    @OptionalField(key: "agreed_day") var agreedDay: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// The rating of one standard in an assessment, with its evidence.
final class StandardRating: Model, @unchecked Sendable {
    static let schema = "standard_ratings"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: StandardAssessment
    @Field(key: "standard_key") var standardKey: String
    @Field(key: "level") var level: String
    @Field(key: "evidence") var evidence: String
    @Field(key: "links") var links: String
    @Field(key: "figures") var figures: String
    @OptionalField(key: "rated_by_person_id") var ratedByPersonID: UUID?
    @Field(key: "rated_by_name") var ratedByName: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A moderator's challenge to one rating, and how it was resolved.
final class StandardChallenge: Model, @unchecked Sendable {
    static let schema = "standard_challenges"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: StandardAssessment
    @Field(key: "standard_key") var standardKey: String
    @Field(key: "from_level") var fromLevel: String
    @Field(key: "proposed_level") var proposedLevel: String
    @Field(key: "reason") var reason: String
    @OptionalField(key: "raised_by_person_id") var raisedByPersonID: UUID?
    @Field(key: "raised_by_name") var raisedByName: String
    @Field(key: "raised_as") var raisedAs: String
    @Field(key: "status") var status: String
    @OptionalField(key: "response") var response: String?
    @OptionalField(key: "resolved_by_name") var resolvedByName: String?
    @OptionalField(key: "resolved_day") var resolvedDay: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// One line of an assessment's action plan: what will be done about a gap, by whom and when.
final class StandardAction: Model, @unchecked Sendable {
    static let schema = "standard_actions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "assessment_id") var assessment: StandardAssessment
    @Field(key: "standard_key") var standardKey: String
    @Field(key: "title") var title: String
    @OptionalParent(key: "owner_id") var owner: Person?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "due_day") var dueDay: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "progress") var progress: String?
    @Field(key: "status_day") var statusDay: Int
    @OptionalField(key: "done_day") var doneDay: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// An activity's evaluation after it closed: one per activity, a lesson for every partner.
final class ActivityEvaluation: Model, @unchecked Sendable {
    static let schema = "activity_evaluations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "reached") var reached: String
    @Field(key: "reach_notes") var reachNotes: String
    @Field(key: "what_worked") var whatWorked: String
    @Field(key: "what_went_wrong") var whatWentWrong: String
    @Field(key: "do_differently") var doDifferently: String
    @Field(key: "participants_said") var participantsSaid: String
    @OptionalField(key: "cost_pounds") var costPounds: Int?
    @OptionalField(key: "evaluated_by_person_id") var evaluatedByPersonID: UUID?
    @Field(key: "evaluated_by_name") var evaluatedByName: String
    @Field(key: "evaluated_day") var evaluatedDay: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// One participant's anonymous answer to "how was taking part?".
final class ParticipantFeedbackAnswer: Model, @unchecked Sendable {
    static let schema = "participant_feedback"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "listened") var listened: String
    @Field(key: "ease") var ease: String
    @Field(key: "comment") var comment: String
    @Field(key: "language") var language: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
