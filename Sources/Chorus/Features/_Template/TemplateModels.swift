import Fluent
import Foundation

/// A note an organisation keeps (the template's one table). Fluent models stay inside the feature's service.
final class TemplateNote: Model, @unchecked Sendable {
    static let schema = "template_notes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// Frozen: literal table and column names, no calls into live code; never edited once shipped.
struct CreateTemplateNotes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("template_notes")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("created_at", .datetime)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema("template_notes").delete() }
}
