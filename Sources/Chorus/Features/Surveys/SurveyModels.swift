import Fluent
import ChorusCore
import Foundation

/// A survey attached to a register activity. Its pages and questions are one JSON `SurveyDefinition`: conditions
/// refer across questions, so the builder checks and saves the whole at once.
final class Survey: Model, @unchecked Sendable {
    static let schema = "surveys"
    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "title") var title: String
    @Field(key: "intro") var intro: String
    @Field(key: "definition") var definition: String
    /// draft, open or closed (`SurveyStatus`).
    @Field(key: "status") var status: String
    /// anonymous, signed_in or either (`SurveyResponseMode`).
    @Field(key: "response_mode") var responseMode: String
    @OptionalField(key: "closes_day") var closesDay: Int?
    @Field(key: "ask_equality") var askEquality: Bool
    @OptionalField(key: "results_summary") var resultsSummary: String?
    @OptionalField(key: "results_published_at") var resultsPublishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    /// A new survey of an activity's organisation, made now (the builder, a duplicate, the demo and the bench).
    convenience init(
        activityID: UUID, organisationID: UUID, title: String, intro: String, definition: String, status: SurveyStatus,
        mode: SurveyResponseMode, closes: Day? = nil, askEquality: Bool
    ) {
        self.init()
        self.activityID = activityID
        $organisation.id = organisationID
        self.title = title
        self.intro = intro
        self.definition = definition
        self.status = status.rawValue
        responseMode = mode.rawValue
        closesDay = closes?.ordinal
        self.askEquality = askEquality
        createdAt = Date()
        updatedAt = createdAt
    }
}

/// One resident's response, a draft until they submit it. Answers are `[question id: [values]]` as JSON.
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "survey_responses"
    @ID(key: .id) var id: UUID?
    @Field(key: "survey_id") var surveyID: UUID
    @Field(key: "reference") var reference: String
    @OptionalField(key: "resident_id") var residentID: UUID?
    @Field(key: "answers") var answers: String
    /// draft or submitted.
    @Field(key: "status") var status: String
    /// web, paper or phone.
    @Field(key: "channel") var channel: String
    @OptionalField(key: "keyed_by_id") var keyedByID: UUID?
    @OptionalField(key: "draft_hash") var draftHash: String?
    @OptionalField(key: "resume_hash") var resumeHash: String?
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    init() {}
}

/// Equality monitoring answers given with a response, kept apart from the answers and read only as counts.
final class SurveyEquality: Model, @unchecked Sendable {
    static let schema = "survey_equality"
    @ID(key: .id) var id: UUID?
    @Field(key: "survey_id") var surveyID: UUID
    @Field(key: "response_id") var responseID: UUID
    @Field(key: "answers") var answers: String
    init() {}
}
