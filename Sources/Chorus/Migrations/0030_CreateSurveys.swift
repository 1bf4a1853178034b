import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Surveys attached to register activities (their pages and questions as one JSON definition, since conditions refer
/// across questions and the builder checks the whole), the responses residents give (drafts kept server-side while
/// they go page to page, one per signed-in resident, a resume code's hash for anonymous save-and-return, paper and
/// phone responses keyed in by staff), and equality monitoring answers in a table of their own, read only as counts.
struct CreateSurveys: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("surveys")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("intro", .string, .required)
            .field("definition", .string, .required)
            .field("status", .string, .required)
            .field("response_mode", .string, .required)
            .field("closes_day", .int)
            .field("ask_equality", .bool, .required)
            .field("results_summary", .string)
            .field("results_published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("survey_responses")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("reference", .string, .required)
            // A resident's own response (one per survey); nil when anonymous or keyed in from paper or phone.
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("answers", .string, .required)
            .field("status", .string, .required)
            .field("channel", .string, .required)
            .field("keyed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            // The browser's draft token and the resume code, both as hashes: neither names anyone.
            .field("draft_hash", .string)
            .field("resume_hash", .string)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            .field("started_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .unique(on: "reference")
            .unique(on: "survey_id", "resident_id")
            .unique(on: "draft_hash")
            .unique(on: "resume_hash")
            .create()
        try await db.schema("survey_equality")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("response_id", .uuid, .required, .references("survey_responses", "id", onDelete: .cascade))
            .field("answers", .string, .required)
            .unique(on: "response_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "surveys_activity").on("surveys").column("activity_id").run()
        // The exports' keyset pages (in the order responses came), and the results' "has anything changed" check.
        try await sql.create(index: "survey_responses_survey").on("survey_responses").column("survey_id").column("status").column("submitted_at")
            .run()
        try await sql.create(index: "survey_responses_changed").on("survey_responses").column("survey_id").column("status").column("updated_at")
            .run()
    }

    func revert(on db: any Database) async throws {
        for table in ["survey_equality", "survey_responses", "surveys"] { try await db.schema(table).delete() }
    }
}
