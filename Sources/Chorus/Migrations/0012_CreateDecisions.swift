import Fluent
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// Decision spaces (members, organisations, themes), meetings, agenda items, decisions, actions and their notes, and
/// what a decision links to.
struct CreateDecisions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("decision_spaces")
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("remit", .string, .required)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("decision_space_members")
            .id()
            .field("space_id", .uuid, .required, .references("decision_spaces", "id", onDelete: .cascade))
            .field("person_id", .uuid, .references("people", "id"))
            .field("external_name", .string)
            .field("member_role", .string)
            .field("is_secretary", .bool, .required)
            .create()
        for (table, column, target) in [
            ("decision_space_organisations", "organisation_id", "organisations"),
            ("decision_space_themes", "theme_id", "themes"),
        ] {
            try await db.schema(table)
                .id()
                .field("space_id", .uuid, .required, .references("decision_spaces", "id", onDelete: .cascade))
                .field(.string(column), .uuid, .required, .references(target, "id"))
                .unique(on: "space_id", .string(column))
                .create()
        }
        try await db.schema("meetings")
            .id()
            .field("space_id", .uuid, .required, .references("decision_spaces", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("meeting_day", .int, .required)
            .field("location", .string)
            .field("created_at", .datetime)
            .create()
        try await db.schema("agenda_items")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("notes", .string)
            .field("bundle_id", .uuid, .references("insight_bundles", "id", onDelete: .setNull))
            .field("theme_id", .uuid, .references("themes", "id", onDelete: .setNull))
            .create()
        try await db.schema("decisions")
            .id()
            .field("agenda_item_id", .uuid, .required, .references("agenda_items", "id", onDelete: .cascade))
            .field("space_id", .uuid, .required, .references("decision_spaces", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("decided_day", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("decision_actions")
            .id()
            .field("decision_id", .uuid, .required, .references("decisions", "id", onDelete: .cascade))
            .field("space_id", .uuid, .required, .references("decision_spaces", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("owner_id", .uuid, .references("people", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("due_day", .int)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("status_day", .int, .required)
            .field("done_day", .int)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("decision_action_notes")
            .id()
            .field("action_id", .uuid, .required, .references("decision_actions", "id", onDelete: .cascade))
            .field("note_day", .int, .required)
            .field("text", .string, .required)
            .field("person_name", .string, .required)
            .field("from_status", .string)
            .field("to_status", .string)
            .field("created_at", .datetime)
            .create()
        try await db.schema("decision_links")
            .id()
            .field("decision_id", .uuid, .required, .references("decisions", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("target_id", .uuid, .required)
            .unique(on: "decision_id", "kind", "target_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "decision_space_members_person").on("decision_space_members").column("person_id").column("space_id").run()
        try await sql.create(index: "meetings_space_day").on("meetings").column("space_id").column("meeting_day").run()
        try await sql.create(index: "agenda_items_meeting").on("agenda_items").column("meeting_id").column("position").run()
        try await sql.create(index: "decisions_item").on("decisions").column("agenda_item_id").run()
        try await sql.create(index: "decision_actions_owner").on("decision_actions").column("owner_id").column("status").run()
        try await sql.create(index: "decision_actions_space").on("decision_actions").column("space_id").column("status").run()
        try await sql.create(index: "decision_actions_decision").on("decision_actions").column("decision_id").run()
        try await sql.create(index: "decision_action_notes_action").on("decision_action_notes").column("action_id").run()
        try await sql.create(index: "decision_links_target").on("decision_links").column("kind").column("target_id").run()
    }

    func revert(on db: any Database) async throws {
        for table in [
            "decision_links", "decision_action_notes", "decision_actions", "decisions", "agenda_items", "meetings",
            "decision_space_themes", "decision_space_organisations", "decision_space_members", "decision_spaces",
        ] {
            try await db.schema(table).delete()
        }
    }
}
