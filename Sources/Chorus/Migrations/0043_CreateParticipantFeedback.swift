import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Participants' anonymous answers to "how was taking part?" for a closed activity: no name, address or account.
struct CreateParticipantFeedback: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("participant_feedback")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            // ParticipantFeedback.Listened and .Ease codes.
            .field("listened", .string, .required)
            .field("ease", .string, .required)
            .field("comment", .string, .required)
            .field("language", .string, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "participant_feedback_activity").on("participant_feedback").column("activity_id").run()
        }
    }

    func revert(on db: any Database) async throws { try await db.schema("participant_feedback").delete() }
}
