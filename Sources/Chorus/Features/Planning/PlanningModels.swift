import Fluent
import Vapor
import ChorusCore

/// An activity's engagement plan: the advisor's answers, the level chosen and why, the plan's sections, the
/// compliance screening and the challenge/sign-off state. Structured parts are stored as JSON of ChorusCore values,
/// so the rules that read them are the unit-tested ones.
final class EngagementPlan: Model, @unchecked Sendable {
    static let schema = "engagement_plans"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Field(key: "answers") var answersJSON: String
    @OptionalField(key: "chosen_level") var chosenLevel: String?
    @OptionalField(key: "level_reason") var levelReason: String?
    @Field(key: "content") var contentJSON: String
    @Field(key: "is_consultation") var isConsultation: Bool
    @OptionalField(key: "short_period_reason") var shortPeriodReason: String?
    @Field(key: "gunning") var gunningJSON: String
    @OptionalField(key: "vcse_change_day") var vcseChangeDay: Int?
    @OptionalField(key: "eia_recorded_day") var eiaRecordedDay: Int?
    @OptionalField(key: "dpia_personal_data") var dpiaPersonalData: Bool?
    @Field(key: "dpia_criteria") var dpiaCriteria: String
    @Field(key: "signoff") var signOffJSON: String
    /// Denormalised from `signoff` so the register can filter "planned without a signed-off plan".
    @Field(key: "status") var status: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}

    var answers: AdvisorAnswers {
        get { PlanJSON.decode(answersJSON) ?? AdvisorAnswers() }
        set { answersJSON = PlanJSON.encode(newValue) }
    }
    var content: EngagementPlanContent {
        get { PlanJSON.decode(contentJSON) ?? EngagementPlanContent() }
        set { contentJSON = PlanJSON.encode(newValue) }
    }
    var gunning: GunningChecklist {
        get { PlanJSON.decode(gunningJSON) ?? GunningChecklist() }
        set { gunningJSON = PlanJSON.encode(newValue) }
    }
    var signOff: PlanSignOff {
        get { PlanJSON.decode(signOffJSON) ?? PlanSignOff() }
        set { signOffJSON = PlanJSON.encode(newValue); status = newValue.status.rawValue }
    }
    var dpiaCriteriaSet: Set<DPIACriterion> {
        get { Set(dpiaCriteria.split(separator: ",").compactMap { DPIACriterion(rawValue: String($0)) }) }
        set { dpiaCriteria = newValue.map(\.rawValue).sorted().joined(separator: ",") }
    }

    static func blank(for activity: UUID) -> EngagementPlan {
        let p = EngagementPlan()
        p.$activity.id = activity
        p.answers = AdvisorAnswers(); p.content = EngagementPlanContent(); p.gunning = GunningChecklist(); p.signOff = PlanSignOff()
        p.isConsultation = false; p.dpiaCriteria = ""
        return p
    }
}

/// A reviewer's or author's comment on one section of a plan (or the plan as a whole).
final class PlanComment: Model, @unchecked Sendable {
    static let schema = "plan_comments"
    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: EngagementPlan
    @Field(key: "person_id") var personID: UUID
    @Field(key: "person_name") var personName: String
    @OptionalField(key: "section") var section: String?
    @Field(key: "body") var body: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

enum PlanJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        return (try? String(data: enc.encode(value), encoding: .utf8)) ?? "{}"
    }
    static func decode<T: Decodable>(_ text: String) -> T? {
        let dec = JSONDecoder()
        dec.dateDecodingStrategy = .iso8601
        return try? dec.decode(T.self, from: Data(text.utf8))
    }
}
