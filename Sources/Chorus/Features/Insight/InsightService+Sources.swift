import Vapor
import Fluent
import ChorusCore

/// Insights other features make from what residents wrote (a survey's free-text answers), found again by their
/// source reference (`<feature>:<record>:<part>`) so that a changed answer replaces its insight instead of adding one.
extension InsightService {
    struct FromResident: Sendable {
        let organisationID: UUID
        let activityID: UUID
        let text: String
        let heard: Day
        let placeID: UUID?
        let sharing: SharingLevel
        /// The respondent's equality answers, for counts of who said what (never shown beside the text).
        let equality: [String: String]
        let sourceRef: String
        /// What kind of insight it is (a survey's free-text answer unless said: a campaign pledge's comment is a quote).
        var kind: InsightKind = .surveyAnswer
    }

    /// Removes the insights of `activity` whose source reference starts with `sourcePrefix` (none when nil: a first
    /// submission has none) and records `items`, redacted as every insight is, in the caller's transaction. The
    /// activity narrows the search to its insights (an index) before the prefix is matched.
    static func record(_ items: [FromResident], replacing sourcePrefix: String?, in activity: UUID, on db: any Database) async throws {
        if let sourcePrefix {
            let old = try await Insight.query(on: db).filter(\.$activity.$id == activity).filter(\.$sourceRef =~ sourcePrefix).all(\.$id)
            try await delete(old, db)
        }
        try await insert(
            items.map { i in
                Clean(
                    id: UUID(), organisationID: i.organisationID, recordedBy: nil, activityID: i.activityID, kind: i.kind, sharing: i.sharing,
                    heard: i.heard, redaction: PIIRedactor.redact(i.text), originalText: i.text, placeID: i.placeID, postcodeSector: nil,
                    themeIDs: [],
                    audienceIDs: [], peopleCount: 1, contactEmail: nil, feedbackOptIn: false, equality: i.equality, sourceRef: i.sourceRef)
            }, on: db)
    }

    /// Deletes these insights with everything derived from them: theme tags, audiences, bundle items, analysis
    /// membership and embeddings.
    static func delete(_ ids: [UUID], _ db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await AnalysisService.forget(insights: ids, db)
        for chunk in ids.chunked(500) {
            try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ chunk).delete()
            try await InsightAudience.query(on: db).filter(\.$insight.$id ~~ chunk).delete()
            try await InsightBundleItem.query(on: db).filter(\.$insight.$id ~~ chunk).delete()
            try await Insight.query(on: db).filter(\.$id ~~ chunk).delete()
        }
    }

    /// How many insights of this activity another feature made (their source references start with `sourcePrefix`).
    static func count(sourcePrefix: String, activity: UUID, _ db: any Database) async throws -> Int {
        try await Insight.query(on: db).filter(\.$activity.$id == activity).filter(\.$sourceRef =~ sourcePrefix).count()
    }
}
