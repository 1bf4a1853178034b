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

struct CreateActivities: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Activity.schema)
            .id()
            .field("title", .string, .required)
            .field("purpose", .string, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, "id"))
            .field("lead_person_id", .uuid, .references(Person.schema, "id"))
            .field("borough_wide", .bool, .required)
            .field("methods", .string, .required)
            .field("ladder_level", .string, .required)
            .field("status", .string, .required)
            .field("start_day", .int, .required)
            .field("end_day", .int)
            .field("expected_reach", .int)
            .field("public_summary", .string)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        for (schema, column, target) in [(ActivityPlace.schema, "place_id", Place.schema), (ActivityTheme.schema, "theme_id", Theme.schema),
                                         (ActivityAudience.schema, "audience_id", Audience.schema),
                                         (ActivityPartner.schema, "organisation_id", Organisation.schema)] {
            try await db.schema(schema)
                .id()
                .field("activity_id", .uuid, .required, .references(Activity.schema, "id", onDelete: .cascade))
                .field(.string(column), .uuid, .required, .references(target, "id"))
                .unique(on: "activity_id", .string(column))
                .create()
        }
        guard let sql = db as? any SQLDatabase else { return }
        // What the list filters, overlap check and fatigue table look up by.
        for (name, table, columns) in [
            ("activities_start_day", Activity.schema, ["start_day"]),
            ("activities_end_day", Activity.schema, ["end_day"]),
            ("activities_org_start", Activity.schema, ["organisation_id", "start_day"]),
            ("activities_status_start", Activity.schema, ["status", "start_day"]),
            ("activity_places_place", ActivityPlace.schema, ["place_id", "activity_id"]),
            ("activity_themes_theme", ActivityTheme.schema, ["theme_id", "activity_id"]),
            ("activity_audiences_audience", ActivityAudience.schema, ["audience_id", "activity_id"]),
            ("activity_partners_org", ActivityPartner.schema, ["organisation_id", "activity_id"]),
        ] {
            let index = sql.create(index: name).on(table)
            for c in columns { _ = index.column(c) }
            try await index.run()
        }
    }

    func revert(on db: any Database) async throws {
        for s in [ActivityPartner.schema, ActivityAudience.schema, ActivityTheme.schema, ActivityPlace.schema, Activity.schema] {
            try await db.schema(s).delete()
        }
    }
}

/// Postcode districts (outward codes, e.g. "HS1") per place, so residents can find their ward by postcode.
struct AddPostcodeDistrictsToPlaces: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Place.schema).field("postcode_districts", .string).update()
    }
    func revert(on db: any Database) async throws {
        try await db.schema(Place.schema).deleteField("postcode_districts").update()
    }
}

/// Covering indexes for the register at 50,000 activities, on SQLite only (bench/README.md has the measurements).
/// SQLite reads a table row for every index entry that a condition cannot be decided on from the index, so these
/// carry the columns the overlap check, the list filters and the fatigue table test. On the same data PostgreSQL's
/// planner used them only as alternatives to its existing indexes, with no gain measurable on this machine, so they
/// are not created there.
struct AddRegisterCoveringIndexes: AsyncMigration {
    static let indexes: [(name: String, columns: [String])] = [
        // Overlap candidates and the ward + theme list probe activities by id from the link subqueries; with status
        // and dates in the index, only matching rows are read (ward overlap check and activity page ~25% cheaper,
        // ward + theme + status list a third).
        ("activities_id_window", ["id", "status", "start_day", "end_day", "borough_wide"]),
        // List COUNT with a date range (and the unfiltered COUNT) stays in the index instead of reading ~90% of the
        // table (ward + from/to list 3x cheaper).
        ("activities_window", ["start_day", "end_day", "borough_wide", "status", "organisation_id", "id"]),
        // Fatigue: live, asking activities that end after the range starts, without reading the table (fatigue table
        // 4x cheaper together with the per-ward query rewritten for SQLite in CoordinationService.fatigue).
        ("activities_fatigue", ["end_day", "borough_wide", "ladder_level", "status", "start_day", "id"]),
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (name, columns) in Self.indexes {
            let index = sql.create(index: name).on(Activity.schema)
            for c in columns { _ = index.column(c) }
            try await index.run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for (name, _) in Self.indexes.reversed() { try await sql.drop(index: name).run() }
    }
}
