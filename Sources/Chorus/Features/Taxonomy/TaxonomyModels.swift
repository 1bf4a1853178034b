import Fluent
import Vapor

/// A theme in the shared taxonomy; themes nest (Environment & place › Climate change).
final class Theme: Model, @unchecked Sendable {
    static let schema = "themes"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    @OptionalParent(key: "parent_id") var parent: Theme?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A community of place, identity or interest that engagement is aimed at.
final class Audience: Model, @unchecked Sendable {
    static let schema = "audiences"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "description") var description: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}
