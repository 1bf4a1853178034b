import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Finding activities: the filtered list shared by the pages, the CSV export and the API.
enum RegisterQueries {
    /// Filters, all optional, as query parameters.
    static let filterSpecs: [FieldSpec] = [
        FieldSpec(name: "q", kind: .string(maxLength: 200), required: false, description: "Words in the title or purpose"),
        FieldSpec(name: "ward", kind: .uuid, required: false, description: "Place id (borough-wide activities are included)"),
        FieldSpec(name: "theme", kind: .uuid, required: false, description: "Theme id"),
        FieldSpec(name: "audience", kind: .uuid, required: false, description: "Audience id"),
        FieldSpec(name: "organisation", kind: .uuid, required: false, description: "Lead or partner organisation id"),
        FieldSpec(name: "method", kind: .choice(EngagementMethod.allCases.map(\.rawValue)), required: false, description: "Method"),
        FieldSpec(name: "status", kind: .choice(ActivityStatus.allCases.map(\.rawValue)), required: false, description: "Status"),
        FieldSpec(name: "from", kind: .date, required: false, description: "Running on or after this day"),
        FieldSpec(name: "to", kind: .date, required: false, description: "Running on or before this day"),
        FieldSpec(
            name: "plan", kind: .choice(["unsigned"]), required: false,
            description: "unsigned: planned activities without a signed-off engagement plan"),
    ]

    struct Filter: Sendable {
        var q: String?, ward: UUID?, theme: UUID?, audience: UUID?, organisation: UUID?, method: String?, status: String?
        var from: Day?, to: Day?
        /// Planned activities whose engagement plan is not signed off (or that have none).
        var withoutSignedOffPlan = false
        /// Public pages: only live, listed activities.
        var publicOnly = false
        /// Drafts are visible only to their organisation.
        var draftsVisibleTo: UUID?
    }

    /// Reads the filter from query parameters; a malformed value is a 400 naming the parameter.
    static func filter(_ q: [String: String], viewer: CurrentUser?) throws -> Filter {
        var r = QueryReader(q)
        var f = Filter(
            q: q["q"], ward: r.uuid("ward"), theme: r.uuid("theme"), audience: r.uuid("audience"), organisation: r.uuid("organisation"),
            method: r.choice("method", EngagementMethod.self), status: r.choice("status", ActivityStatus.self),
            from: r.day("from"), to: r.day("to"))
        if let p = r.text("plan") {
            if p == "unsigned" { f.withoutSignedOffPlan = true } else { r.add("plan", "plan must be: unsigned") }
        }
        try r.check(from: f.from, to: f.to)
        f.draftsVisibleTo = viewer?.organisationID
        f.publicOnly = viewer == nil
        return f
    }

    static func query(_ db: any Database, _ f: Filter) -> QueryBuilder<Activity> {
        let q = Activity.query(on: db)
        q.matching(f.q, in: ["title", "purpose"])
        if let w = f.ward {
            q.group(.or) { g in
                g.filter(\.$boroughWide == true)
                g.filter(
                    .sql(
                        embed:
                            "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityPlace.schema) WHERE \(ident: "place_id") = \(bind: w))"
                    ))
            }
        }
        if let t = f.theme {
            q.filter(
                .sql(
                    embed:
                        "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityTheme.schema) WHERE \(ident: "theme_id") = \(bind: t))"
                ))
        }
        if let a = f.audience {
            q.filter(
                .sql(
                    embed:
                        "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityAudience.schema) WHERE \(ident: "audience_id") = \(bind: a))"
                ))
        }
        if let o = f.organisation {
            q.group(.or) { g in
                g.filter(\.$organisation.$id == o)
                g.filter(
                    .sql(
                        embed:
                            "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityPartner.schema) WHERE \(ident: "organisation_id") = \(bind: o))"
                    ))
            }
        }
        if let m = f.method { q.filter(\.$methods, .custom("LIKE"), "%,\(m),%") }
        if let s = f.status { q.filter(\.$status == s) }
        // Runs on or after `from`: ends on/after it or is open-ended. Runs on or before `to`: starts on/before it.
        if let from = f.from {
            q.group(.or) { g in
                g.filter(\.$endDay >= from.ordinal); g.filter(\.$endDay == nil)
            }
        }
        if let to = f.to { q.filter(\.$startDay <= to.ordinal) }
        if f.withoutSignedOffPlan {
            q.filter(\.$status == ActivityStatus.planned.rawValue)
            q.filter(
                .sql(
                    embed:
                        "\(ident: Activity.schema).\(ident: "id") NOT IN (SELECT \(ident: "activity_id") FROM \(ident: EngagementPlan.schema) WHERE \(ident: "status") = \(bind: PlanStatus.signedOff.rawValue))"
                ))
        }
        if f.publicOnly {
            q.filter(\.$isPublic == true).filter(\.$status != ActivityStatus.draft.rawValue)
        } else if let org = f.draftsVisibleTo {
            q.group(.or) { g in
                g.filter(\.$status != ActivityStatus.draft.rawValue); g.filter(\.$organisation.$id == org)
            }
        }
        return q
    }

    static func page(_ db: any Database, _ f: Filter, _ p: PageWindow, newestFirst: Bool = true) async throws -> PageOf<ActivitySummary> {
        let total = try await query(db, f).count()
        let q = query(db, f)
        if newestFirst { q.sort(\.$startDay, .descending) } else { q.sort(\.$startDay, .ascending) }
        let items = try await q.sort(\.$title).range(p.offset..<(p.offset + p.size)).all()
        return PageOf(items: try await summaries(items, db), request: p, total: total)
    }

    /// Names for a page of activities, fetched in two statements however long the page (links, then names).
    static func summaries(_ items: [Activity], _ db: any Database) async throws -> [ActivitySummary] {
        let ids = items.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let links = try await ActivityLinks.load(ids, [.place, .theme], db)
        let names = try await RegisterNames.load(
            places: Set(links.values.flatMap(\.places)), themes: Set(links.values.flatMap(\.themes)),
            organisations: Set(items.map { $0.$organisation.id }), db)
        return summaries(items, links: links, names: names)
    }

    /// Summaries from links and names already read.
    static func summaries(_ items: [Activity], links: [UUID: ActivityLinks], names: RegisterNames) -> [ActivitySummary] {
        items.map { a in
            let l = links[a.id!] ?? ActivityLinks()
            return ActivitySummary(
                id: a.id!, title: a.title, organisationName: names.organisations[a.$organisation.id] ?? "",
                organisationID: a.$organisation.id, status: a.status, level: a.ladderLevel, start: Day(ordinal: a.startDay),
                end: a.endDay.map(Day.init(ordinal:)), boroughWide: a.boroughWide,
                places: l.places.compactMap { names.places[$0] }.sorted(), themes: l.themes.compactMap { names.themes[$0] }.sorted(),
                methods: a.methodList, publicSummary: a.publicSummary, isPublic: a.isPublic)
        }
    }

    /// Name and email of people by id, as plain rows.
    static func contacts(_ ids: Set<UUID>, _ db: any Database) async throws -> [UUID: (name: String, email: String)] {
        guard !ids.isEmpty else { return [:] }
        let sql = try RegisterRows.sql(db)
        var out: [UUID: (name: String, email: String)] = [:]
        for chunk in RegisterRows.chunks(Array(ids)) {
            for row in try await sql.raw(
                "SELECT \(ident: "id"), \(ident: "name"), \(ident: "email") FROM \(ident: Person.schema) WHERE \(ident: "id") IN \(SQLBind.group(chunk))"
            ).all() {
                out[try row.decode(column: "id", as: UUID.self)] = (
                    try row.decode(column: "name", as: String.self), try row.decode(column: "email", as: String.self)
                )
            }
        }
        return out
    }

    static let csvColumns = [
        "id", "title", "purpose", "organisation", "lead_officer", "partners", "borough_wide", "places", "themes",
        "audiences", "methods", "ladder_level", "status", "starts_on", "ends_on", "expected_reach", "public_summary", "is_public",
    ]

    /// The filtered list as CSV with names (not ids), ready for a spreadsheet or for import elsewhere.
    static func csv(_ db: any Database, _ f: Filter, limit: Int = 100_000) async throws -> String {
        let items = try await query(db, f).sort(\.$startDay, .descending).limit(limit).all()
        let ids = items.compactMap(\.id)
        var rows: [[String]] = []
        for chunk in ids.chunked(500) {
            let batch = items.filter { chunk.contains($0.id!) }
            let links = try await Links.load(chunk, db)
            let people = try await NameLookup.names(Person.self, Array(Set(batch.compactMap { $0.$lead.id })), db) { $0.email }
            for a in batch {
                let id = a.id!
                rows.append([
                    id.uuidString, a.title, a.purpose, links.orgName(a.$organisation.id), people[a.$lead.id ?? UUID()] ?? "",
                    links.partners[id, default: []].map(links.orgName).joined(separator: "; "),
                    a.boroughWide ? "yes" : "no", links.places[id, default: []].map(links.placeCode).joined(separator: "; "),
                    links.themes[id, default: []].map(links.themeName).joined(separator: "; "),
                    links.audiences[id, default: []].map(links.audienceName).joined(separator: "; "),
                    a.methodList.joined(separator: "; "), a.ladderLevel, a.status, Day(ordinal: a.startDay).description,
                    a.endDay.map { Day(ordinal: $0).description } ?? "", a.expectedReach.map(String.init) ?? "",
                    a.publicSummary ?? "", a.isPublic ? "yes" : "no",
                ])
            }
        }
        return CSV.write(header: csvColumns, rows: rows)
    }

    /// The links of a batch of activities, with the names needed to show them.
    struct Links {
        var places: [UUID: [UUID]] = [:], themes: [UUID: [UUID]] = [:], audiences: [UUID: [UUID]] = [:], partners: [UUID: [UUID]] = [:]
        var placeCodes: [UUID: String] = [:], themeNames: [UUID: String] = [:], audienceNames: [UUID: String] = [:], orgNames: [UUID: String] = [:]
        func placeCode(_ id: UUID) -> String { placeCodes[id] ?? "" }
        func themeName(_ id: UUID) -> String { themeNames[id] ?? "" }
        func audienceName(_ id: UUID) -> String { audienceNames[id] ?? "" }
        func orgName(_ id: UUID) -> String { orgNames[id] ?? "" }

        static func load(_ ids: [UUID], _ db: any Database) async throws -> Links {
            var l = Links()
            for x in try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ ids).all() {
                l.places[x.$activity.id, default: []].append(x.$place.id)
            }
            for x in try await ActivityTheme.query(on: db).filter(\.$activity.$id ~~ ids).all() {
                l.themes[x.$activity.id, default: []].append(x.$theme.id)
            }
            for x in try await ActivityAudience.query(on: db).filter(\.$activity.$id ~~ ids).all() {
                l.audiences[x.$activity.id, default: []].append(x.$audience.id)
            }
            for x in try await ActivityPartner.query(on: db).filter(\.$activity.$id ~~ ids).all() {
                l.partners[x.$activity.id, default: []].append(x.$organisation.id)
            }
            l.placeCodes = Dictionary(try await Place.query(on: db).all().map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
            l.themeNames = Dictionary(try await Theme.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            l.audienceNames = Dictionary(try await Audience.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            l.orgNames = Dictionary(try await Organisation.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            return l
        }
    }
}

/// One activity as lists and calendars show it.
struct ActivitySummary: Sendable {
    let id: UUID
    let title: String
    let organisationName: String
    let organisationID: UUID
    let status: String
    let level: String
    let start: Day
    let end: Day?
    let boroughWide: Bool
    let places: [String]
    let themes: [String]
    let methods: [String]
    let publicSummary: String?
    let isPublic: Bool
}
