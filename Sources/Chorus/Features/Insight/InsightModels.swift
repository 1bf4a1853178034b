import Fluent
import SQLKit
import Vapor

/// One thing residents said or showed. `text` is always the redacted text; `originalText` (only when redaction
/// changed something) and the resident's contact details are seen by the recording organisation alone.
final class Insight: Model, @unchecked Sendable {
    static let schema = "insights"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalParent(key: "recorded_by_id") var recordedBy: Person?
    @OptionalParent(key: "activity_id") var activity: Activity?
    @Field(key: "kind") var kind: String
    @Field(key: "text") var text: String
    @OptionalField(key: "original_text") var originalText: String?
    /// What redaction removed, as ",email,phone," (kinds only, never the values).
    @Field(key: "redacted_kinds") var redactedKinds: String
    @Field(key: "heard_day") var heardDay: Int
    @OptionalParent(key: "place_id") var place: Place?
    @OptionalField(key: "postcode_sector") var postcodeSector: String?
    @Field(key: "people_count") var peopleCount: Int
    @Field(key: "sharing") var sharing: String
    @OptionalField(key: "contact_email") var contactEmail: String?
    @Field(key: "feedback_opt_in") var feedbackOptIn: Bool
    @OptionalField(key: "age_band") var ageBand: String?
    @OptionalField(key: "sex") var sex: String?
    @OptionalField(key: "gender_identity") var genderIdentity: String?
    @OptionalField(key: "sexual_orientation") var sexualOrientation: String?
    @OptionalField(key: "ethnic_group") var ethnicGroup: String?
    @OptionalField(key: "religion") var religion: String?
    @OptionalField(key: "disability") var disability: String?
    @OptionalField(key: "unpaid_care") var unpaidCare: String?
    /// The record's id in the system it came from (a survey tool's response id), for tracing an import.
    @OptionalField(key: "source_ref") var sourceRef: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}

    var redactedKindList: [String] { redactedKinds.split(separator: ",").map(String.init) }

    /// The equality answers by field name (only those given).
    var equality: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in [("age_band", ageBand), ("sex", sex), ("gender_identity", genderIdentity), ("sexual_orientation", sexualOrientation),
                       ("ethnic_group", ethnicGroup), ("religion", religion), ("disability", disability), ("unpaid_care", unpaidCare)] {
            if let v { out[k] = v }
        }
        return out
    }

    func setEquality(_ field: String, _ value: String?) {
        switch field {
        case "age_band": ageBand = value
        case "sex": sex = value
        case "gender_identity": genderIdentity = value
        case "sexual_orientation": sexualOrientation = value
        case "ethnic_group": ethnicGroup = value
        case "religion": religion = value
        case "disability": disability = value
        case "unpaid_care": unpaidCare = value
        default: break
        }
    }
}

final class InsightTheme: Model, @unchecked Sendable {
    static let schema = "insight_themes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "insight_id") var insight: Insight
    @Parent(key: "theme_id") var theme: Theme
    init() {}
    init(insight: UUID, theme: UUID) { $insight.id = insight; $theme.id = theme }
}

final class InsightAudience: Model, @unchecked Sendable {
    static let schema = "insight_audiences"
    @ID(key: .id) var id: UUID?
    @Parent(key: "insight_id") var insight: Insight
    @Parent(key: "audience_id") var audience: Audience
    init() {}
    init(insight: UUID, audience: UUID) { $insight.id = insight; $audience.id = audience }
}

/// A saved search or a hand-picked selection of insights with a title: what goes to a decision space. Whoever opens
/// it sees only the insights their organisation may see.
final class InsightBundle: Model, @unchecked Sendable {
    static let schema = "insight_bundles"
    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var description: String?
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalParent(key: "created_by_id") var createdBy: Person?
    /// For a saved search: the list's query string ("q=bus&ward=…"); nil for a selection.
    @OptionalField(key: "query") var query: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

final class InsightBundleItem: Model, @unchecked Sendable {
    static let schema = "insight_bundle_items"
    @ID(key: .id) var id: UUID?
    @Parent(key: "bundle_id") var bundle: InsightBundle
    @Parent(key: "insight_id") var insight: Insight
    init() {}
    init(bundle: UUID, insight: UUID) { $bundle.id = bundle; $insight.id = insight }
}

/// A JSON API request stored under its Idempotency-Key, so a retried batch is answered from here, not stored twice.
final class IdempotentRequest: Model, @unchecked Sendable {
    static let schema = "api_idempotency"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "key") var key: String
    @Field(key: "request_sha256") var requestHash: String
    @Field(key: "status") var status: Int
    @Field(key: "body") var body: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

struct CreateInsights: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Insight.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("recorded_by_id", .uuid, .references(Person.schema, "id"))
            .field("activity_id", .uuid, .references(Activity.schema, "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("original_text", .string)
            .field("redacted_kinds", .string, .required)
            .field("heard_day", .int, .required)
            .field("place_id", .uuid, .references(Place.schema, "id"))
            .field("postcode_sector", .string)
            .field("people_count", .int, .required)
            .field("sharing", .string, .required)
            .field("contact_email", .string)
            .field("feedback_opt_in", .bool, .required)
            .field("age_band", .string).field("sex", .string).field("gender_identity", .string).field("sexual_orientation", .string)
            .field("ethnic_group", .string).field("religion", .string).field("disability", .string).field("unpaid_care", .string)
            .field("source_ref", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        for (schema, column, target) in [(InsightTheme.schema, "theme_id", Theme.schema), (InsightAudience.schema, "audience_id", Audience.schema)] {
            try await db.schema(schema)
                .id()
                .field("insight_id", .uuid, .required, .references(Insight.schema, "id", onDelete: .cascade))
                .field(.string(column), .uuid, .required, .references(target, "id"))
                .unique(on: "insight_id", .string(column))
                .create()
        }
        try await db.schema(InsightBundle.schema)
            .id()
            .field("title", .string, .required)
            .field("description", .string)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("created_by_id", .uuid, .references(Person.schema, "id"))
            .field("query", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema(InsightBundleItem.schema)
            .id()
            .field("bundle_id", .uuid, .required, .references(InsightBundle.schema, "id", onDelete: .cascade))
            .field("insight_id", .uuid, .required, .references(Insight.schema, "id", onDelete: .cascade))
            .unique(on: "bundle_id", "insight_id")
            .create()
        try await db.schema(IdempotentRequest.schema)
            .id()
            .field("person_id", .uuid, .required)
            .field("key", .string, .required)
            .field("request_sha256", .string, .required)
            .field("status", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "person_id", "key")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        // What the insight list filters and sorts by (newest heard first), and the walls (sharing, organisation).
        for (name, table, columns) in [
            ("insights_heard", Insight.schema, ["heard_day", "id"]),
            ("insights_org_heard", Insight.schema, ["organisation_id", "heard_day"]),
            ("insights_place_heard", Insight.schema, ["place_id", "heard_day"]),
            ("insights_activity", Insight.schema, ["activity_id"]),
            ("insights_sharing_heard", Insight.schema, ["sharing", "heard_day"]),
            ("insight_themes_theme", InsightTheme.schema, ["theme_id", "insight_id"]),
            ("insight_audiences_audience", InsightAudience.schema, ["audience_id", "insight_id"]),
            ("insight_bundle_items_insight", InsightBundleItem.schema, ["insight_id"]),
        ] {
            let index = sql.create(index: name).on(table)
            for c in columns { _ = index.column(c) }
            try await index.run()
        }
        try await InsightSearchIndex.create(on: sql)
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await InsightSearchIndex.drop(on: sql) }
        for s in [IdempotentRequest.schema, InsightBundleItem.schema, InsightBundle.schema, InsightAudience.schema, InsightTheme.schema, Insight.schema] {
            try await db.schema(s).delete()
        }
    }
}
