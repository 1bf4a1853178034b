import Fluent
import SQLKit

// Frozen once shipped. Never edit a shipped migration; change the schema with a new one (docs/development.md, "Migrations").

/// Volunteering offers and shared resources: what a partner offers (volunteering days, skills, time-bank hours,
/// equipment, rooms), where and on what themes, and each group's request for it with its outcome and the amount given;
/// and the directory's name order as an index.
struct CreateDirectoryOffers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("directory_offers")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            // An OfferKind code; the amounts are in its unit.
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            // How much is offered in all (nil: no fixed amount).
            .field("amount", .int)
            .field("borough_wide", .bool, .required)
            // Ward and theme ids, comma-separated with leading and trailing commas (",id,id,"), so one LIKE finds one.
            .field("place_ids", .string, .required)
            .field("theme_ids", .string, .required)
            .field("available_from_day", .int)
            .field("available_to_day", .int)
            .field("open", .bool, .required)
            .field("created_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema("directory_offer_requests")
            .id()
            .field("offer_id", .uuid, .required, .references("directory_offers", "id", onDelete: .cascade))
            .field("entry_id", .uuid, .required, .references("directory_entries", "id", onDelete: .cascade))
            .field("requested_by_person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("requester_organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("purpose", .string, .required)
            .field("wanted_day", .int)
            .field("amount", .int)
            // An OfferRequestStatus code.
            .field("status", .string, .required)
            .field("given_amount", .int)
            .field("given_day", .int)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            // The directory's lists and Open Referral pages are in name order: walked from an index, not sorted whole.
            try await sql.create(index: "directory_entries_name").on("directory_entries").column("name").column("id").run()
            try await sql.create(index: "directory_offers_kind").on("directory_offers").column("kind").column("open").run()
            try await sql.create(index: "directory_offer_requests_offer").on("directory_offer_requests").column("offer_id").run()
            try await sql.create(index: "directory_offer_requests_entry").on("directory_offer_requests").column("entry_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.drop(index: "directory_entries_name").run() }
        try await db.schema("directory_offer_requests").delete()
        try await db.schema("directory_offers").delete()
    }
}
