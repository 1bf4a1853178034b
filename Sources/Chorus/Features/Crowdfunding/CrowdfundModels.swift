import Fluent
import Foundation
import ChorusCore

/// A crowdfunded project: what it is for, who is behind it, its costed items (their sum is the target), how it is
/// funded and until when, and where it is from verification to the delivery report.
final class CrowdfundProject: Model, @unchecked Sendable {
    static let schema = "crowdfund_projects"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "creator_resident_id") var creatorResidentID: UUID?
    @Field(key: "creator_kind") var creatorKind: String
    @Field(key: "group_name") var groupName: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "story") var story: String
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "category") var category: String
    @Field(key: "target_pence") var targetPence: Int64
    @Field(key: "funding_model") var fundingModel: String
    @Field(key: "deadline_day") var deadlineDay: Int
    @Field(key: "overfunding_days") var overfundingDays: Int
    @Field(key: "overfunding_uses") var overfundingUses: String
    @Field(key: "stage") var stage: String
    @Field(key: "checks") var checks: String
    @OptionalField(key: "verified_by_name") var verifiedByName: String?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @OptionalField(key: "refusal") var refusal: String?
    @OptionalField(key: "activity_id") var activityID: UUID?
    @OptionalField(key: "delivery_report") var deliveryReport: String?
    @OptionalField(key: "closing_at") var closingAt: Date?
    @OptionalField(key: "settled_at") var settledAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var stageValue: CrowdfundStage { CrowdfundStage(rawValue: stage) ?? .draft }
    var model: FundingModel { FundingModel(rawValue: fundingModel) ?? .allOrNothing }
    var kind: CreatorKind { CreatorKind(rawValue: creatorKind) ?? .group }
    var deadline: Day { Day(ordinal: deadlineDay) }
    /// Pledges close at the end of the deadline day (midnight UTC).
    var deadlineEnds: Date { deadline.adding(days: 1).date }
}

/// One costed item of a project; the items add up to its target.
final class CrowdfundItem: Model, @unchecked Sendable {
    static let schema = "crowdfund_items"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "description") var itemDescription: String
    @Field(key: "cost_pence") var costPence: Int64
    init() {}
}

/// News from a project to its backers (emailed to those who pledged online).
final class CrowdfundUpdate: Model, @unchecked Sendable {
    static let schema = "crowdfund_updates"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "body") var body: String
    @Field(key: "posted_by_name") var postedByName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// How a pledge is paid.
enum PledgeMethod: String, CaseIterable, Sendable {
    /// A card saved with the payment provider at pledge time and charged at close.
    case card
    /// Cash, cheque or bank transfer: a resident's promise, or money staff received.
    case offline
    /// A match fund's pledge, computed by its rules.
    case fund
}

/// Where a pledge is in its life; the ledger holds its money.
enum PledgeStatus: String, CaseIterable, Sendable {
    /// Sent to the provider's page to save a card; no money counted until it comes back.
    case awaitingCard = "awaiting_card"
    /// Promised (offline, or a fund's approved pledge).
    case pledged
    /// Card saved, to be charged at close.
    case authorised
    /// A charge was made and its result is not yet known (waiting for the provider's webhook).
    case charging
    case collected
    case failed
    case cancelled
    /// Collected and to be returned by staff (cash, cheque, bank transfer).
    case refundDue = "refund_due"
    case refunded
    case paidOut = "paid_out"
}

final class CrowdfundPledge: Model, @unchecked Sendable {
    static let schema = "crowdfund_pledges"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "method") var method: String
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "fund_id") var fundID: UUID?
    @Field(key: "shown_name") var shownName: String
    @OptionalField(key: "contact") var contact: String?
    @Field(key: "amount_pence") var amountPence: Int64
    @Field(key: "status") var status: String
    @OptionalField(key: "provider_customer") var providerCustomer: String?
    @OptionalField(key: "provider_method") var providerMethod: String?
    @OptionalField(key: "provider_session") var providerSession: String?
    @OptionalField(key: "provider_payment") var providerPayment: String?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "recorded_by_name") var recordedByName: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var methodValue: PledgeMethod { PledgeMethod(rawValue: method) ?? .offline }
    var statusValue: PledgeStatus { PledgeStatus(rawValue: status) ?? .pledged }
}

/// One ledger entry (`LedgerEntry`) as stored.
final class CrowdfundLedgerRow: Model, @unchecked Sendable {
    static let schema = "crowdfund_ledger"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "pledge_id") var pledgeID: UUID
    @Field(key: "event") var event: String
    @Field(key: "from_account") var fromAccount: String
    @Field(key: "to_account") var toAccount: String
    @Field(key: "amount_pence") var amountPence: Int64
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A project's photo with its alt text (`CrowdfundPhotos`).
final class CrowdfundPhoto: Model, @unchecked Sendable {
    static let schema = "crowdfund_photos"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "alt") var alt: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A partner's match fund: its public rules, budget, round and need index.
final class MatchFund: Model, @unchecked Sendable {
    static let schema = "match_funds"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "name") var name: String
    @Field(key: "description") var fundDescription: String
    @Field(key: "rules") var rulesJSON: String
    @Field(key: "budget_pence") var budgetPence: Int64
    @Field(key: "opens_day") var opensDay: Int
    @Field(key: "closes_day") var closesDay: Int
    @Field(key: "need_index") var needIndexJSON: String
    @Field(key: "funder_identifier") var funderIdentifier: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var rules: MatchFundRules? { StoredJSON.decode(rulesJSON) }
    var needIndex: [String: Double] { (StoredJSON.decode(needIndexJSON) as [String: Double]?) ?? [:] }
}

/// The fund owner's decision on a project: approved (the fund pledges what its rules compute) or declined, with why.
final class MatchOffer: Model, @unchecked Sendable {
    static let schema = "match_offers"
    @ID(key: .id) var id: UUID?
    @Field(key: "fund_id") var fundID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "status") var status: String
    @Field(key: "reason") var reason: String
    @Field(key: "decided_by_name") var decidedByName: String
    @Field(key: "decided_at") var decidedAt: Date
    @OptionalField(key: "pledge_id") var pledgeID: UUID?
    init() {}
}

/// A provider webhook event already applied.
final class PaymentEvent: Model, @unchecked Sendable {
    static let schema = "payment_events"
    @ID(custom: "event_id", generatedBy: .user) var id: String?
    @Field(key: "type") var type: String
    @Field(key: "received_at") var receivedAt: Date
    init() {}
}
