import Fluent
import SQLKit
import ChorusCore
import Vapor

/// "You said, we did" for one closed activity, or for a taxonomy theme across every activity that heard it in a
/// date range: plain-language text comms write (starting from a draft assembled from the trail), published on a
/// public page whose themes, counts, quotes and actions are read live from the trail, so an action's new status
/// shows at once. Exactly one of `activity` and `theme` is set (a theme report also has both days).
final class FeedbackReport: Model, @unchecked Sendable {
    static let schema = "feedback_reports"
    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "activity_id") var activity: Activity?
    @OptionalParent(key: "theme_id") var theme: Theme?
    /// A theme report's insights were heard from this day to that day (`Day` ordinals, both included).
    @OptionalField(key: "from_day") var fromDay: Int?
    @OptionalField(key: "to_day") var toDay: Int?
    @Field(key: "title") var title: String
    @Field(key: "what_we_asked") var whatWeAsked: String
    @Field(key: "what_you_said") var whatYouSaid: String
    @Field(key: "what_we_did") var whatWeDid: String
    @Field(key: "status") var status: String
    @OptionalField(key: "published_day") var publishedDay: Int?
    @OptionalField(key: "published_by") var publishedBy: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
    var isPublished: Bool { status == "published" }
    /// What the report is about: one activity, or a theme between two days.
    enum Scope: Sendable { case activity(UUID), theme(UUID, from: Day, to: Day) }
    var scope: Scope? {
        if let a = $activity.id { return .activity(a) }
        if let t = $theme.id, let f = fromDay, let to = toDay { return .theme(t, from: Day(ordinal: f), to: Day(ordinal: to)) }
        return nil
    }
}

/// The report's text in another language (entered by comms or a translator).
final class FeedbackTranslation: Model, @unchecked Sendable {
    static let schema = "feedback_translations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: FeedbackReport
    @Field(key: "language") var language: String
    @Field(key: "title") var title: String
    @Field(key: "what_we_asked") var whatWeAsked: String
    @Field(key: "what_you_said") var whatYouSaid: String
    @Field(key: "what_we_did") var whatWeDid: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}
