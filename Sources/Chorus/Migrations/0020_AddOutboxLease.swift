import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// The outbox lease: which server pass has claimed an email, and until when.
struct AddOutboxLease: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds one column at a time.
        try await db.schema("email_outbox").field("lease_owner", .string).update()
        try await db.schema("email_outbox").field("lease_until", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("email_outbox").deleteField("lease_until").update()
        try await db.schema("email_outbox").deleteField("lease_owner").update()
    }
}
