import Fluent
import Foundation

/// A resident's request for email updates: about one ward (`placeID`), one theme and everything under it
/// (`themeID`), both, or neither (the whole borough). Nothing is sent until `confirmedAt` is set by the link in the
/// confirmation email. The email is the only personal data kept; unsubscribing deletes the row.
final class UpdateSubscription: Model, @unchecked Sendable {
    static let schema = "update_subscriptions"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @OptionalField(key: "place_id") var placeID: UUID?
    @OptionalField(key: "theme_id") var themeID: UUID?
    /// The language the resident read the page in; their emails are written in it.
    @Field(key: "language") var language: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// One report or activity that has been announced to subscribers ("report", id): written in the same transaction
/// as the emails it queued, unique, so it is announced once however many servers sweep.
final class UpdateAnnouncement: Model, @unchecked Sendable {
    static let schema = "update_announcements"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "reference_id") var referenceID: UUID
    @Timestamp(key: "announced_at", on: .create) var announcedAt: Date?
    init() {}
}
