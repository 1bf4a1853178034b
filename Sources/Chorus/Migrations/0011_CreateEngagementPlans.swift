import Fluent

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Engagement plans (one per activity) and staff comments on them.
struct CreateEngagementPlans: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("engagement_plans")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("answers", .string, .required)
            .field("chosen_level", .string)
            .field("level_reason", .string)
            .field("content", .string, .required)
            .field("is_consultation", .bool, .required)
            .field("short_period_reason", .string)
            .field("gunning", .string, .required)
            .field("vcse_change_day", .int)
            .field("eia_recorded_day", .int)
            .field("dpia_personal_data", .bool)
            .field("dpia_criteria", .string, .required)
            .field("signoff", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "activity_id")
            .create()
        try await db.schema("plan_comments")
            .id()
            .field("plan_id", .uuid, .required, .references("engagement_plans", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required)
            .field("person_name", .string, .required)
            .field("section", .string)
            .field("body", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("plan_comments").delete()
        try await db.schema("engagement_plans").delete()
    }
}
