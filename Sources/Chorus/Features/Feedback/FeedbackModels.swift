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


struct CreateFeedback: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(FeedbackReport.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(Activity.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("what_we_asked", .string, .required)
            .field("what_you_said", .string, .required)
            .field("what_we_did", .string, .required)
            .field("status", .string, .required)
            .field("published_day", .int)
            .field("published_by", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "activity_id")
            .create()
        try await db.schema(FeedbackTranslation.schema)
            .id()
            .field("report_id", .uuid, .required, .references(FeedbackReport.schema, "id", onDelete: .cascade))
            .field("language", .string, .required)
            .field("title", .string, .required)
            .field("what_we_asked", .string, .required)
            .field("what_you_said", .string, .required)
            .field("what_we_did", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "report_id", "language")
            .create()
        try await db.schema(OutboxEmail.schema)
            .id()
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("reference_id", .uuid, .required)
            .field("unsubscribe_url", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "to_address", "kind", "reference_id")
            .create()
        try await db.schema(EmailUnsubscribe.schema)
            .id()
            .field("email", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.create(index: "email_outbox_due").on(OutboxEmail.schema).column("status").column("next_attempt_at").run()
        try await sql.create(index: "feedback_reports_status").on(FeedbackReport.schema).column("status").column("published_day").run()
    }

    func revert(on db: any Database) async throws {
        for s in [EmailUnsubscribe.schema, OutboxEmail.schema, FeedbackTranslation.schema, FeedbackReport.schema] {
            try await db.schema(s).delete()
        }
    }
}
