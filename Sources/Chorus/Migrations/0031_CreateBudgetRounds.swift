import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Participatory budgeting rounds attached to register activities: the round (its phases, ballot rules, outcome rule
/// and the tie seed published before voting closes, and the outcome frozen when results are published), its pots of
/// money (round-wide or for one ward), the proposals residents and staff make (moderation, feasibility review, cost
/// changes with reasons, merging, a recorded override, delivery) with their photos, and one current ballot per voter: a signed-in
/// resident, or a voter recorded by name and postcode when staff key in a paper or assisted ballot.
struct CreateBudgetRounds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("budget_rounds")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("intro", .string, .required)
            // draft, proposals, review, voting, counting, results (`BudgetPhase`).
            .field("phase", .string, .required)
            // What each phase tells residents, and its planned dates, as JSON (`BudgetRoundSettings`).
            .field("settings", .string, .required)
            .field("ballot_rules", .string, .required)
            .field("outcome_rule", .string, .required)
            .field("tie_seed", .string, .required)
            .field("voting_closes_day", .int)
            // The published outcome, frozen (JSON), and when.
            .field("outcome", .string)
            .field("results_published_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("budget_pots")
            .id()
            .field("round_id", .uuid, .required, .references("budget_rounds", "id", onDelete: .cascade))
            .field("name", .string, .required)
            // A ward's pot: only that ward's residents vote in it. Nil: the whole round's area (also if the ward is deleted).
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            .field("budget_pence", .int64, .required)
            .field("position", .int, .required)
            .create()
        try await db.schema("budget_proposals")
            .id()
            .field("round_id", .uuid, .required, .references("budget_rounds", "id", onDelete: .cascade))
            .field("pot_id", .uuid, .references("budget_pots", "id", onDelete: .setNull))
            .field("reference", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("category", .string)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            .field("cost_pence", .int64, .required)
            // The cost the proposer asked for, when review changed it (with the reason, published).
            .field("proposed_cost_pence", .int64)
            .field("cost_reason", .string)
            // submitted, published, rejected, merged (`BudgetProposalStatus`); feasibility pending, feasible, not_feasible.
            .field("status", .string, .required)
            .field("moderation_reason", .string)
            .field("merged_into_id", .uuid, .references("budget_proposals", "id", onDelete: .setNull))
            .field("feasibility", .string, .required)
            .field("feasibility_reason", .string)
            .field("reviewer_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("reviewer_name", .string)
            .field("reviewed_at", .datetime)
            // Who proposed it: a resident (personal data, `BudgetPersonalData`), or a group or service named by staff.
            .field("author_resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            .field("author_name", .string)
            .field("added_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            // A decision after the count: fund or drop, with its reason, shown on the results page.
            .field("override", .string)
            .field("override_reason", .string)
            // A funded project's delivery: not_started, in_progress, delivered, cancelled, and its note.
            .field("delivery", .string)
            .field("delivery_note", .string)
            // The action, in a decision linked to the round's activity, that delivers it: its status is the project's.
            .field("delivery_action_id", .uuid, .references("decision_actions", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "reference")
            .create()
        // A proposal's photo with its alt text, checked and stripped of metadata (`ImageUpload`), in the database so every
        // server of a deployment serves it and a backup holds it; it goes with its proposal.
        try await db.schema("budget_proposal_photos")
            .id()
            .field("proposal_id", .uuid, .required, .references("budget_proposals", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("bytes", .data, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("alt", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "proposal_id")
            .create()
        try await db.schema("budget_ballots")
            .id()
            .field("round_id", .uuid, .required, .references("budget_rounds", "id", onDelete: .cascade))
            // The receipt a voter keeps and looks up on the results page.
            .field("reference", .string, .required)
            .field("resident_id", .uuid, .references("residents", "id", onDelete: .setNull))
            // A paper or assisted voter: name and postcode as given, and their keyed hash (the same person twice).
            .field("voter_name", .string)
            .field("voter_postcode", .string)
            .field("voter_key", .string)
            .field("place_id", .uuid, .references("places", "id", onDelete: .setNull))
            // project id -> value (1, points or rank), JSON; blank: a deliberate blank ballot.
            .field("choices", .string, .required)
            .field("blank", .bool, .required)
            // web, paper or assisted.
            .field("channel", .string, .required)
            .field("keyed_by_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("keyed_by_name", .string)
            .field("age_declared", .bool, .required)
            // Staff who checked the voter in person (optional, where a round asks for it), and when.
            .field("verified_by_name", .string)
            .field("verified_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "reference")
            .unique(on: "round_id", "resident_id")
            .unique(on: "round_id", "voter_key")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "budget_rounds_activity").on("budget_rounds").column("activity_id").run()
        try await sql.create(index: "budget_proposals_round").on("budget_proposals").column("round_id").column("status").run()
        try await sql.create(index: "budget_ballots_round").on("budget_ballots").column("round_id").column("updated_at").run()
    }

    func revert(on db: any Database) async throws {
        for table in ["budget_ballots", "budget_proposal_photos", "budget_proposals", "budget_pots", "budget_rounds"] {
            try await db.schema(table).delete()
        }
    }
}
