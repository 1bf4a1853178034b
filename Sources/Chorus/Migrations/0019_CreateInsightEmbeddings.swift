import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Each insight's sentence embedding (float16), with the model that made it and a hash of the text.
struct CreateInsightEmbeddings: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("insight_embeddings")
            .field("insight_id", .uuid, .identifier(auto: false), .references("insights", "id", onDelete: .cascade))
            .field("model", .string, .required)
            .field("text_hash", .string, .required)
            .field("vector", .data, .required)
            .field("embedded_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("insight_embeddings").delete() }
}
