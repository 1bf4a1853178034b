import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers

/// Counts changes to what residents can see, so cached public pages (`PublicPageCache`) are dropped the moment
/// something is written. Anything written counts, not just what a public page shows: a request that changed state
/// (`PublicPagesChangeMiddleware`), a background job that finished, a sweep. Telling which writes a page depends on
/// would be a rule every feature must keep right forever; re-making a page after an unrelated write costs one render.
///
/// On SQLite there is one server, and the counter lives in memory. On PostgreSQL several servers may share the
/// database: each change is also counted in the `public_page_clock` row, and each server reads that row at most once
/// a second, so a report published through one server shows on the others within a second.
final class PublicPagesClock: Sendable {
    static let sharedCheckEvery: TimeInterval = 1
    struct Reading: Sendable, Equatable {
        /// Compared by the cache; changes whenever this server or, on a shared database, another one wrote.
        let generation: Int64
        /// When that change was seen: the pages' `Last-Modified`.
        let changedAt: Date
    }
    private struct State {
        var reading: Reading
        var sharedGeneration: Int64?
        var checkedAt: Date = .distantPast
        var checking = false
    }
    private let state: NIOLockedValueBox<State>
    /// Whether other servers may write to the same database (PostgreSQL).
    let shared: Bool

    init(shared: Bool, now: Date = Date()) {
        self.shared = shared
        state = NIOLockedValueBox(State(reading: Reading(generation: 1, changedAt: now)))
    }

    /// The current reading; on a shared database it first reads the row if a second has passed (one request reads it
    /// while the others go on with the reading they have).
    func reading(_ db: any Database, now: Date = Date()) async -> Reading {
        let due = state.withLockedValue { s -> Bool in
            guard shared, !s.checking, now.timeIntervalSince(s.checkedAt) >= Self.sharedCheckEvery else { return false }
            s.checking = true
            return true
        }
        if due {
            let row = try? await Self.read(db)
            state.withLockedValue { s in
                s.checking = false
                s.checkedAt = now
                guard let row else { return }
                if let seen = s.sharedGeneration, seen != row.generation {
                    s.reading = Reading(generation: s.reading.generation + 1, changedAt: max(now, s.reading.changedAt))
                }
                s.sharedGeneration = row.generation
            }
        }
        return state.withLockedValue { $0.reading }
    }

    /// Something was written: drop every cached page here, and on a shared database tell the other servers.
    func changed(_ db: any Database, logger: Logger, now: Date = Date()) async {
        state.withLockedValue { s in
            s.reading = Reading(generation: s.reading.generation + 1, changedAt: max(now, s.reading.changedAt))
        }
        guard shared, let sql = db as? any SQLDatabase else { return }
        do {
            let row = try await sql.update("public_page_clock").set(SQLIdentifier("generation"), to: SQLRaw("generation + 1"))
                .set("changed_at", to: SQLBind(now.timeIntervalSince1970)).where("id", .equal, SQLBind(1))
                .returning("generation").first(decoding: Row.self)
            // Our own change, when no other server's came between, need not drop our pages a second time.
            state.withLockedValue { s in
                if let row, s.sharedGeneration == row.generation - 1 { s.sharedGeneration = row.generation }
            }
        } catch {
            // The other servers then see the change only with their next one; this server has dropped its pages.
            logger.warning("public pages: could not count a change for the other servers: \(String(describing: error))")
        }
    }

    private struct Row: Decodable { let generation: Int64 }
    private static func read(_ db: any Database) async throws -> Row? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.select().column("generation").from("public_page_clock").where("id", .equal, SQLBind(1))
            .first(decoding: Row.self)
    }
}
