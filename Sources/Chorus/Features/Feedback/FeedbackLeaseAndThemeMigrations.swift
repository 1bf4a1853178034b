import Fluent
import SQLKit

/// The outbox lease: which server pass has claimed an email, and until when (`OutboxService.deliverDue`).
struct AddOutboxLease: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds one column at a time.
        try await db.schema(OutboxEmail.schema).field("lease_owner", .string).update()
        try await db.schema(OutboxEmail.schema).field("lease_until", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(OutboxEmail.schema).deleteField("lease_until").update()
        try await db.schema(OutboxEmail.schema).deleteField("lease_owner").update()
    }
}
