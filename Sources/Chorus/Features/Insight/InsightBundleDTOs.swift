import Foundation
import ChorusCore

/// What the JSON API says about insight bundles (`InsightBundleAPI`). Property names are the JSON names; the OpenAPI
/// schemas are derived from these declarations (`APIObject`).
enum InsightBundleDTO {
    /// `search`: a saved search (its query runs again for each reader); `selection`: hand-picked insights.
    enum Kind: String, APIEnum { case search, selection }

    struct Summary: APIObject {
        let id: UUID
        let title: String
        let description: String?
        let kind: Kind
        /// The organisation that made it (its curators change it).
        let organisation_id: UUID
        let organisation_name: String
        let created_at: Date?
        let updated_at: Date?
        static let schemaName = "InsightBundleSummary"
    }

    /// A bundle with what is in it for the caller: its saved search, or the ids of its insights the caller's wall lets
    /// through (newest heard first, at most `InsightBundleService.maxIDs`).
    struct Bundle: APIObject {
        let id: UUID
        let title: String
        let description: String?
        let kind: Kind
        let organisation_id: UUID
        let organisation_name: String
        /// A saved search's query string, as `GET /api/v1/insights` takes it; null for a selection.
        let query: String?
        /// A selection's insights that you may see; null for a saved search (run its query instead).
        let insight_ids: [UUID]?
        /// How many insights you may see in it (counted up to 10,000; see `total_capped`); null when suppressed.
        let total: Int?
        let total_capped: Bool
        /// A saved search filtering on equality answers that finds 1 to 4: the count is not given.
        let total_suppressed: Bool
        /// Whether the caller may change or delete it.
        let can_edit: Bool
        let created_at: Date?
        let updated_at: Date?
        static let schemaName = "InsightBundle"
        static var constraints: [String: Schema] {
            ["total": .integer(minimum: 0), "insight_ids": .array(.string(format: "uuid"), maxItems: InsightBundleService.maxIDs)]
        }
    }
}
