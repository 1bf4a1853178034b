import Fluent
import Foundation
import ChorusCore

/// A participatory budgeting round of a register activity. Its phase says what residents may do; its ballot rules,
/// outcome rule and tie seed are fixed once voting opens; `outcome` is the count as published (`BudgetRoundCount`
/// results as JSON), so the results page shows what was decided even if a ballot is later erased.
final class BudgetRound: Model, @unchecked Sendable {
    static let schema = "budget_rounds"
    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "title") var title: String
    @Field(key: "intro") var intro: String
    @Field(key: "phase") var phase: String
    @Field(key: "settings") var settings: String
    @Field(key: "ballot_rules") var ballotRules: String
    @Field(key: "outcome_rule") var outcomeRule: String
    @Field(key: "tie_seed") var tieSeed: String
    @OptionalField(key: "voting_closes_day") var votingClosesDay: Int?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "results_published_at") var resultsPublishedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// Money to share in a round: round-wide, or for one ward's residents.
final class BudgetPot: Model, @unchecked Sendable {
    static let schema = "budget_pots"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "budget_pence") var budgetPence: Int64
    @Field(key: "position") var position: Int
    init() {}
}

/// An idea for the round's money, from a resident or added by staff for a group; moderated, reviewed for
/// feasibility (with reasons residents read) and, when published and feasible, on the ballot.
final class BudgetProposal: Model, @unchecked Sendable {
    static let schema = "budget_proposals"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundID: UUID
    @OptionalField(key: "pot_id") var potID: UUID?
    @Field(key: "reference") var reference: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @OptionalField(key: "category") var category: String?
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "cost_pence") var costPence: Int64
    @OptionalField(key: "proposed_cost_pence") var proposedCostPence: Int64?
    @OptionalField(key: "cost_reason") var costReason: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "moderation_reason") var moderationReason: String?
    @OptionalField(key: "merged_into_id") var mergedIntoID: UUID?
    @Field(key: "feasibility") var feasibility: String
    @OptionalField(key: "feasibility_reason") var feasibilityReason: String?
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    @OptionalField(key: "reviewer_name") var reviewerName: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "author_resident_id") var authorResidentID: UUID?
    @OptionalField(key: "author_name") var authorName: String?
    @OptionalField(key: "added_by_id") var addedByID: UUID?
    @OptionalField(key: "override") var override: String?
    @OptionalField(key: "override_reason") var overrideReason: String?
    @OptionalField(key: "delivery") var delivery: String?
    @OptionalField(key: "delivery_note") var deliveryNote: String?
    @OptionalField(key: "delivery_action_id") var deliveryActionID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// One voter's current ballot in a round: changed in place until voting closes, so there is never a second.
final class BudgetBallot: Model, @unchecked Sendable {
    static let schema = "budget_ballots"
    @ID(key: .id) var id: UUID?
    @Field(key: "round_id") var roundID: UUID
    @Field(key: "reference") var reference: String
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "voter_name") var voterName: String?
    @OptionalField(key: "voter_postcode") var voterPostcode: String?
    @OptionalField(key: "voter_key") var voterKey: String?
    @OptionalField(key: "place_id") var placeID: UUID?
    @Field(key: "choices") var choices: String
    @Field(key: "blank") var blank: Bool
    @Field(key: "channel") var channel: String
    @OptionalField(key: "keyed_by_id") var keyedByID: UUID?
    @OptionalField(key: "keyed_by_name") var keyedByName: String?
    @Field(key: "age_declared") var ageDeclared: Bool
    @OptionalField(key: "verified_by_name") var verifiedByName: String?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A proposal's photo: the checked bytes without metadata, their kind and size, and the alt text read in its place.
final class BudgetProposalPhoto: Model, @unchecked Sendable {
    static let schema = "budget_proposal_photos"
    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "bytes") var bytes: Data
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "alt") var alt: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
