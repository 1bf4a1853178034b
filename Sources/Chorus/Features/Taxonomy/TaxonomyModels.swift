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

struct CreateTaxonomy: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Theme.schema)
            .id()
            .field("name", .string, .required)
            .field("description", .string)
            .field("parent_id", .uuid, .references(Theme.schema, "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema(Audience.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }
    func revert(on db: any Database) async throws {
        try await db.schema(Audience.schema).delete()
        try await db.schema(Theme.schema).delete()
    }
}
