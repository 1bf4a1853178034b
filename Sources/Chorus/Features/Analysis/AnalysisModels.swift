import Fluent
import SQLKit
import Vapor
import ChorusCore

/// One run of the thematic analysis over a scope of insights (a saved search, a bundle or the list's filter), seen
/// through the wall of the organisation that ran it. A re-run has the same scope and organisation and points at the
/// run before it, so its themes can be matched and keep the analysts' edits.
final class AnalysisRun: Model, @unchecked Sendable {
    static let schema = "analysis_runs"

    enum Status: String, Codable, Sendable, CaseIterable { case queued, running, failed, done }

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    /// The insight list's query string ("q=bus&ward=…"); empty for every insight the organisation may see.
    @Field(key: "scope_query") var scopeQuery: String
    @OptionalField(key: "bundle_id") var bundleID: UUID?
    /// Whose wall the scope is read through (the running person's organisation, kept for re-runs).
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "seed") var seed: Int
    @Field(key: "status") var status: String
    /// 0…1 (written at the start and the end; the page reads live progress from memory while it runs).
    @Field(key: "progress") var progress: Double
    @Field(key: "insight_count") var insightCount: Int
    @Field(key: "unassigned_count") var unassignedCount: Int
    /// True when the scope held any organisation-level insight: then only the running organisation sees the run.
    @Field(key: "private_to_organisation") var privateToOrganisation: Bool
    @OptionalField(key: "previous_run_id") var previousRunID: UUID?
    /// How the engine worked ("tf-idf+lsa, 100 dimensions, 7 themes, 1.2 s").
    @OptionalField(key: "method") var method: String?
    @OptionalField(key: "error") var error: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .failed }
}

/// A theme a run found, with the analyst's edits (rename, pin, note, taxonomy mapping).
final class DiscoveredTheme: Model, @unchecked Sendable {
    static let schema = "discovered_themes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "run_id") var run: AnalysisRun
    /// Order on the overview (largest first when the run was made).
    @Field(key: "position") var position: Int
    /// The engine's label (key phrases joined with " · ").
    @Field(key: "label") var label: String
    /// Key phrases, one per line, most distinctive first.
    @Field(key: "key_phrases") var keyPhrases: String
    @Field(key: "size") var size: Int
    @Field(key: "people") var people: Int
    @Field(key: "positive") var positive: Int
    @Field(key: "neutral") var neutral: Int
    @Field(key: "negative") var negative: Int
    @Field(key: "mean_sentiment") var meanSentiment: Double
    /// Representative insight ids, comma-separated, closest to the centre first.
    @Field(key: "representative_ids") var representativeIDs: String
    /// The term signature as JSON (for matching the theme in the next run).
    @Field(key: "signature") var signature: String
    @Field(key: "pinned") var pinned: Bool
    @OptionalField(key: "renamed_label") var renamedLabel: String?
    /// An interpretation note, visible to every partner who can see the run.
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "matched_previous_id") var matchedPreviousID: UUID?
    /// `continuing` or `new` (nil for a first run).
    @OptionalField(key: "match_status") var matchStatus: String?
    /// A taxonomy theme this theme is mapped to (its insights are tagged with it).
    @OptionalField(key: "taxonomy_theme_id") var taxonomyThemeID: UUID?
    init() {}

    var displayLabel: String { renamedLabel ?? label }
    var phrases: [String] { keyPhrases.split(separator: "\n").map(String.init) }
    var representatives: [UUID] { representativeIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var signatureValue: [String: Float] {
        (try? JSONDecoder().decode([String: Float].self, from: Data(signature.utf8))) ?? [:]
    }

    /// Copies what the engine says about the theme (not the analyst's edits).
    func apply(_ r: DiscoveredThemeResult) {
        label = r.label
        keyPhrases = r.keyPhrases.joined(separator: "\n")
        size = r.memberIDs.count
        people = r.people
        positive = r.sentiment.positive
        neutral = r.sentiment.neutral
        negative = r.sentiment.negative
        meanSentiment = r.sentiment.meanCompound.isFinite ? r.sentiment.meanCompound : 0
        representativeIDs = r.representativeIDs.map(\.uuidString).joined(separator: ",")
        signature = String(decoding: (try? JSONEncoder().encode(r.signature)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// An insight in a theme. An insight is in at most one theme of a run (unique on run and insight).
final class ThemeMember: Model, @unchecked Sendable {
    static let schema = "theme_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "run_id") var runID: UUID
    @Parent(key: "theme_id") var theme: DiscoveredTheme
    @Parent(key: "insight_id") var insight: Insight
    init() {}
}
