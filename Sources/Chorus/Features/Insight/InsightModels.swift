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
        for (k, v) in [
            ("age_band", ageBand), ("sex", sex), ("gender_identity", genderIdentity), ("sexual_orientation", sexualOrientation),
            ("ethnic_group", ethnicGroup), ("religion", religion), ("disability", disability), ("unpaid_care", unpaidCare),
        ] {
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
