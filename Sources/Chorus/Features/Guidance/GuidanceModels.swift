import Fluent
import Foundation

/// A page of the good-practice library, in Markdown (ChorusCore `Markdown`).
final class GuidancePage: Model, @unchecked Sendable {
    static let schema = "guidance_pages"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    @Field(key: "visibility") var visibility: String
    @OptionalField(key: "method") var method: String?
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalField(key: "source_activity_id") var sourceActivityID: UUID?
    @Field(key: "published") var published: Bool
    @OptionalField(key: "published_day") var publishedDay: Int?
    @OptionalField(key: "created_by_person_id") var createdByPersonID: UUID?
    @Field(key: "updated_by_name") var updatedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A training course of the partnership's offer.
final class TrainingCourse: Model, @unchecked Sendable {
    static let schema = "training_courses"
    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "level") var level: String
    @Field(key: "description") var description: String
    @OptionalField(key: "refresh_months") var refreshMonths: Int?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// One run of a course.
final class TrainingSession: Model, @unchecked Sendable {
    static let schema = "training_sessions"
    @ID(key: .id) var id: UUID?
    @Parent(key: "course_id") var course: TrainingCourse
    @Field(key: "day") var day: Int
    @Field(key: "place") var place: String
    @Field(key: "trainer") var trainer: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// Someone at a session: a member of staff (by account) or a resident or volunteer (by name only).
final class TrainingAttendance: Model, @unchecked Sendable {
    static let schema = "training_attendance"
    @ID(key: .id) var id: UUID?
    @Parent(key: "session_id") var session: TrainingSession
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "attendee_name") var attendeeName: String
    @OptionalParent(key: "organisation_id") var organisation: Organisation?
    @Field(key: "completed") var completed: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
