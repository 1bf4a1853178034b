import Fluent
import Foundation
import ChorusCore

/// A standing citizens' panel an organisation runs: its public introduction, whether residents may join online, and
/// how many people of one household a letter's code registers.
final class Panel: Model, @unchecked Sendable {
    static let schema = "panels"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "name") var name: String
    @Field(key: "intro") var intro: String
    @Field(key: "open") var open: Bool
    @Field(key: "max_per_household") var maxPerHousehold: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// One draw of the letter lottery: its seed (published, so the draw can be replayed) and how many households it drew.
final class PanelLotteryDraw: Model, @unchecked Sendable {
    static let schema = "panel_lotteries"
    @ID(key: .id) var id: UUID?
    @Field(key: "panel_id") var panelID: UUID
    @Field(key: "seed") var seed: String
    @Field(key: "households_drawn") var householdsDrawn: Int
    @Field(key: "drawn_by_name") var drawnByName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A household of an imported address list, with the code printed on its letter once a lottery draws it.
final class PanelHousehold: Model, @unchecked Sendable {
    static let schema = "panel_households"
    @ID(key: .id) var id: UUID?
    @Field(key: "panel_id") var panelID: UUID
    @Field(key: "position") var position: Int
    @OptionalField(key: "uprn") var uprn: String?
    @Field(key: "address") var address: String
    @Field(key: "postcode") var postcode: String
    @Field(key: "code") var code: String
    @OptionalField(key: "lottery_id") var lotteryID: UUID?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A panel member: a resident who joined online, or someone staff added from a paper or phone form; their profile
/// (answers to `PanelProfileQuestions`, JSON), ward, household and the consent words they agreed to.
final class PanelMember: Model, @unchecked Sendable {
    static let schema = "panel_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "panel_id") var panelID: UUID
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "name") var name: String?
    @OptionalField(key: "contact") var contact: String?
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "profile") var profile: String
    @OptionalField(key: "household_id") var householdID: UUID?
    @Field(key: "channel") var channel: String
    @Field(key: "consent_wording") var consentWording: String
    @OptionalField(key: "added_by_name") var addedByName: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A selection of members for an event: targets, algorithm, and once published the frozen pool and targets files
/// with their hash; once drawn, the seed, the distribution over panels and the time it took.
final class PanelSelectionRecord: Model, @unchecked Sendable {
    static let schema = "panel_selections"
    @ID(key: .id) var id: UUID?
    @Field(key: "panel_id") var panelID: UUID
    @Field(key: "title") var title: String
    @Field(key: "panel_size") var panelSize: Int
    @Field(key: "algorithm") var algorithm: String
    @Field(key: "targets") var targets: String
    @Field(key: "keep_households_apart") var keepHouseholdsApart: Bool
    @Field(key: "sessions") var sessions: String
    @Field(key: "pool_rule") var poolRule: String
    @Field(key: "status") var status: String
    @OptionalField(key: "categories_csv") var categoriesCSV: String?
    @OptionalField(key: "respondents_csv") var respondentsCSV: String?
    @OptionalField(key: "pool_hash") var poolHash: String?
    @OptionalField(key: "seed") var seed: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "distribution") var distribution: String?
    @OptionalField(key: "drawn_at") var drawnAt: Date?
    @OptionalField(key: "seconds") var seconds: Double?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A volunteer in a published selection's pool: pseudonym, selection probability, and what happened to them.
final class PanelSelectionPerson: Model, @unchecked Sendable {
    static let schema = "panel_selection_people"
    @ID(key: .id) var id: UUID?
    @Field(key: "selection_id") var selectionID: UUID
    @OptionalField(key: "member_id") var memberID: UUID?
    @Field(key: "pseudonym") var pseudonym: String
    @Field(key: "position") var position: Int
    @OptionalField(key: "probability") var probability: Double?
    @Field(key: "status") var status: String
    @OptionalField(key: "access_needs") var accessNeeds: String?
    @Field(key: "attended") var attended: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// An expense or thank-you payment to someone selected, as finance needs it (the name paid is kept with it).
final class PanelPayment: Model, @unchecked Sendable {
    static let schema = "panel_payments"
    @ID(key: .id) var id: UUID?
    @Field(key: "selection_id") var selectionID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "payee_name") var payeeName: String
    @Field(key: "kind") var kind: String
    @Field(key: "amount_pence") var amountPence: Int64
    @Field(key: "method") var method: String
    @Field(key: "paid_day") var paidDay: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A member's answer to "can you come?" for one selection.
final class PanelAvailability: Model, @unchecked Sendable {
    static let schema = "panel_availability"
    @ID(key: .id) var id: UUID?
    @Field(key: "selection_id") var selectionID: UUID
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "available") var available: Bool
    @Field(key: "answered_at") var answeredAt: Date
    init() {}
}

extension PanelMember {
    /// The answers to `PanelProfileQuestions`, by question key, as the `profile` column keeps them.
    var answers: [String: String] {
        get { StoredJSON.decode(profile) ?? [:] }
        set { profile = StoredJSON.encode(newValue) }
    }

    /// The name staff see: the one keyed in from a paper or phone form, or "Online member" for a resident who joined.
    var shownName: String { name ?? "Online member" }
}

extension PanelSelectionRecord {
    /// The targets, as the `targets` column keeps them.
    var quotas: [PanelQuota] {
        get { StoredJSON.decode(targets) ?? [] }
        set { targets = StoredJSON.encode(newValue) }
    }
}
