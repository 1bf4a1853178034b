import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Civic crowdfunding: projects residents and groups propose (costed items, funding model, deadline, verification by
/// staff, updates, a delivery report); pledges (a resident's card saved with the provider, an offline promise or cash
/// staff received, or a match fund's computed pledge), each with its provider references and retries; the ledger every
/// total is summed from; partners' match funds (rules as JSON, budget, round dates, ward need index) and their decision
/// on each project; and the provider's webhook events already applied, so a replayed one is applied once.
struct CreateCrowdfunding: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("crowdfund_projects")
            .id()
            // The resident who wrote it, if a resident did (nil: staff entered it for a group, or the account was deleted).
            .field("creator_resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("creator_kind", .string, .required)
            .field("group_name", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("story", .string, .required)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            .field("category", .string, .required)
            .field("target_pence", .int64, .required)
            .field("funding_model", .string, .required)
            // The last day pledges are taken (a `Day` ordinal); overfunding keeps it open that many days more.
            .field("deadline_day", .int, .required)
            .field("overfunding_days", .int, .required)
            .field("overfunding_uses", .string, .required)
            .field("stage", .string, .required)
            // The verifier's checklist answers (JSON), their name, and the reasons if refused.
            .field("checks", .string, .required)
            .field("verified_by_name", .string)
            .field("verified_at", .datetime)
            .field("refusal", .string)
            // The register activity that wraps engagement around the project.
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("delivery_report", .string)
            // Set when the close job charges (collecting), and when it settles (funded or unsuccessful).
            .field("closing_at", .datetime)
            .field("settled_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("crowdfund_items")
            .id()
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("description", .string, .required)
            .field("cost_pence", .int64, .required)
            .create()
        try await db.schema("crowdfund_updates")
            .id()
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("posted_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("match_funds")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("description", .string, .required)
            // `MatchFundRules`, JSON.
            .field("rules", .string, .required)
            .field("budget_pence", .int64, .required)
            // The round: projects going live from `opens_day` to `closes_day` may be matched.
            .field("opens_day", .int, .required)
            .field("closes_day", .int, .required)
            // Ward GSS code → need score, JSON (`NeedIndex`); "{}" when the fund does not weight by need.
            .field("need_index", .string, .required)
            // The funder's org-id (GB-LAE-…) for 360Giving.
            .field("funder_identifier", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("crowdfund_pledges")
            .id()
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            // card, offline (a promise to pay by cash, cheque or bank transfer, or money staff received), fund.
            .field("method", .string, .required)
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("fund_id", .uuid, .references("match_funds", "id", onDelete: .cascade))
            // The name shown on the project ("" for anonymous) and, for a pledge staff recorded, who to contact.
            .field("shown_name", .string, .required)
            .field("contact", .string)
            .field("amount_pence", .int64, .required)
            // awaiting_card, pledged, authorised, charging, collected, failed, cancelled, refund_due, refunded, paid_out.
            .field("status", .string, .required)
            .field("provider_customer", .string)
            .field("provider_method", .string)
            .field("provider_session", .string)
            .field("provider_payment", .string)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("last_error", .string)
            .field("recorded_by_name", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "provider_session")
            .create()
        try await db.schema("crowdfund_ledger")
            .id()
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            .field("pledge_id", .uuid, .required, .references("crowdfund_pledges", "id", onDelete: .cascade))
            .field("event", .string, .required)
            .field("from_account", .string, .required)
            .field("to_account", .string, .required)
            .field("amount_pence", .int64, .required)
            // The provider's reference (a charge, a refund) or the staff member who recorded it.
            .field("reference", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema("match_offers")
            .id()
            .field("fund_id", .uuid, .required, .references("match_funds", "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references("crowdfund_projects", "id", onDelete: .cascade))
            // approved or declined; the reason and who decided.
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("decided_by_name", .string, .required)
            .field("decided_at", .datetime, .required)
            .field("pledge_id", .uuid, .references("crowdfund_pledges", "id", onDelete: .setNull))
            .unique(on: "fund_id", "project_id")
            .create()
        try await db.schema("payment_events")
            .field("event_id", .string, .identifier(auto: false))
            .field("type", .string, .required)
            .field("received_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "crowdfund_pledges_project").on("crowdfund_pledges").column("project_id").column("status").run()
        try await sql.create(index: "crowdfund_pledges_resident").on("crowdfund_pledges").column("resident_id").run()
        try await sql.create(index: "crowdfund_ledger_project").on("crowdfund_ledger").column("project_id").run()
        // A pledge's balances are read before every movement of its money.
        try await sql.create(index: "crowdfund_ledger_pledge").on("crowdfund_ledger").column("pledge_id").run()
        try await sql.create(index: "crowdfund_pledges_fund").on("crowdfund_pledges").column("fund_id").run()
        try await sql.create(index: "crowdfund_projects_stage").on("crowdfund_projects").column("stage").column("deadline_day").run()
    }

    func revert(on db: any Database) async throws {
        for table in [
            "payment_events", "match_offers", "crowdfund_ledger", "crowdfund_pledges", "match_funds", "crowdfund_updates", "crowdfund_items",
            "crowdfund_projects",
        ] {
            try await db.schema(table).delete()
        }
    }
}
