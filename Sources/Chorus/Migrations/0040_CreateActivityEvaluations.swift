import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// An activity's evaluation after it closes (did it reach who it meant to, what worked, what went wrong, what we would
/// do differently, what it cost, what participants said of it): one per activity, read by every partner as lessons.
struct CreateActivityEvaluations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("activity_evaluations")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            // An EvaluationReach code.
            .field("reached", .string, .required)
            .field("reach_notes", .string, .required)
            .field("what_worked", .string, .required)
            .field("what_went_wrong", .string, .required)
            .field("do_differently", .string, .required)
            .field("participants_said", .string, .required)
            // Whole pounds; nil: not recorded.
            .field("cost_pounds", .int)
            .field("evaluated_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("evaluated_by_name", .string, .required)
            .field("evaluated_day", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "activity_id")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("activity_evaluations").delete() }
}
