import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// "Home, street, community" campaigns: a partner's campaign on a theme (litter, being active, good neighbours) with
/// actions at three levels, each with how-to guidance and a toolkit (poster and letter text); residents' pledges to an
/// action (signed in or anonymous with a ward; a group for a community action), reported done; and the organiser's
/// updates, emailed to pledgers who asked.
struct CreateCampaigns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("campaigns")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            // litter, be_active, good_neighbours, other (`CampaignTheme`).
            .field("theme", .string, .required)
            .field("summary", .string, .required)
            .field("introduction", .string, .required)
            // draft, live, closed (`CampaignStatus`).
            .field("status", .string, .required)
            // The register activity whose insights residents' comments become (nil: comments stay on the pledge).
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            // Linked crowdfunding projects and register activities: JSON arrays of ids.
            .field("crowdfund_project_ids", .string, .required)
            .field("activity_ids", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("campaign_actions")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            // home, street, community (`ActionLevel`).
            .field("level", .string, .required)
            .field("title", .string, .required)
            .field("how_to", .string, .required)
            // The toolkit: text for a poster and for a letter to neighbours, printed from the toolkit page.
            .field("poster_text", .string, .required)
            .field("letter_text", .string, .required)
            .field("position", .int, .required)
            .create()
        try await db.schema("campaign_pledges")
            .id()
            .field("action_id", .uuid, .required, .references("campaign_actions", "id", onDelete: .cascade))
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            // The signed-in resident (nil: anonymous, or the link was erased or expired).
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            // A group pledging a community action ("Harbour Street residents' association").
            .field("group_name", .string)
            .field("comment", .string)
            .field("done_at", .datetime)
            .field("wants_updates", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("campaign_updates")
            .id()
            .field("campaign_id", .uuid, .required, .references("campaigns", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("posted_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "campaign_actions_campaign").on("campaign_actions").column("campaign_id").column("position").run()
        try await sql.create(index: "campaign_pledges_campaign").on("campaign_pledges").column("campaign_id").run()
        try await sql.create(index: "campaign_pledges_resident").on("campaign_pledges").column("resident_id").run()
        try await sql.create(index: "campaigns_status").on("campaigns").column("status").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["campaign_updates", "campaign_pledges", "campaign_actions", "campaigns"] { try await db.schema(table).delete() }
    }
}
