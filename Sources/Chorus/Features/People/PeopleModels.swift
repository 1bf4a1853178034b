import Fluent
import Vapor
import ChorusCore

/// A member of staff of a partner organisation. Never hard-deleted: deactivated people keep their history.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @OptionalField(key: "job_title") var jobTitle: String?
    /// nil until an invited person chooses a password.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "role") var role: String
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "active") var active: Bool
    @OptionalField(key: "last_sign_in_at") var lastSignInAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}

    var roleValue: Role { Role(rawValue: role) ?? .viewer }
}

/// A one-time link that lets an invited person choose their password.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"
    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
