import Fluent
import Vapor

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a database
/// read does not give away live sessions. Stored in the database so several app servers can share it.
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "person_id") var person: Person
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    init() {}
}

/// A personal API token for /api/v1. Shown once at creation; stored as a SHA-256 hash.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so a person can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    init() {}
}

/// One failed sign-in, kept for the throttle window (per account and per address).
final class SignInFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_failures"
    @ID(key: .id) var id: UUID?
    @Field(key: "account") var account: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date
    init() {}
}
