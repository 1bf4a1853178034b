import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Training records: courses at practitioner, specialist and involvement level (with how often they need refreshing),
/// their sessions, and who attended and completed each (staff by account; residents and volunteers by name only).
struct CreateTraining: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("training_courses")
            .id()
            .field("title", .string, .required)
            // A TrainingLevel code.
            .field("level", .string, .required)
            .field("description", .string, .required)
            .field("refresh_months", .int)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("created_at", .datetime)
            .create()
        try await db.schema("training_sessions")
            .id()
            .field("course_id", .uuid, .required, .references("training_courses", "id", onDelete: .cascade))
            .field("day", .int, .required)
            .field("place", .string, .required)
            .field("trainer", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("training_attendance")
            .id()
            .field("session_id", .uuid, .required, .references("training_sessions", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("people", "id", onDelete: .cascade))
            .field("attendee_name", .string, .required)
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("completed", .bool, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "training_attendance_session").on("training_attendance").column("session_id").run()
            try await sql.create(index: "training_attendance_person").on("training_attendance").column("person_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        for t in ["training_attendance", "training_sessions", "training_courses"] { try await db.schema(t).delete() }
    }
}
