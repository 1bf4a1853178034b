import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// "You said, we did" reports (one per activity) and their translations, the email outbox and unsubscribed
/// addresses.
struct CreateFeedback: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("feedback_reports")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("what_we_asked", .string, .required)
            .field("what_you_said", .string, .required)
            .field("what_we_did", .string, .required)
            .field("status", .string, .required)
            .field("published_day", .int)
            .field("published_by", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "activity_id")
            .create()
        try await db.schema("feedback_translations")
            .id()
            .field("report_id", .uuid, .required, .references("feedback_reports", "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("what_we_asked", .string, .required)
            .field("what_you_said", .string, .required)
            .field("what_we_did", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "report_id", "language")
            .create()
        try await db.schema("email_outbox")
            .id()
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("reference_id", .uuid, .required)
            .field("unsubscribe_url", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "to_address", "kind", "reference_id")
            .create()
        try await db.schema("email_unsubscribes")
            .id()
            .field("email", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "email_outbox_due").on("email_outbox").column("status").column("next_attempt_at").run()
        try await sql.create(index: "feedback_reports_status").on("feedback_reports").column("status").column("published_day").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["email_unsubscribes", "email_outbox", "feedback_translations", "feedback_reports"] {
            try await db.schema(table).delete()
        }
    }
}
