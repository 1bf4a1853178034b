import Fluent
import Foundation

/// A group, venue or connector in the directory (`DirectoryKind`). Days are days since 1970-01-01.
final class DirectoryEntry: Model, @unchecked Sendable {
    static let schema = "directory_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "name") var name: String
    @Field(key: "summary") var summary: String
    @Field(key: "category") var category: String
    @Parent(key: "owner_organisation_id") var owner: Organisation
    @Field(key: "borough_wide") var boroughWide: Bool
    @Field(key: "languages") var languages: String
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "website") var website: String?
    @OptionalField(key: "approach") var approach: String?
    @Field(key: "open_to_partnering") var openToPartnering: Bool
    @Field(key: "contact_sharing") var contactSharing: String
    @OptionalField(key: "consent_day") var consentDay: Int?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @Field(key: "facts") var facts: String
    @OptionalField(key: "capacity") var capacity: Int?
    @OptionalField(key: "cost") var cost: String?
    @OptionalField(key: "opening_times") var openingTimes: String?
    @Field(key: "assured_day") var assuredDay: Int
    @OptionalField(key: "source_id") var sourceID: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}

    /// A comma list stored with a comma at each end (",a,b,"), so one `LIKE '%,a,%'` finds one item.
    static func encodeList(_ list: [String]) -> String { list.isEmpty ? "" : "," + list.joined(separator: ",") + "," }
    static func decodeList(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}

/// A ward, theme or audience an entry covers.
final class DirectoryLink: Model, @unchecked Sendable {
    static let schema = "directory_links"
    @ID(key: .id) var id: UUID?
    @Parent(key: "entry_id") var entry: DirectoryEntry
    @Field(key: "link") var link: String
    @Field(key: "target_id") var targetID: UUID
    init() {}
    init(entry: UUID, link: DirectoryLinkKind, target: UUID) {
        $entry.id = entry
        self.link = link.rawValue
        targetID = target
    }
}

enum DirectoryLinkKind: String, Sendable, CaseIterable { case place, theme, audience }

/// A group working on an activity, or the venue it is held at.
final class DirectoryActivityLink: Model, @unchecked Sendable {
    static let schema = "directory_activity_links"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "entry_id") var entry: DirectoryEntry
    @Field(key: "role") var role: String
    @OptionalField(key: "added_by_person_id") var addedBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

enum DirectoryActivityRole: String, Sendable, CaseIterable { case partner, venue }

/// A single-use link a group follows to correct its own entry without an account, and what it sent back.
final class DirectoryUpdateLink: Model, @unchecked Sendable {
    static let schema = "directory_update_links"
    @ID(key: .id) var id: UUID?
    @Parent(key: "entry_id") var entry: DirectoryEntry
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "sent_to") var sentTo: String
    @OptionalField(key: "requested_by_person_id") var requestedBy: UUID?
    @OptionalField(key: "reminder_for_day") var reminderForDay: Int?
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "proposed") var proposed: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "reviewed_by_person_id") var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}

    enum Status: String, Sendable { case open, submitted, approved, rejected }
}

/// Something a partner offers groups: volunteering days, skills, time-bank hours, equipment or a room (`OfferKind`).
final class DirectoryOffer: Model, @unchecked Sendable {
    static let schema = "directory_offers"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @OptionalField(key: "amount") var amount: Int?
    @Field(key: "borough_wide") var boroughWide: Bool
    @Field(key: "place_ids") var placeIDs: String
    @Field(key: "theme_ids") var themeIDs: String
    @OptionalField(key: "available_from_day") var availableFromDay: Int?
    @OptionalField(key: "available_to_day") var availableToDay: Int?
    @Field(key: "open") var open: Bool
    @OptionalField(key: "created_by_person_id") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A group's request for an offer, made by a partner's staff on the group's behalf, and what came of it.
final class DirectoryOfferRequest: Model, @unchecked Sendable {
    static let schema = "directory_offer_requests"
    @ID(key: .id) var id: UUID?
    @Parent(key: "offer_id") var offer: DirectoryOffer
    @Parent(key: "entry_id") var entry: DirectoryEntry
    @OptionalField(key: "requested_by_person_id") var requestedBy: UUID?
    @Field(key: "requester_organisation_id") var requesterOrganisation: UUID
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "wanted_day") var wantedDay: Int?
    @OptionalField(key: "amount") var amount: Int?
    @Field(key: "status") var status: String
    @OptionalField(key: "given_amount") var givenAmount: Int?
    @OptionalField(key: "given_day") var givenDay: Int?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}
