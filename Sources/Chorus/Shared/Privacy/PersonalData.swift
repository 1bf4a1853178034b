import Fluent
import Foundation
import NIOConcurrencyHelpers
import ChorusCore

/// Who a resident is when their data is looked for: their account (what they did signed in, and what staff recorded
/// for them) and their email address (what is kept by address: email updates, the outbox, insights' contact
/// addresses). Either may be missing: an assisted-digital resident has no email; a subject access request from
/// someone without an account has only an address.
struct ResidentKey: Sendable, Equatable {
    let id: UUID?
    let email: String?
}

/// One record of a resident's data, as they get it in their download and on their "My data" page: what kind of data
/// it is, a title, and its fields in order.
struct ExportedRecord: Codable, Sendable, Equatable {
    struct Field: Codable, Sendable, Equatable {
        let name: String
        let value: String
    }
    let kind: String
    let title: String
    let fields: [Field]

    /// A time as the export writes it (ISO 8601, UTC).
    static func time(_ date: Date?) -> String? { date.map { $0.formatted(.iso8601) } }

    init(kind: PersonalDataKind, title: String, fields: [(String, String?)]) {
        self.kind = kind.rawValue
        self.title = title
        self.fields = fields.compactMap { name, value in value.map { Field(name: name, value: $0) } }
    }
}

/// How much erasing removes. Deleting an account removes who the resident is everywhere; what they said, voted or
/// pledged stays without their name unless they also asked for it to be removed (the deletion page says which).
enum ErasureScope: String, Sendable {
    case identity
    case contributions
}

/// What a retention pass needs: the schedule, the time, and a way to write in short batches (SQLite's one writer
/// is taken per batch, so a pass over a million rows never holds it for long).
struct RetentionPass: Sendable {
    let schedule: RetentionSchedule
    let now: Date
    let db: any Database
    let gate: TimedGate

    /// The first batch's size; later ones are sized to hold the writer for about `holdTarget` (from `minBatch` to
    /// `maxBatch` records): the cost of a record differs a hundredfold between kinds and databases (bench/README.md,
    /// "Retention"), so no one size keeps every batch short without making the quick kinds crawl. Small to start
    /// with, since a kind's first batch is sized before anything is known of its cost (at 500, the one batch of 3,370
    /// in the retention bench that held the writer over 100 ms was an accounts' erasure); quick kinds double back up
    /// in a few batches.
    static let batchSize = 100
    static let minBatch = 25, maxBatch = 5_000
    static let holdTarget = 0.04

    /// Runs `body` through the gate again and again until a batch does fewer records than it was asked for (each
    /// batch finds at most `limit` records, removes or anonymises them, and returns how many); returns the total.
    /// After a batch that held the writer longer than `holdTarget` the next asks for half as many; after a quick one,
    /// twice as many.
    func inBatches(_ body: @escaping @Sendable (any Database, _ limit: Int) async throws -> Int) async throws -> Int {
        var total = 0, limit = Self.batchSize
        while true {
            let asked = limit
            let (n, held) = try await gate.timed { try await body(db, asked) }
            total += n
            if n < asked { return total }
            if held > Self.holdTarget {
                limit = max(Self.minBatch, limit / 2)
            } else if held < Self.holdTarget / 3 {
                limit = min(Self.maxBatch, limit * 2)
            }
        }
    }
}

/// A feature's declaration of one kind of personal data about residents it keeps (`ChorusFeature.personalData`):
/// where it lives, why, and how to export, erase and expire it. `PersonalDataRegistry` joins every feature's
/// declarations for "My data", subject access and erasure requests, the retention job and the privacy notice
/// table; a test fails when a table that refers to a resident is not declared by any feature.
struct PersonalDataDeclaration: Sendable {
    let kind: PersonalDataKind
    /// A name of its own where the kind's label does not fit (a second declaration of the same kind).
    var title: String? = nil
    /// The tables holding it, including what is derived from it (embeddings, search rows, memberships).
    let tables: [String]
    /// What is kept, in a sentence for the privacy notice and the data protection officer's table.
    let what: String
    let purpose: String
    let lawfulBasis: String
    let seenBy: String
    /// Everything of this kind about the resident.
    let export: @Sendable (ResidentKey, any Database) async throws -> [ExportedRecord]
    /// Removes or anonymises everything of this kind about these residents (inside the caller's transaction); returns
    /// how many records changed. Several at once, so the retention job can end many inactive accounts in one batch.
    let erase: @Sendable ([ResidentKey], ErasureScope, any Database) async throws -> Int
    /// Removes or anonymises what is past its retention period; returns how many records. nil: kept as long as the
    /// record it belongs to (and removed with it).
    var expire: (@Sendable (RetentionPass) async throws -> Int)? = nil
}

extension RetentionPass {
    /// Deletes the records `due` selects, a batch at a time (`inBatches`); returns how many.
    func deleteDue<M: Model>(_ model: M.Type, _ due: @escaping @Sendable (QueryBuilder<M>) -> QueryBuilder<M>) async throws -> Int
    where M.IDValue == UUID {
        try await inBatches { db, limit in
            let ids = try await due(M.query(on: db)).limit(limit).all(\._$id)
            guard !ids.isEmpty else { return 0 }
            try await M.query(on: db).filter(\._$id ~~ ids).delete()
            return ids.count
        }
    }
}

extension QueryBuilder {
    /// Deletes what the query selects and says how many it were (erasure reports counts by kind).
    func deleteCounting() async throws -> Int {
        let n = try await copy().count()
        try await delete()
        return n
    }
}

extension [ResidentKey] {
    var ids: [UUID] { compactMap(\.id) }
    var emails: [String] { compactMap { $0.email?.lowercased() } }
}

/// The write gate, timing each hold: the retention job sizes its batches by it and prints its longest hold
/// (bench/README.md, "Retention").
final class TimedGate: Sendable {
    private let gate: WriteGate
    private let state = NIOLockedValueBox((label: "", holds: [RetentionHold]()))
    init(_ gate: WriteGate) { self.gate = gate }
    var longest: Double { state.withLockedValue { $0.holds.map(\.seconds).max() ?? 0 } }
    /// Every hold in order, with what was running: a pass's few thousand batches, so the slow ones can be told apart
    /// from the rest (the maximum alone cannot say whether one commit or a kind is slow).
    var holds: [RetentionHold] { state.withLockedValue { $0.holds } }
    /// Names the holds that follow (the kind of data being expired).
    func label(_ text: String) { state.withLockedValue { $0.label = text } }

    /// Runs `body` holding the gate; returns its result and how long it held the gate, in seconds.
    func timed<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> (T, Double) {
        try await gate.run {
            let started = ContinuousClock.now
            let value = try await body()
            let seconds = (ContinuousClock.now - started).inSeconds
            state.withLockedValue { $0.holds.append(RetentionHold(kind: $0.label, seconds: seconds)) }
            return (value, seconds)
        }
    }
}

/// One batch's hold of the writer during a retention pass.
struct RetentionHold: Sendable, Equatable {
    let kind: String
    let seconds: Double
}
