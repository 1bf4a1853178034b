import Vapor
import Fluent
import ChorusCore

/// The quality standards: the current version of the set (version 1 is ChorusCore's `DefaultStandards`, written the
/// first time anyone reads the standards), earlier versions (assessments keep theirs), and a partnership admin's edits,
/// each of which writes the next version (`StandardSetRevision`).
enum StandardsService {
    static let setEntity = "standard_set"

    struct VersionInfo: Sendable {
        let version: Int
        let createdBy: String
        let createdAt: Date?
        let note: String?
    }

    /// Partnership admins edit the standards.
    static func canEdit(_ user: CurrentUser) -> Bool { user.role.canAdministerPartnership }

    /// The newest version, writing version 1 from the defaults when there is none yet (two servers doing so at once:
    /// the unique version keeps one, and the other reads it).
    static func current(_ db: any Database) async throws -> StandardSet {
        if let row = try await StandardSetVersion.query(on: db).sort(\.$version, .descending).first(), let set = decode(row) { return set }
        let row = StandardSetVersion()
        row.version = DefaultStandards.set.version; row.content = StoredJSON.encode(DefaultStandards.set)
        row.createdByName = "Chorus (the default standards)"; row.note = "The default standards"
        do { try await row.create(on: db) } catch {
            guard let again = try await StandardSetVersion.query(on: db).sort(\.$version, .descending).first(), let set = decode(again) else {
                throw error
            }
            return set
        }
        return DefaultStandards.set
    }

    /// A version by number (an assessment's), nil when there is none.
    static func set(version: Int, _ db: any Database) async throws -> StandardSet? {
        if version == DefaultStandards.set.version, try await StandardSetVersion.query(on: db).count() == 0 { return try await current(db) }
        return try await StandardSetVersion.query(on: db).filter(\.$version == version).first().flatMap(decode)
    }

    static func versions(_ db: any Database) async throws -> [VersionInfo] {
        _ = try await current(db)
        return try await StandardSetVersion.query(on: db).sort(\.$version, .descending).all().map {
            VersionInfo(version: $0.version, createdBy: $0.createdByName, createdAt: $0.createdAt, note: $0.note)
        }
    }

    /// Saves a standard from the edit form (`key` nil: a new one) as the next version; nil when nothing changed.
    static func save(key: String?, _ input: Input, user: CurrentUser, on db: any Database) async throws -> StandardSet? {
        guard canEdit(user) else { throw Abort(.forbidden, reason: "Only partnership admins edit the standards") }
        let set = try await current(db)
        let draft = StandardSetRevision.Draft(
            title: input["title"], summary: input["summary"], indicators: input["indicators"], emerging: input["emerging"],
            aspiring: input["aspiring"], established: input["established"])
        let standard = try StandardSetRevision.read(draft, key: key, in: set).get()
        guard let next = StandardSetRevision.revise(set, with: standard) else { return nil }
        try await write(next, note: key == nil ? "Added \(standard.title)" : "Changed \(standard.title)", user: user, db)
        return next
    }

    /// Retires a standard from the next version (assessments already made keep it).
    static func retire(key: String, user: CurrentUser, on db: any Database) async throws {
        guard canEdit(user) else { throw Abort(.forbidden, reason: "Only partnership admins edit the standards") }
        let set = try await current(db)
        guard let title = set.standard(key)?.title else { throw Abort(.notFound) }
        guard let next = StandardSetRevision.retire(set, key: key) else {
            throw ValidationFailure([FieldError("key", "The last standard cannot be retired")])
        }
        try await write(next, note: "Retired \(title)", user: user, db)
    }

    private static func write(_ next: StandardSet, note: String, user: CurrentUser, _ db: any Database) async throws {
        let row = StandardSetVersion()
        row.version = next.version; row.content = StoredJSON.encode(next); row.note = note; row.createdByName = user.name
        do {
            try await db.transaction { tx in
                try await row.create(on: tx)
                try await AuditService.record(
                    tx, actor: user.actor, action: .create, entity: setEntity, id: row.id, label: "Standards version \(next.version)",
                    after: ["change": note])
            }
        } catch let e as ValidationFailure {
            throw e
        } catch {
            // Another admin saved a version with this number first.
            if try await StandardSetVersion.query(on: db).filter(\.$version == next.version).count() > 0 {
                throw ValidationFailure([FieldError("title", "Someone else changed the standards while you were editing; open them again")])
            }
            throw error
        }
    }

    private static func decode(_ row: StandardSetVersion) -> StandardSet? { StoredJSON.decode(row.content) }
}
