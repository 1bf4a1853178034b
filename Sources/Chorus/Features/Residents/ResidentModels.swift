import Fluent
import Foundation
import ChorusCore

/// A resident who takes part as themselves. Signed in by a code sent to `email`, or registered by staff for someone
/// without email (`assisted`, `registeredBy`), who then acts for them. `reference` is what staff read over the phone.
final class Resident: Model, @unchecked Sendable {
    static let schema = "residents"
    @ID(key: .id) var id: UUID?
    @Field(key: "reference") var reference: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "display_name") var displayName: String?
    /// Only for assisted-digital residents, so staff can call back.
    @OptionalField(key: "phone") var phone: String?
    /// Outward code and sector ("HS1 1"), as the insight store keeps postcodes: never the full postcode.
    @OptionalField(key: "postcode_sector") var postcodeSector: String?
    @OptionalParent(key: "place_id") var place: Place?
    @Field(key: "language") var language: String
    @Field(key: "assisted") var assisted: Bool
    @OptionalParent(key: "registered_by_id") var registeredBy: Person?
    @Field(key: "created_at") var createdAt: Date
    /// The last sign-in or change; the account's retention period runs from it.
    @Field(key: "last_active_at") var lastActiveAt: Date
    init() {}
}

/// One sign-in code and link sent to an address. The code and link are stored hashed; `attempts` counts wrong codes.
final class ResidentSignInCode: Model, @unchecked Sendable {
    static let schema = "resident_sign_in_codes"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "link_hash") var linkHash: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "language") var language: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    init() {}

    /// What an attempt with this code or its link does now (`matches`: the typed code, or the link, is this one's).
    func outcome(matches: Bool, now: Date) -> SignInCode.Outcome {
        SignInCode.decide(matches: matches, createdAt: createdAt, usedAt: usedAt, attempts: attempts, now: now)
    }
}

/// A resident's browser session: a cookie of its own, never a staff session.
final class ResidentSession: Model, @unchecked Sendable {
    static let schema = "resident_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "resident_id") var resident: Resident
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    init() {}
}

/// A resident's equality monitoring answers (JSON of field → option code), apart from anything they say or do.
final class ResidentEquality: Model, @unchecked Sendable {
    static let schema = "resident_equality"
    @ID(key: .id) var id: UUID?
    @Parent(key: "resident_id") var resident: Resident
    @Field(key: "answers") var answers: String
    @Field(key: "answered_at") var answeredAt: Date
    init() {}
}

/// One consent: the purpose and the version of its wording, the exact words shown (in the language shown), how it
/// was given (web, paper, phone, in person), who recorded it for the resident if staff did, and its withdrawal.
final class ConsentRecord: Model, @unchecked Sendable {
    static let schema = "consent_records"
    @ID(key: .id) var id: UUID?
    @Parent(key: "resident_id") var resident: Resident
    @Field(key: "purpose") var purpose: String
    @Field(key: "version") var version: Int
    @Field(key: "wording") var wording: String
    @Field(key: "language") var language: String
    @Field(key: "channel") var channel: String
    @OptionalParent(key: "recorded_by_id") var recordedBy: Person?
    @OptionalField(key: "recorded_by_name") var recordedByName: String?
    @Field(key: "given_at") var givenAt: Date
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by_name") var withdrawnByName: String?
    init() {}
}

/// A subject access or erasure request received offline, with its statutory deadline.
final class DataRequest: Model, @unchecked Sendable {
    static let schema = "data_requests"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "resident_id") var resident: Resident?
    @OptionalField(key: "email") var email: String?
    /// Who asked, as staff wrote it (a name and how they asked).
    @Field(key: "requester") var requester: String
    @Field(key: "received_day") var receivedDay: Int
    @Field(key: "due_day") var dueDay: Int
    @OptionalParent(key: "recorded_by_id") var recordedBy: Person?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A retention period staff set for one kind of personal data, for every activity (`activity` nil) or one.
final class RetentionRule: Model, @unchecked Sendable {
    static let schema = "retention_rules"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "activity_id") var activity: Activity?
    @Field(key: "days") var days: Int
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// One line of the public retention log: how many records of a kind one pass removed or anonymised.
final class RetentionLogEntry: Model, @unchecked Sendable {
    static let schema = "retention_log"
    @ID(key: .id) var id: UUID?
    @Field(key: "ran_at") var ranAt: Date
    @Field(key: "kind") var kind: String
    @Field(key: "removed") var removed: Int
    init() {}
}

extension CurrentResident {
    /// A resident as they act (a session, a first sign-in), or as a member of staff acts for them (assisted digital,
    /// requests): then both are named in the audit log.
    init(_ r: Resident, actedForBy staff: CurrentUser? = nil) {
        self.init(id: r.id!, reference: r.reference, email: r.email, displayName: r.displayName, language: r.language, actingStaff: staff)
    }
}
