import Vapor
import Fluent
import NIOConcurrencyHelpers
import ChorusCore

/// The results page's tallies, kept per server until a response is sent or changed. A survey with 100,000 responses
/// takes seconds to tally (every response's answers are read); the check that nothing changed is two index-only
/// reads (how many are sent, and the latest change), so staff opening the results again, or for another ward, pay
/// for the tally once per change, on every server alike (bench/README.md, "Surveys").
final class SurveyResultsCache: Sendable {
    struct Key: Hashable {
        let survey: UUID
        let ward: UUID?
        let group: String?
        let responses: Int
        let lastChange: Date?
    }

    private let store = NIOLockedValueBox(BoundedCache<Key, SurveyTally>(capacity: 16 << 20))

    /// The tally for this filter as the responses stand now: cached, or made by `tally` and kept.
    func tally(
        _ survey: UUID, ward: UUID?, group: String?, _ db: any Database, _ tally: () async throws -> SurveyTally
    ) async throws -> SurveyTally {
        let sent = SurveyResponse.query(on: db).filter(\.$surveyID == survey).filter(\.$status == "submitted")
        let key = Key(
            survey: survey, ward: ward, group: group, responses: try await sent.copy().count(), lastChange: try await sent.copy().max(\.$updatedAt))
        if let hit = store.withLockedValue({ $0.value(key, generation: 0) }) { return hit }
        let made = try await tally()
        // About 100 bytes a counted answer: a generous bound on the tally's size, for the cache's budget.
        let size = 1_024 + made.questions.reduce(0) { $0 + 100 * ($1.counts.count + $1.rows.count * 8 + $1.meanRanks.count) + 8 * $1.numbers.count }
        store.withLockedValue { $0.insert(made, size: size, for: key, generation: 0) }
        return made
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
