import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import ChorusCore

/// The results page's tallies, kept per server and brought up to date by counting only what was sent since: a survey
/// with 100,000 responses takes seconds to tally from scratch, and during a busy consultation a response arrives
/// between any two visits (bench/README.md, "Surveys"). What changed is found by the (survey, status, updated_at)
/// index; a response that was already counted and has changed since (a signed-in resident editing theirs), a
/// response removed (erasure), or the survey's questions edited make it tally everything again.
final class SurveyResultsCache: Sendable {
    struct Key: Hashable {
        let survey: UUID
        let ward: UUID?
        let group: String?
        /// The survey's last change: a tally is of the questions as they were.
        let edited: Date
    }

    struct Entry: Sendable {
        var tally: SurveyTally
        /// Every sent response seen (in the filter or not), so a changed one is told from a new one.
        var seen: Set<UUID>
        var lastChange: Date?
    }

    /// A response as the tally reads it: nothing else is decoded.
    struct Row: Sendable {
        let id: UUID
        let answers: [String: [String]]
        let place: UUID?
        let changed: Date
    }

    private let store = NIOLockedValueBox(BoundedCache<Key, Entry>(capacity: 64 << 20))

    /// The tally of the sent responses in `ward` (any when nil) whose respondents are in `members` (any when nil), as
    /// they stand now.
    func tally(_ s: SurveyService.Info, edited: Date, ward: UUID?, group: String?, members: Set<UUID>?, _ db: any Database) async throws
        -> SurveyTally
    {
        let key = Key(survey: s.id, ward: ward, group: group, edited: edited)
        let sent = SurveyResponse.query(on: db).filter(\.$surveyID == s.id).filter(\.$status == "submitted")
        let total = try await sent.copy().count()
        let last = try await sent.copy().max(\.$updatedAt)
        func counts(_ r: Row) -> Bool { (ward == nil || r.place == ward) && (members?.contains(r.id) ?? true) }
        if var entry = store.withLockedValue({ $0.value(key, generation: 0) }) {
            if entry.seen.count == total && entry.lastChange == last { return entry.tally }
            var changed: [Row] = []
            try await Self.pages(s.id, changedAfter: entry.lastChange, db) { changed += $0 }
            if !changed.contains(where: { entry.seen.contains($0.id) }) && entry.seen.count + changed.count == total {
                for r in changed {
                    entry.seen.insert(r.id)
                    if counts(r) { entry.tally.add(r.answers) }
                }
                entry.lastChange = changed.map(\.changed).max() ?? entry.lastChange
                keep(entry, key)
                return entry.tally
            }
        }
        var entry = Entry(tally: SurveyTally(s.definition), seen: [], lastChange: nil)
        try await Self.pages(s.id, changedAfter: nil, db) { page in
            for r in page {
                entry.seen.insert(r.id)
                entry.lastChange = max(entry.lastChange ?? r.changed, r.changed)
                if counts(r) { entry.tally.add(r.answers) }
            }
        }
        keep(entry, key)
        return entry.tally
    }

    private func keep(_ entry: Entry, _ key: Key) {
        // The ids seen (about 50 bytes each in a set) and a generous bound on the tally itself.
        let size = 4_096 + 50 * entry.seen.count + 64 * entry.tally.responses / 100
        store.withLockedValue { $0.insert(entry, size: size, for: key, generation: 0) }
    }

    /// The sent responses changed after `after` (all when nil), a page of 2,000 at a time in the order they changed,
    /// reading only what the tally needs as plain SQL rows (a Fluent model a row, its properties found by reflection,
    /// cost a quarter of the time), each page counted before the next is read.
    static func pages(_ survey: UUID, changedAfter after: Date?, _ db: any Database, _ body: ([Row]) throws -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Results need an SQL database") }
        var from = after
        var lastID: UUID? = nil
        while true {
            let q = sql.select().column("id").column("answers").column("place_id").column("updated_at").from(SurveyResponse.schema)
                .where("survey_id", .equal, survey).where("status", .equal, "submitted")
            if let from {
                if let lastID {
                    q.where {
                        $0.where("updated_at", .greaterThan, from).orWhere { $0.where("updated_at", .equal, from).where("id", .greaterThan, lastID) }
                    }
                } else {
                    q.where("updated_at", .greaterThan, from)
                }
            }
            let page = try await q.orderBy("updated_at").orderBy("id").limit(2_000).all().map { r in
                Row(
                    id: try r.decode(column: "id", as: UUID.self),
                    answers: SurveyResponseService.decode(try r.decode(column: "answers", as: String.self)),
                    place: try r.decode(column: "place_id", as: UUID?.self), changed: try r.decode(column: "updated_at", as: Date.self))
            }
            try body(page)
            guard page.count == 2_000, let end = page.last else { return }
            from = end.changed
            lastID = end.id
        }
    }
}

extension Application {
    private struct SurveyResultsCacheKey: StorageKey { typealias Value = SurveyResultsCache }

    /// Stored once when the feature registers its routes, so every request of this server shares it.
    var surveyResults: SurveyResultsCache {
        get { storage[SurveyResultsCacheKey.self] ?? SurveyResultsCache() }
        set { storage[SurveyResultsCacheKey.self] = newValue }
    }
}
