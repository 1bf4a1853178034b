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
