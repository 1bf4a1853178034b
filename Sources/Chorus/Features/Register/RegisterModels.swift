import Fluent
import SQLKit
import Vapor

/// An engagement activity in the shared register. Dates are whole days (days since 1970-01-01) so range
/// queries are integer comparisons on both databases.
final class Activity: Model, @unchecked Sendable {
    static let schema = "activities"
    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "purpose") var purpose: String
    @Parent(key: "organisation_id") var organisation: Organisation
    @OptionalParent(key: "lead_person_id") var lead: Person?
    @Field(key: "borough_wide") var boroughWide: Bool
    /// Method codes, comma-separated, with leading and trailing commas (",survey,drop_in,") so one LIKE finds one.
    @Field(key: "methods") var methods: String
    @Field(key: "ladder_level") var ladderLevel: String
    @Field(key: "status") var status: String
    @Field(key: "start_day") var startDay: Int
    @OptionalField(key: "end_day") var endDay: Int?
    @OptionalField(key: "expected_reach") var expectedReach: Int?
    @OptionalField(key: "public_summary") var publicSummary: String?
    @Field(key: "is_public") var isPublic: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}

    var methodList: [String] { methods.split(separator: ",").map(String.init) }
    static func encodeMethods(_ list: [String]) -> String { list.isEmpty ? "" : "," + list.joined(separator: ",") + "," }
}

/// Which places an activity covers (none when borough-wide).
final class ActivityPlace: Model, @unchecked Sendable {
    static let schema = "activity_places"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "place_id") var place: Place
    init() {}
    init(activity: UUID, place: UUID) { $activity.id = activity; $place.id = place }
}

final class ActivityTheme: Model, @unchecked Sendable {
    static let schema = "activity_themes"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "theme_id") var theme: Theme
    init() {}
    init(activity: UUID, theme: UUID) { $activity.id = activity; $theme.id = theme }
}

final class ActivityAudience: Model, @unchecked Sendable {
    static let schema = "activity_audiences"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "audience_id") var audience: Audience
    init() {}
    init(activity: UUID, audience: UUID) { $activity.id = activity; $audience.id = audience }
}

/// Partner organisations working on an activity besides the lead organisation.
final class ActivityPartner: Model, @unchecked Sendable {
    static let schema = "activity_partners"
    @ID(key: .id) var id: UUID?
    @Parent(key: "activity_id") var activity: Activity
    @Parent(key: "organisation_id") var organisation: Organisation
    init() {}
    init(activity: UUID, organisation: UUID) { $activity.id = activity; $organisation.id = organisation }
}
