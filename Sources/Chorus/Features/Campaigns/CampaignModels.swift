import Fluent
import Foundation
import ChorusCore

/// A partner's "home, street, community" campaign on a theme.
final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "title") var title: String
    @Field(key: "theme") var theme: String
    @Field(key: "summary") var summary: String
    @Field(key: "introduction") var introduction: String
    @Field(key: "status") var status: String
    @OptionalField(key: "activity_id") var activityID: UUID?
    @Field(key: "crowdfund_project_ids") var crowdfundProjectIDsJSON: String
    @Field(key: "activity_ids") var activityIDsJSON: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var statusValue: CampaignStatus { CampaignStatus(rawValue: status) ?? .draft }
    var themeValue: CampaignTheme { CampaignTheme(rawValue: theme) ?? .other }
    var crowdfundProjectIDs: [UUID] { (StoredJSON.decode(crowdfundProjectIDsJSON) as [UUID]?) ?? [] }
    var linkedActivityIDs: [UUID] { (StoredJSON.decode(activityIDsJSON) as [UUID]?) ?? [] }
}

/// One thing to do, at home, on one's street or in the community, with how to do it and a toolkit.
final class CampaignAction: Model, @unchecked Sendable {
    static let schema = "campaign_actions"
    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "level") var level: String
    @Field(key: "title") var title: String
    @Field(key: "how_to") var howTo: String
    @Field(key: "poster_text") var posterText: String
    @Field(key: "letter_text") var letterText: String
    @Field(key: "position") var position: Int
    init() {}

    var levelValue: ActionLevel { ActionLevel(rawValue: level) ?? .home }
}

/// A pledge to do an action: a signed-in resident's or an anonymous one (with a ward), a group's for a community
/// action; done when reported.
final class CampaignPledge: Model, @unchecked Sendable {
    static let schema = "campaign_pledges"
    @ID(key: .id) var id: UUID?
    @Field(key: "action_id") var actionID: UUID
    @Field(key: "campaign_id") var campaignID: UUID
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "place_id") var placeID: UUID?
    @OptionalField(key: "group_name") var groupName: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "done_at") var doneAt: Date?
    @Field(key: "wants_updates") var wantsUpdates: Bool
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// News from the organiser, emailed to pledgers who asked for updates.
final class CampaignUpdate: Model, @unchecked Sendable {
    static let schema = "campaign_updates"
    @ID(key: .id) var id: UUID?
    @Field(key: "campaign_id") var campaignID: UUID
    @Field(key: "body") var body: String
    @Field(key: "posted_by_name") var postedByName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
