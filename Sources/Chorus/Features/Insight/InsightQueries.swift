import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Finding insights: one filter for the list, search, CSV export, bundles, counts and the API, with the sharing wall
/// applied in every query (an organisation-level insight exists only for its own organisation).
enum InsightQueries {
    static let filterSpecs: [FieldSpec] = [
        FieldSpec(name: "q", kind: .string(maxLength: 200), required: false, description: "Words in the (redacted) text; all must match"),
        FieldSpec(name: "theme", kind: .uuid, required: false, description: "Theme id"),
        FieldSpec(name: "ward", kind: .uuid, required: false, description: "Place id"),
        FieldSpec(name: "organisation", kind: .uuid, required: false, description: "Recording organisation id"),
        FieldSpec(name: "activity", kind: .uuid, required: false, description: "Source activity id"),
        FieldSpec(name: "audience", kind: .uuid, required: false, description: "Audience id"),
        FieldSpec(name: "kind", kind: .choice(InsightKind.allCases.map(\.rawValue)), required: false, description: "Kind"),
        FieldSpec(name: "sharing", kind: .choice(SharingLevel.allCases.map(\.rawValue)), required: false, description: "Sharing level"),
        FieldSpec(name: "from", kind: .date, required: false, description: "Heard on or after this day"),
        FieldSpec(name: "to", kind: .date, required: false, description: "Heard on or before this day"),
    ] + EqualityMonitoring.questions.map {
        FieldSpec(name: $0.field, kind: .choice($0.options.map(\.code)), required: false, description: "Equality monitoring: \($0.question)")
    }

    struct Filter: Sendable {
        var q: String?, theme: UUID?, ward: UUID?, organisation: UUID?, activity: UUID?, audience: UUID?
        var kind: String?, sharing: String?, from: Day?, to: Day?
        var equality: [String: String] = [:]
        /// nil: public pages (public insights only).
        var viewerOrganisation: UUID?
        /// A bundle's hand-picked selection.
        var bundle: UUID?
    }

    /// Reads the filter from query parameters; a malformed value is a 400 naming the parameter.
    static func filter(_ q: [String: String], viewer: CurrentUser?) throws -> Filter {
        var v = Validator()
        func uuid(_ key: String) -> UUID? {
            guard let s = q[key], !s.isEmpty else { return nil }
            if let id = UUID(uuidString: s) { return id }
            v.add(key, "\(key) must be an id from the list"); return nil
        }
        func day(_ key: String) -> Day? {
            guard let s = q[key], !s.isEmpty else { return nil }
            if let d = Day(iso: s) { return d }
            v.add(key, "Enter \(key == "from" ? "the from date" : "the to date") as YYYY-MM-DD, like 2026-11-23"); return nil
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ t: T.Type) -> String? where T.RawValue == String {
            guard let s = q[key], !s.isEmpty else { return nil }
            if T(rawValue: s) != nil { return s }
            v.add(key, "\(key) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
        }
        var f = Filter(q: q["q"].flatMap { $0.trimmingCharacters(in: .whitespaces).nilIfEmpty }, theme: uuid("theme"), ward: uuid("ward"),
                       organisation: uuid("organisation"), activity: uuid("activity"), audience: uuid("audience"),
                       kind: choice("kind", InsightKind.self), sharing: choice("sharing", SharingLevel.self), from: day("from"), to: day("to"))
        if let text = f.q, text.count > 200 { v.add("q", "Search for at most 200 characters") }
        for question in EqualityMonitoring.questions {
            guard let s = q[question.field], !s.isEmpty else { continue }
            if question.isValid(s) { f.equality[question.field] = s } else { v.add(question.field, "\(question.field) must be one of the listed answers") }
        }
        if let a = f.from, let b = f.to, b < a { v.add("to", "The to date must be the same as or after the from date") }
        for key in ["page", "size"] { if let s = q[key], Int(s) == nil { v.add(key, "\(key) must be a whole number") } }
        try v.check()
        f.viewerOrganisation = viewer?.organisationID
        return f
    }

    static func query(_ db: any Database, _ f: Filter) -> QueryBuilder<Insight> {
        let q = Insight.query(on: db)
        // The wall first: nothing below can widen it.
        if let org = f.viewerOrganisation {
            q.group(.or) { g in g.filter(\.$sharing != SharingLevel.organisation.rawValue); g.filter(\.$organisation.$id == org) }
        } else {
            q.filter(\.$sharing == SharingLevel.public.rawValue)
        }
        if let text = f.q {
            let dialect = (db as? any SQLDatabase)?.dialect.name ?? "sqlite"
            if let condition = InsightSearchIndex.condition(text, dialect: dialect) { q.filter(.sql(embed: condition)) }
        }
        func linked(_ table: String, _ column: String, _ id: UUID) {
            q.filter(.sql(embed: "\(ident: Insight.schema).\(ident: "id") IN (SELECT \(ident: "insight_id") FROM \(ident: table) WHERE \(ident: column) = \(bind: id))"))
        }
        if let t = f.theme { linked(InsightTheme.schema, "theme_id", t) }
        if let a = f.audience { linked(InsightAudience.schema, "audience_id", a) }
        if let b = f.bundle { linked(InsightBundleItem.schema, "bundle_id", b) }
        if let w = f.ward { q.filter(\.$place.$id == w) }
        if let o = f.organisation { q.filter(\.$organisation.$id == o) }
        if let a = f.activity { q.filter(\.$activity.$id == a) }
        if let k = f.kind { q.filter(\.$kind == k) }
        if let s = f.sharing { q.filter(\.$sharing == s) }
        if let from = f.from { q.filter(\.$heardDay >= from.ordinal) }
        if let to = f.to { q.filter(\.$heardDay <= to.ordinal) }
        for (field, value) in f.equality.sorted(by: { $0.key < $1.key }) { q.filter(FieldKey.string(field), .equal, value) }
        return q
    }

    static func page(_ db: any Database, _ f: Filter, _ p: PageWindow) async throws -> PageOf<Insight> {
        let total = try await query(db, f).count()
        let items = try await query(db, f).sort(\.$heardDay, .descending).sort(\.$id).range(p.offset..<(p.offset + p.size)).all()
        return PageOf(items: items, request: p, total: total)
    }

    /// Themes, audiences and names for a page of insights, in a handful of queries.
    struct Links: Sendable {
        var themes: [UUID: [UUID]] = [:], audiences: [UUID: [UUID]] = [:]
        var themeNames: [UUID: String] = [:], audienceNames: [UUID: String] = [:], placeNames: [UUID: String] = [:]
        var orgNames: [UUID: String] = [:], activityTitles: [UUID: String] = [:]

        static func load(_ items: [Insight], _ db: any Database) async throws -> Links {
            var l = Links()
            let ids = items.compactMap(\.id)
            guard !ids.isEmpty else { return l }
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ ids).all() { l.themes[x.$insight.id, default: []].append(x.$theme.id) }
            for x in try await InsightAudience.query(on: db).filter(\.$insight.$id ~~ ids).all() { l.audiences[x.$insight.id, default: []].append(x.$audience.id) }
            l.themeNames = try await RegisterQueries.names(Theme.self, Array(Set(l.themes.values.joined())), db) { $0.name }
            l.audienceNames = try await RegisterQueries.names(Audience.self, Array(Set(l.audiences.values.joined())), db) { $0.name }
            l.placeNames = try await RegisterQueries.names(Place.self, Array(Set(items.compactMap { $0.$place.id })), db) { $0.name }
            l.orgNames = try await RegisterQueries.names(Organisation.self, Array(Set(items.map { $0.$organisation.id })), db) { $0.name }
            l.activityTitles = try await RegisterQueries.names(Activity.self, Array(Set(items.compactMap { $0.$activity.id })), db) { $0.title }
            return l
        }
        func themeList(_ i: Insight) -> [String] { (themes[i.id!] ?? []).compactMap { themeNames[$0] }.sorted() }
        func audienceList(_ i: Insight) -> [String] { (audiences[i.id!] ?? []).compactMap { audienceNames[$0] }.sorted() }
    }

    static let csvColumns = ["id", "heard_on", "kind", "text", "organisation", "activity", "ward", "postcode_sector", "themes", "audiences",
                             "people_count", "sharing", "redacted"] + EqualityMonitoring.questions.map(\.field)

    /// What the viewer can see, as CSV (redacted text only), newest first, in pages of 1,000 rows.
    static func csv(_ db: any Database, _ f: Filter, limit: Int = 200_000) async throws -> String {
        var rows: [[String]] = []
        var offset = 0
        while offset < limit {
            let batch = try await query(db, f).sort(\.$heardDay, .descending).sort(\.$id).range(offset..<min(limit, offset + 1000)).all()
            guard !batch.isEmpty else { break }
            let l = try await Links.load(batch, db)
            for i in batch {
                rows.append([i.id!.uuidString, Day(ordinal: i.heardDay).description, i.kind, i.text, l.orgNames[i.$organisation.id] ?? "",
                             i.$activity.id.flatMap { l.activityTitles[$0] } ?? "", i.$place.id.flatMap { l.placeNames[$0] } ?? "",
                             i.postcodeSector ?? "", l.themeList(i).joined(separator: "; "), l.audienceList(i).joined(separator: "; "),
                             String(i.peopleCount), i.sharing, i.redactedKindList.joined(separator: "; ")]
                            + EqualityMonitoring.questions.map { i.equality[$0.field] ?? "" })
            }
            offset += batch.count
        }
        return CSV.write(header: csvColumns, rows: rows)
    }
}
