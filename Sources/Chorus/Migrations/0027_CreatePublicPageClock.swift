import Fluent
import Foundation
import SQLKit

// Frozen: shipped. Never edit this migration; change the schema with a new one (docs/development.md, "Migrations").

/// One row counting changes to what residents can see, so that servers sharing a PostgreSQL database drop their
/// cached public pages when another server writes (`PublicPagesClock`).
struct CreatePublicPageClock: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("public_page_clock")
            .field("id", .int, .identifier(auto: false))
            .field("generation", .int64, .required)
            // seconds since 1970 (a number compares the same way on SQLite and PostgreSQL)
            .field("changed_at", .double, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: "public_page_clock").columns("id", "generation", "changed_at")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(Date().timeIntervalSince1970)).run()
    }

    func revert(on db: any Database) async throws { try await db.schema("public_page_clock").delete() }
}
