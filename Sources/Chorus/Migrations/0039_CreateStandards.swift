import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Quality standards and "how are we doing?" self-assessments: numbered versions of the whole set of standards
/// (JSON of ChorusCore's `StandardSet`), assessments made against one version, a rating per standard with its
/// evidence, moderation challenges, and the action plan the gaps become.
struct CreateStandards: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("standard_sets")
            .id()
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("note", .string)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "version")
            .create()
        try await db.schema("standard_assessments")
            .id()
            // nil: the whole partnership's assessment.
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("service", .string)
            .field("title", .string, .required)
            .field("set_version", .int, .required)
            .field("period_from_day", .int, .required)
            .field("period_to_day", .int, .required)
            // "organisation" (its own staff and partnership admins) or "partnership" (every partner's staff).
            .field("sharing", .string, .required)
            // An AssessmentStatus code.
            .field("status", .string, .required)
            .field("created_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("agreed_by_name", .string)
            .field("agreed_day", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("standard_ratings")
            .id()
            .field("assessment_id", .uuid, .required, .references("standard_assessments", "id", onDelete: .cascade))
            .field("standard_key", .string, .required)
            // A StandardLevel code.
            .field("level", .string, .required)
            .field("evidence", .string, .required)
            // Links to evidence, one a line.
            .field("links", .string, .required)
            // The figures Chorus suggested, as they were when the rater chose to include them (JSON).
            .field("figures", .string, .required)
            .field("rated_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("rated_by_name", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "assessment_id", "standard_key")
            .create()
        try await db.schema("standard_challenges")
            .id()
            .field("assessment_id", .uuid, .required, .references("standard_assessments", "id", onDelete: .cascade))
            .field("standard_key", .string, .required)
            .field("from_level", .string, .required)
            .field("proposed_level", .string, .required)
            .field("reason", .string, .required)
            .field("raised_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("raised_by_name", .string, .required)
            // "reviewer" (the signed-in member of staff) or "community" (a steering-group member, recorded by staff).
            .field("raised_as", .string, .required)
            // A ChallengeStatus code.
            .field("status", .string, .required)
            .field("response", .string)
            .field("resolved_by_name", .string)
            .field("resolved_day", .int)
            .field("created_at", .datetime)
            .create()
        try await db.schema("standard_actions")
            .id()
            .field("assessment_id", .uuid, .required, .references("standard_assessments", "id", onDelete: .cascade))
            .field("standard_key", .string, .required)
            .field("title", .string, .required)
            .field("owner_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("due_day", .int, .required)
            // An ActionStatus code, as decision spaces' actions.
            .field("status", .string, .required)
            .field("reason", .string)
            .field("progress", .string)
            .field("status_day", .int, .required)
            .field("done_day", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "standard_assessments_org").on("standard_assessments").column("organisation_id").run()
            try await sql.create(index: "standard_challenges_assessment").on("standard_challenges").column("assessment_id").run()
            try await sql.create(index: "standard_actions_assessment").on("standard_actions").column("assessment_id").run()
            try await sql.create(index: "standard_actions_owner").on("standard_actions").column("owner_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        for t in ["standard_actions", "standard_challenges", "standard_ratings", "standard_assessments", "standard_sets"] {
            try await db.schema(t).delete()
        }
    }
}
