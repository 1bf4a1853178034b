import Foundation
import ChorusCore

extension SentimentScore.Polarity: APIEnum {}
extension InsightKind: APIEnum {}
extension SharingLevel: APIEnum {}

/// What the JSON API says about thematic analysis runs, their themes and members (`AnalysisAPI`). Property names are
/// the JSON names; the OpenAPI schemas are derived from these declarations (`APIObject`).
enum AnalysisDTO {
    enum Status: String, APIEnum { case queued, running, failed, done }
    enum MatchStatus: String, APIEnum { case continuing, new }

    struct Run: APIObject {
        let id: UUID
        let title: String
        let status: Status
        /// 0 to 1 (as stored at the start and end of a run).
        let progress: Double
        /// The organisation whose wall the scope was read through (who ran it).
        let organisation_id: UUID
        let organisation_name: String
        /// The insight list's filter the run analysed ("q=bus&ward=…"), empty for every insight the organisation may see.
        let scope_query: String
        let bundle_id: UUID?
        let seed: Int
        let insight_count: Int
        let unassigned_count: Int
        let theme_count: Int
        /// True when its scope held organisation-level insights: then only that organisation sees the run.
        let private_to_organisation: Bool
        let previous_run_id: UUID?
        let method: String?
        let error: String?
        let created_at: Date?
        let finished_at: Date?
        /// Whether the caller may rename, pin, merge or split its themes and run it again.
        let can_edit: Bool
        static let schemaName = "AnalysisRun"
        static var constraints: [String: Schema] {
            [
                "progress": .number(minimum: 0, maximum: 1), "seed": .integer(minimum: 0), "insight_count": .integer(minimum: 0),
                "unassigned_count": .integer(minimum: 0), "theme_count": .integer(minimum: 0),
            ]
        }
    }

    struct Sentiment: APIObject {
        let positive: Int
        let neutral: Int
        let negative: Int
        /// Mean compound score, −1 (very negative) to +1 (very positive).
        let mean: Double
        static let schemaName = "ThemeSentiment"
        static var constraints: [String: Schema] {
            [
                "positive": .integer(minimum: 0), "neutral": .integer(minimum: 0), "negative": .integer(minimum: 0),
                "mean": .number(minimum: -1, maximum: 1),
            ]
        }
    }

    struct Theme: APIObject {
        let id: UUID
        let run_id: UUID
        let position: Int
        /// The analyst's name for it if renamed, else the engine's.
        let label: String
        let engine_label: String
        let key_phrases: [String]
        let size: Int
        let people: Int
        let sentiment: Sentiment
        let pinned: Bool
        let note: String?
        /// Since the previous run: `continuing` (matched to `matched_previous_id`) or `new`; null for a first run.
        let match_status: MatchStatus?
        let matched_previous_id: UUID?
        let taxonomy_theme_id: UUID?
        /// Representative insights, closest to the theme's centre first: only those the caller's wall lets through.
        let representative_insight_ids: [UUID]
        static let schemaName = "DiscoveredTheme"
        static var constraints: [String: Schema] { ["size": .integer(minimum: 0), "people": .integer(minimum: 0)] }
    }

    /// An insight in a theme, as the theme's page lists it (redacted text only).
    struct Member: APIObject {
        let id: UUID
        let text: String
        let heard_on: APIDay
        let kind: InsightKind
        let sharing: SharingLevel
        let organisation_id: UUID
        let place_id: UUID?
        let sentiment: SentimentScore.Polarity
        static let schemaName = "ThemeMember"
    }
}
