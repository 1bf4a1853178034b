import Foundation
import ChorusCore

extension FeedbackStatus: APIEnum {}

/// What the JSON API says about "You said, we did" reports (`FeedbackAPI`). Property names are the JSON names; the
/// OpenAPI schemas are derived from these declarations (`APIObject`).
enum FeedbackDTO {
    /// `activity`: the report of one closed activity; `theme`: of a taxonomy theme across activities between two days.
    enum Scope: String, APIEnum { case activity, theme }

    struct Summary: APIObject {
        let id: UUID
        let title: String
        let status: FeedbackStatus
        let scope: Scope
        let activity_id: UUID?
        let activity_title: String?
        let theme_id: UUID?
        let theme_name: String?
        /// A theme report's insights were heard from this day to that day.
        let from: APIDay?
        let to: APIDay?
        let published_on: APIDay?
        /// The public page, once published.
        let public_path: String?
        /// Whether the caller may change and publish it (comms of an organisation behind it, or a partnership admin).
        let can_edit: Bool
        let updated_at: Date?
        static let schemaName = "FeedbackReportSummary"
    }

    /// The report's text in another language.
    struct Translation: APIObject {
        /// Interface language code, e.g. `ur`.
        let language: String
        let title: String
        let what_we_asked: String
        let what_you_said: String
        let what_we_did: String
        let updated_at: Date?
        static let schemaName = "FeedbackTranslation"
    }

    struct Report: APIObject {
        let id: UUID
        let title: String
        let status: FeedbackStatus
        let scope: Scope
        let activity_id: UUID?
        let activity_title: String?
        let theme_id: UUID?
        let theme_name: String?
        let from: APIDay?
        let to: APIDay?
        let published_on: APIDay?
        let public_path: String?
        let can_edit: Bool
        let what_we_asked: String
        let what_you_said: String
        let what_we_did: String
        let translations: [Translation]
        let created_at: Date?
        let updated_at: Date?
        static let schemaName = "FeedbackReport"
    }
}
