import Vapor
import Fluent

// The outbox's tables are created by the frozen migrations CreateFeedback and AddOutboxLease.

/// An email waiting to go, sent, given up on, or cancelled (the address unsubscribed first). One row per recipient,
/// kind and subject record, so a report published twice or an action marked done twice does not email twice.
final class OutboxEmail: Model, @unchecked Sendable {
    static let schema = "email_outbox"
    enum Status: String, Sendable { case pending, sent, failed, cancelled }
    @ID(key: .id) var id: UUID?
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// "report_published" or "action_done".
    @Field(key: "kind") var kind: String
    @Field(key: "reference_id") var referenceID: UUID
    @Field(key: "unsubscribe_url") var unsubscribeURL: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The server pass that has claimed this email, and until when (`OutboxService.deliverDue`); nil when free.
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// Addresses that asked for no more email. Checked when mail is queued and again just before it is sent.
final class EmailUnsubscribe: Model, @unchecked Sendable {
    static let schema = "email_unsubscribes"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
