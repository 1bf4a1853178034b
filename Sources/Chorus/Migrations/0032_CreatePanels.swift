import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Citizens' panels: a standing panel an organisation runs; its members (a signed-in resident, or someone staff add
/// from a paper or phone form) with the Census-style profile selection uses and the consent wording they agreed to;
/// the address list of a letter lottery, each household with the code on its letter, and each draw with its seed;
/// and the selections for events (targets, the pool frozen and hashed when published, the seed and the outcome) with
/// each volunteer's pseudonym, selection probability and what happened after (invited, confirmed, withdrawn, replaced,
/// sessions attended), and the expenses and thank-you payments made to them.
struct CreatePanels: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("panels")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("intro", .string, .required)
            // Open: residents may join online; closed: the join page says so.
            .field("open", .bool, .required)
            .field("max_per_household", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("panel_lotteries")
            .id()
            .field("panel_id", .uuid, .required, .references("panels", "id", onDelete: .cascade))
            .field("seed", .string, .required)
            .field("households_drawn", .int, .required)
            .field("drawn_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("panel_households")
            .id()
            .field("panel_id", .uuid, .required, .references("panels", "id", onDelete: .cascade))
            // Position in the imported list: the letter lottery samples positions (`PanelLetterLottery`).
            .field("position", .int, .required)
            .field("uprn", .string)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .field("code", .string, .required)
            .field("lottery_id", .uuid, .references("panel_lotteries", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "code")
            .unique(on: "panel_id", "position")
            .create()
        try await db.schema("panel_members")
            .id()
            .field("panel_id", .uuid, .required, .references("panels", "id", onDelete: .cascade))
            // A member who joined online; nil for one added from a paper or phone form (name and contact instead).
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("name", .string)
            .field("contact", .string)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            // Answers to `PanelProfileQuestions`, JSON.
            .field("profile", .string, .required)
            .field("household_id", .uuid, .references("panel_households", "id", onDelete: .setNull))
            // web, paper, phone (`ConsentChannel`), the exact consent words shown, and who keyed a paper form in.
            .field("channel", .string, .required)
            .field("consent_wording", .string, .required)
            .field("added_by_name", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "panel_id", "resident_id")
            .create()
        try await db.schema("panel_selections")
            .id()
            .field("panel_id", .uuid, .required, .references("panels", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("panel_size", .int, .required)
            .field("algorithm", .string, .required)
            // The targets (`PanelQuota` list, JSON) and whether one household may have one seat only.
            .field("targets", .string, .required)
            .field("keep_households_apart", .bool, .required)
            // The event's sessions, ISO days separated by commas (attendance is recorded per session).
            .field("sessions", .string, .required)
            // Who is in the pool: all (every member) or available (members who said they can come).
            .field("pool_rule", .string, .required)
            // draft, published (pool and targets frozen and hashed), drawn.
            .field("status", .string, .required)
            .field("categories_csv", .string)
            .field("respondents_csv", .string)
            .field("pool_hash", .string)
            .field("seed", .string)
            .field("published_at", .datetime)
            // The distribution over panels (`PanelDistribution`, JSON), the panel drawn, and when.
            .field("distribution", .string)
            .field("drawn_at", .datetime)
            .field("seconds", .double)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("panel_selection_people")
            .id()
            .field("selection_id", .uuid, .required, .references("panel_selections", "id", onDelete: .cascade))
            .field("member_id", .uuid, .references("panel_members", "id", onDelete: .setNull))
            .field("pseudonym", .string, .required)
            .field("position", .int, .required)
            .field("probability", .double)
            // pool, selected, invited, confirmed, declined, withdrawn; replacement: selected to fill a withdrawn seat.
            .field("status", .string, .required)
            .field("access_needs", .string)
            // The sessions attended, ISO days separated by commas.
            .field("attended", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "selection_id", "position")
            .create()
        // Members' answers to "can you come?" for a selection whose pool is those who can.
        try await db.schema("panel_availability")
            .id()
            .field("selection_id", .uuid, .required, .references("panel_selections", "id", onDelete: .cascade))
            .field("member_id", .uuid, .required, .references("panel_members", "id", onDelete: .cascade))
            .field("available", .bool, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "selection_id", "member_id")
            .create()
        // Expenses and thank-you payments to people selected, for finance: kept as financial records, with the name paid.
        try await db.schema("panel_payments")
            .id()
            .field("selection_id", .uuid, .required, .references("panel_selections", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("panel_selection_people", "id", onDelete: .cascade))
            .field("payee_name", .string, .required)
            // expense or thank_you; method bank_transfer, cash, voucher or cheque.
            .field("kind", .string, .required)
            .field("amount_pence", .int64, .required)
            .field("method", .string, .required)
            .field("paid_day", .int, .required)
            .field("note", .string)
            .field("recorded_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "panel_members_panel").on("panel_members").column("panel_id").run()
        try await sql.create(index: "panel_households_panel_lottery").on("panel_households").column("panel_id").column("lottery_id").run()
        try await sql.create(index: "panel_selection_people_member").on("panel_selection_people").column("member_id").run()
    }

    func revert(on db: any Database) async throws {
        for table in [
            "panel_payments", "panel_selection_people", "panel_selections", "panel_members", "panel_households", "panel_lotteries", "panels",
        ] {
            try await db.schema(table).delete()
        }
    }
}
