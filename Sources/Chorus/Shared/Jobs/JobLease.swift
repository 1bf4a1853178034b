import Fluent
import SQLKit
import Vapor

/// Who is running a background job (an analysis, an insight import), so that when several Chorus servers share one
/// database only one of them runs it, and a job whose server stopped is picked up again.
///
/// A lease is one row per job: the server holding it and the time it runs out. The running server renews it while
/// it works (`JobRunner`); a lease that has run out belongs to no one, and any server may take it. Taking a lease is
/// one `INSERT … ON CONFLICT DO UPDATE … WHERE` statement (SQLite and PostgreSQL), so two servers never both hold it.
enum JobLease {
    static let schema = "job_leases"

    /// Takes the lease of `job` for `owner` until `now + ttl` when no one holds it, it has run out, or `owner`
    /// holds it already. True when `owner` holds it afterwards.
    static func claim(_ db: any Database, job: UUID, kind: String, owner: String, ttl: TimeInterval, now: Date = Date()) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        let until = now.timeIntervalSince1970 + ttl, nowValue = now.timeIntervalSince1970
        try await sql.raw(
            """
            INSERT INTO \(ident: schema) (job_id, kind, owner, expires_at) VALUES (\(bind: job), \(bind: kind), \(bind: owner), \(bind: until))
            ON CONFLICT (job_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE \(ident: schema).expires_at < \(bind: nowValue) OR \(ident: schema).owner = \(bind: owner)
            """
        ).run()
        return try await holder(db, job: job, now: now) == owner
    }

    /// Extends a lease `owner` holds. False when it has lost it (it ran out and another server took it).
    static func renew(_ db: any Database, job: UUID, owner: String, ttl: TimeInterval, now: Date = Date()) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        try await sql.raw(
            """
            UPDATE \(ident: schema) SET expires_at = \(bind: now.timeIntervalSince1970 + ttl)
            WHERE job_id = \(bind: job) AND owner = \(bind: owner)
            """
        ).run()
        return try await holder(db, job: job, now: now) == owner
    }

    /// Gives the lease up (the job finished or failed).
    static func release(_ db: any Database, job: UUID, owner: String) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM \(ident: schema) WHERE job_id = \(bind: job) AND owner = \(bind: owner)").run()
    }

    /// The server holding a lease that has not run out, if any.
    static func holder(_ db: any Database, job: UUID, now: Date = Date()) async throws -> String? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let row = try await sql.raw(
            """
            SELECT owner FROM \(ident: schema) WHERE job_id = \(bind: job) AND expires_at >= \(bind: now.timeIntervalSince1970)
            """
        ).first()
        return try row?.decode(column: "owner", as: String.self)
    }

    /// Of `jobs`, those with a live lease.
    static func held(_ db: any Database, jobs: [UUID], now: Date = Date()) async throws -> Set<UUID> {
        guard let sql = db as? any SQLDatabase, !jobs.isEmpty else { return [] }
        var out = Set<UUID>()
        for chunk in jobs.chunked(100) {
            let rows = try await sql.raw(
                """
                SELECT job_id FROM \(ident: schema) WHERE job_id IN (\(binds: chunk)) AND expires_at >= \(bind: now.timeIntervalSince1970)
                """
            ).all()
            for r in rows { out.insert(try r.decode(column: "job_id", as: UUID.self)) }
        }
        return out
    }
}
