import Vapor
import Fluent
import SQLKit
import FluentSQL
import ChorusCore

/// Finding insights: one filter for the list, search, CSV export, bundles, counts and the API, with the sharing wall
/// applied in every query (an organisation-level insight exists only for its own organisation).
enum InsightQueries {
    static let filterSpecs: [FieldSpec] =
        [
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
        ]
        + EqualityMonitoring.questions.map {
            FieldSpec(name: $0.field, kind: .choice($0.options.map(\.code)), required: false, description: "Equality monitoring: \($0.question)")
        }

    struct Filter: Sendable {
        var q: String?, theme: UUID?, ward: UUID?, organisation: UUID?, activity: UUID?, audience: UUID?
        var kind: String?, sharing: String?, from: Day?, to: Day?
        var equality: [String: String] = [:]
        /// Who is reading: what of the sharing levels passes (public pages: public insights only).
        var wall: SharingWall = .publicOnly
        /// A bundle's hand-picked selection.
        var bundle: UUID?

        /// Filters on residents' equality answers (see `query` and `shownTotal`).
        var usesEquality: Bool { !equality.isEmpty }
    }

    /// Reads the filter from query parameters; a malformed value is a 400 naming the parameter.
    static func filter(_ q: [String: String], viewer: CurrentUser?) throws -> Filter {
        var r = QueryReader(q)
        var f = Filter(
            q: r.text("q"), theme: r.uuid("theme"), ward: r.uuid("ward"),
            organisation: r.uuid("organisation"), activity: r.uuid("activity"), audience: r.uuid("audience"),
            kind: r.choice("kind", InsightKind.self), sharing: r.choice("sharing", SharingLevel.self), from: r.day("from"), to: r.day("to"))
        if let text = f.q, text.count > 200 { r.add("q", "Search for at most 200 characters") }
        for question in EqualityMonitoring.questions {
            guard let s = r.text(question.field) else { continue }
            if question.isValid(s) {
                f.equality[question.field] = s
            } else {
                r.add(question.field, "\(question.field) must be one of the listed answers")
            }
        }
        try r.check(from: f.from, to: f.to)
        f.wall = SharingWall(staffOf: viewer?.organisationID)
        return f
    }

    /// The filter as one Fluent query on `insights`. `search` only changes how SQLite is asked for search matches
    /// (`InsightSearchIndex.Shape`); the rows found are the same.
    static func query(_ db: any Database, _ f: Filter, search shape: InsightSearchIndex.Shape = .matchesFirst) -> QueryBuilder<Insight> {
        let q = Insight.query(on: db)
        // The wall first: nothing below can widen it.
        switch f.wall {
        case .publicOnly: q.filter(\.$sharing == SharingLevel.public.rawValue)
        case .partnership: q.filter(\.$sharing != SharingLevel.organisation.rawValue)
        case .organisation(let org):
            q.group(.or) { g in
                g.filter(\.$sharing != SharingLevel.organisation.rawValue); g.filter(\.$organisation.$id == org)
            }
        }
        if let search = InsightSearchIndex.condition(f, dialect: (db as? any SQLDatabase)?.dialect.name ?? "sqlite", shape: shape) {
            if let join = search.join { q.query.joins.append(.custom(join)) }
            q.filter(.sql(embed: search.condition))
        }
        func linked(_ table: String, _ column: String, _ id: UUID) {
            q.filter(
                .sql(
                    embed:
                        "\(ident: Insight.schema).\(ident: "id") IN (SELECT \(ident: "insight_id") FROM \(ident: table) WHERE \(ident: column) = \(bind: id))"
                ))
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
        // Equality answers are personal data, seen only by the recording organisation (`SharingWall.seesPersonalData`).
        // So a filter on them finds only the viewer's own organisation's insights: otherwise the rows (and counts) it
        // found would tell anyone the answers of another organisation's residents. Public pages find none.
        if f.usesEquality {
            if let org = f.wall.organisation { q.filter(\.$organisation.$id == org) } else { q.filter(.sql(embed: "1 = 0")) }
        }
        return q
    }

    /// How many a list found, as it may be shown. Under a filter on equality answers the count is a figure about
    /// residents' protected characteristics, so from 1 to 4 it is not shown (DESIGN.md §6, `SmallNumberTable`): in the
    /// list, a bundle, the re-tag confirmation and the API's `total`. Zero is shown; so is a capped count.
    static func shownTotal(_ total: Int, capped: Bool = false, _ f: Filter) -> SuppressedCount {
        f.usesEquality && !capped ? SmallNumberTable.total(total) : SuppressedCount(total)
    }

    /// Lists count what they find up to here and then say "more than 10,000" (docs/insights.md): counting every
    /// match of a broad search among a million insights costs more than finding the page. A page beyond the cap
    /// raises it to the end of that page, so the pager always knows whether there is a next page.
    static let countCap = 10_000

    static func page(_ db: any Database, _ f: Filter, _ p: PageWindow) async throws -> PageOf<Insight> {
        let plan = try await Plan.make(db, f)
        let cap = max(countCap, p.offset + p.size)
        if f.q != nil, plan.otherConditions, !plan.themeRows, !plan.postgres, !plan.tagsCover, let sql = db as? any SQLDatabase,
            let (ids, counted) = try await countedPage(sql, db, f, plan: plan, cap: cap, p)
        {
            return PageOf(items: try await rows(db, f, ids), request: p, counted: counted, cap: cap)
        }
        let counted = try await count(db, f, upTo: cap + 1, plan: plan)
        var plan2 = plan
        if plan.postgres, f.q != nil, !plan.otherConditions, counted > countCap {
            plan2.walkListOrder = true  // more than 10,000 matches: the newest are near the top of the list
        } else if plan.postgres, f.q != nil, !plan.otherConditions, let sql = db as? any SQLDatabase {
            // PostgreSQL, a search alone with an exact count. Fetching every match through the full-text index costs
            // about `counted` row reads; walking the list newest-first until the page is full about
            // (offset + size) × rows / counted. Its planner often walks for a rare word (35 ms instead of 5 at a
            // million insights), so choose here, with the table's row estimate.
            struct Estimate: Decodable { let n: Double }
            let rows =
                try await sql.raw("SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'insights'::regclass")
                .first(decoding: Estimate.self)?.n ?? 0
            plan2.fetchAllMatches = Double(counted) * Double(counted) <= Double(p.offset + p.size) * max(rows, Double(counted))
            plan2.walkListOrder = !plan2.fetchAllMatches
        }
        let items = counted <= p.offset ? [] : try await find(db, f, offset: p.offset, limit: p.size, plan: plan2)
        return PageOf(items: items, request: p, counted: counted, cap: cap)
    }

    /// How the database is best asked for a filter's insights; the rows found are the same whichever is chosen.
    struct Plan: Sendable {
        /// Every condition can be answered from the theme's `insight_themes` rows, which carry copies of the
        /// insight's place, day heard, sharing and organisation (`SpeedUpInsightLists`): count and page come from
        /// one index range.
        var themeRows = false
        /// SQLite, searching: more than `countCap` insights contain the words (`walkFrom` when `tagsCover`). Then the
        /// page walks the list's own order and checks each row against the matches, instead of looking up and
        /// sorting every match.
        var broadSearch = false
        static let walkFrom = 1_000
        /// SQLite, searching: how many insights have the words and the filter's tags (`InsightSearchIndex.Tags`),
        /// counted up to `countCap + 1`.
        var searchCount: Int?
        /// SQLite, searching: the words and tags alone decide what is found (a ward, an organisation, a sharing level),
        /// so the full-text index counts by itself.
        var tagsCover = false
        /// Conditions other than the search and the wall.
        var otherConditions = false
        var postgres = false
        /// Fetch every match (behind an `OFFSET 0` fence) and sort them, rather than let the planner walk an index in
        /// the list's order: set by `page` for a PostgreSQL search with an exact count.
        var fetchAllMatches = false
        /// PostgreSQL: walk the list's order (the search condition written so that the full-text index is not used).
        var walkListOrder = false

        static func make(_ db: any Database, _ f: Filter) async throws -> Plan {
            var p = Plan()
            p.otherConditions =
                f.theme != nil || f.ward != nil || f.organisation != nil || f.activity != nil || f.audience != nil
                || f.kind != nil || f.sharing != nil || f.from != nil || f.to != nil || !f.equality.isEmpty || f.bundle != nil
            p.themeRows =
                f.theme != nil && f.q == nil && f.audience == nil && f.bundle == nil && f.activity == nil && f.kind == nil
                && f.equality.isEmpty
            p.postgres = (db as? any SQLDatabase)?.dialect.name == "postgresql"
            if InsightSearchIndex.match(f) != nil, let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                let found = try await InsightSearchIndex.matchCount(f, upTo: countCap + 1, on: sql)
                p.searchCount = found
                p.tagsCover = InsightSearchIndex.Tags.cover(f)
                // When the index counts by itself, the page walks the list's order from a thousand matches on: 5,000
                // in a ward of 81,000 cost 4-6 ms that way, and 19-23 ms looked up and sorted one by one.
                p.broadSearch = found > (p.tagsCover ? Plan.walkFrom : countCap)
            }
            return p
        }
    }

    /// The filter on a theme's `insight_themes` rows (`t`): the same wall and conditions as `query`, on the copies.
    static func themeCondition(_ f: Filter) -> SQLQueryString {
        guard let theme = f.theme else { return "1 = 0" }
        var parts: [SQLQueryString] = ["t.theme_id = \(bind: theme)"]
        switch f.wall {
        case .publicOnly: parts.append("t.sharing = \(bind: SharingLevel.public.rawValue)")
        case .partnership: parts.append("t.sharing <> \(bind: SharingLevel.organisation.rawValue)")
        case .organisation(let org):
            parts.append("(t.sharing <> \(bind: SharingLevel.organisation.rawValue) OR t.organisation_id = \(bind: org))")
        }
        if let w = f.ward { parts.append("t.place_id = \(bind: w)") }
        if let o = f.organisation { parts.append("t.organisation_id = \(bind: o)") }
        if let s = f.sharing { parts.append("t.sharing = \(bind: s)") }
        if let from = f.from { parts.append("t.heard_day >= \(bind: from.ordinal)") }
        if let to = f.to { parts.append("t.heard_day <= \(bind: to.ordinal)") }
        return parts.joined(separator: " AND ")
    }

    private struct Counted: Decodable { let n: Int }

    /// How many insights the filter finds, counting no further than `limit`:
    /// `SELECT COUNT(*) FROM (SELECT 1 FROM insights WHERE … LIMIT limit)`, so the database stops at `limit` matches.
    static func count(_ db: any Database, _ f: Filter, upTo limit: Int, plan given: Plan? = nil) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return min(limit, try await query(db, f).count()) }
        var plan = Plan()
        if let given { plan = given } else { plan = try await Plan.make(db, f) }
        if plan.themeRows {
            return try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM (SELECT 1 FROM insight_themes t WHERE \(themeCondition(f)) LIMIT \(bind: limit)) capped
                """
            ).first(decoding: Counted.self)?.n ?? 0
        }
        if plan.tagsCover {
            // SQLite: the full-text index alone has the words, the wall and the ward (or organisation, sharing level).
            if let known = plan.searchCount, known <= countCap || known >= limit { return min(known, limit) }  // exact, or enough
            return try await InsightSearchIndex.matchCount(f, upTo: limit, on: sql)
        }
        // A broad search alone: stream the matches and stop at the limit. With other conditions too, let SQLite walk
        // their index and check the matches; a narrow search: start from its matches.
        let shape: InsightSearchIndex.Shape = !plan.broadSearch ? .matchesFirst : plan.otherConditions ? .listOrder : .join
        let q = query(db, f, search: shape).field(\.$id).limit(limit)
        guard var select = SQLQueryConverter(delegate: PlainSQL()).convert(q.query) as? SQLSelect else {
            return min(limit, try await query(db, f).count())
        }
        select.columns = [SQLLiteral.numeric("1")]
        return try await sql.raw("SELECT COUNT(*) AS n FROM (\(select)) capped").first(decoding: Counted.self)?.n ?? 0
    }

    /// Insights the filter finds, newest heard first (then by id), from `offset`. Ids first, then the rows: the
    /// database pages through narrow index entries (skipping `offset` of them) and reads only the rows shown.
    static func find(_ db: any Database, _ f: Filter, offset: Int, limit: Int, plan: Plan) async throws -> [Insight] {
        guard let sql = db as? any SQLDatabase else {
            return try await query(db, f).sort(\.$heardDay, .descending).sort(\.$id).range(offset..<(offset + limit)).all()
        }
        let ids: [UUID]
        if plan.themeRows {
            struct Row: Decodable { let insight_id: UUID }
            ids = try await sql.raw(
                """
                SELECT t.insight_id FROM insight_themes t WHERE \(themeCondition(f))
                ORDER BY t.heard_day DESC, t.insight_id LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
            ).all(decoding: Row.self).map(\.insight_id)
        } else {
            let q = query(db, f, search: plan.broadSearch || plan.walkListOrder ? .listOrder : .matchesFirst).field(\.$id)
                .sort(\.$heardDay, .descending).sort(\.$id).range(offset..<(offset + limit))
            guard var select = SQLQueryConverter(delegate: PlainSQL()).convert(q.query) as? SQLSelect else {
                return try await query(db, f).sort(\.$heardDay, .descending).sort(\.$id).range(offset..<(offset + limit)).all()
            }
            select.columns = [SQLAlias(SQLColumn("id", table: Insight.schema), as: SQLIdentifier("id"))]
            struct Row: Decodable { let id: UUID }
            if plan.fetchAllMatches {
                select.columns.append(SQLAlias(SQLColumn("heard_day", table: Insight.schema), as: SQLIdentifier("heard_day")))
                select.orderBy = []
                select.limit = nil
                select.offset = nil
                ids = try await sql.raw(
                    """
                    SELECT m.id FROM (\(select) OFFSET 0) m ORDER BY m.heard_day DESC, m.id LIMIT \(bind: limit) OFFSET \(bind: offset)
                    """
                ).all(decoding: Row.self).map(\.id)
            } else {
                ids = try await sql.raw("\(select)").all(decoding: Row.self).map(\.id)
            }
        }
        return try await rows(db, f, ids)
    }

    /// The rows of a page's ids, behind the wall again, in the list's order.
    static func rows(_ db: any Database, _ f: Filter, _ ids: [UUID]) async throws -> [Insight] {
        guard !ids.isEmpty else { return [] }
        var wall = Filter()
        wall.wall = f.wall
        return try await query(db, wall).filter(\.$id ~~ ids).sort(\.$heardDay, .descending).sort(\.$id).all()
    }

    /// SQLite, a search with other conditions (a ward, a date range, a kind…), counted and paged by ONE statement.
    /// Asked separately, the count and the page each built the set of all the word's matches (288,000 rowids for
    /// "people" at a million insights, about 25 ms each time). Here `m` holds the first `cap + 1` matches newest first,
    /// as (rowid, day heard) straight from the other condition's index (no row is read): its size is the count, and
    /// the page is cut from its rows on or after the day of the page's last row (so that insights heard the same day
    /// are ordered by id exactly as the list orders them). Only when that day is also the last day in a full `m`
    /// might some of its insights lie beyond `m`: then, and for an empty page past the first, nil, and the count and
    /// page are asked for separately. (On PostgreSQL one statement fetched and sorted every match in the ward, 3–4
    /// times slower than a capped count plus a page that walks the ward's index, so it keeps those.)
    static func countedPage(_ sql: any SQLDatabase, _ db: any Database, _ f: Filter, plan: Plan, cap: Int, _ p: PageWindow) async throws
        -> (ids: [UUID], counted: Int)?
    {
        let shape: InsightSearchIndex.Shape = plan.broadSearch ? .listOrder : .matchesFirst
        let q = query(db, f, search: shape).field(\.$id).sort(\.$heardDay, .descending).limit(cap + 1)
        guard var select = SQLQueryConverter(delegate: PlainSQL()).convert(q.query) as? SQLSelect else { return nil }
        select.columns = [
            SQLAlias(SQLRaw("\"insights\".rowid"), as: SQLIdentifier("r")),
            SQLAlias(SQLColumn("heard_day", table: Insight.schema), as: SQLIdentifier("d")),
        ]
        struct Row: Decodable { let id: UUID; let n: Int; let lo: Int?; let bd: Int? }
        let found = try await sql.raw(
            """
            WITH m AS MATERIALIZED (\(select)),
            b AS (SELECT d FROM m ORDER BY d DESC LIMIT 1 OFFSET \(bind: p.offset + p.size - 1))
            SELECT i.id AS id, (SELECT COUNT(*) FROM m) AS n, (SELECT MIN(d) FROM m) AS lo, (SELECT d FROM b) AS bd
            FROM insights i WHERE i.rowid IN (SELECT r FROM m WHERE d >= COALESCE((SELECT d FROM b), -2147483648))
            ORDER BY i.heard_day DESC, i.id LIMIT \(bind: p.size) OFFSET \(bind: p.offset)
            """
        ).all(decoding: Row.self)
        guard let first = found.first else { return p.offset == 0 ? ([], 0) : nil }
        if first.n > cap, let day = first.bd, day == first.lo { return nil }
        return (found.map(\.id), first.n)
    }

    /// Fluent's own SQL for a SELECT (the delegate is consulted only for schema changes).
    private struct PlainSQL: SQLConverterDelegate {
        func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
    }

    /// Names by id of themes, audiences, places and organisations (none of them behind the sharing wall).
    struct Names: Sendable {
        var themes: [UUID: String] = [:], audiences: [UUID: String] = [:], places: [UUID: String] = [:], organisations: [UUID: String] = [:]
    }

    /// Themes, audiences and names for a page of insights, in a handful of queries.
    struct Links: Sendable {
        var themes: [UUID: [UUID]] = [:], audiences: [UUID: [UUID]] = [:]
        var themeNames: [UUID: String] = [:], audienceNames: [UUID: String] = [:], placeNames: [UUID: String] = [:]
        var orgNames: [UUID: String] = [:], activityTitles: [UUID: String] = [:]

        /// `known`: names the page has already loaded (the list's filter bar); only names missing from it are looked up.
        static func load(_ items: [Insight], _ db: any Database, known: Names? = nil) async throws -> Links {
            var l = Links()
            let ids = items.compactMap(\.id)
            guard !ids.isEmpty else { return l }
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ ids).all() {
                l.themes[x.$insight.id, default: []].append(x.$theme.id)
            }
            for x in try await InsightAudience.query(on: db).filter(\.$insight.$id ~~ ids).all() {
                l.audiences[x.$insight.id, default: []].append(x.$audience.id)
            }
            func names<M: Model>(_ type: M.Type, _ wanted: some Sequence<UUID>, _ have: [UUID: String]?, _ name: (M) -> String) async throws
                -> [UUID: String] where M.IDValue == UUID
            {
                var found: [UUID: String] = [:]
                var missing: [UUID] = []
                for id in Set(wanted) { if let n = have?[id] { found[id] = n } else { missing.append(id) } }
                return found.merging(try await NameLookup.names(type, missing, db, name)) { a, _ in a }
            }
            l.themeNames = try await names(Theme.self, l.themes.values.joined(), known?.themes) { $0.name }
            l.audienceNames = try await names(Audience.self, l.audiences.values.joined(), known?.audiences) { $0.name }
            l.placeNames = try await names(Place.self, items.compactMap { $0.$place.id }, known?.places) { $0.name }
            l.orgNames = try await names(Organisation.self, items.map { $0.$organisation.id }, known?.organisations) { $0.name }
            l.activityTitles = try await NameLookup.names(Activity.self, Array(Set(items.compactMap { $0.$activity.id })), db) { $0.title }
            return l
        }
        func themeList(_ i: Insight) -> [String] { (themes[i.id!] ?? []).compactMap { themeNames[$0] }.sorted() }
        func audienceList(_ i: Insight) -> [String] { (audiences[i.id!] ?? []).compactMap { audienceNames[$0] }.sorted() }
    }

    static let csvColumns =
        [
            "id", "heard_on", "kind", "text", "organisation", "activity", "ward", "postcode_sector", "themes", "audiences",
            "people_count", "sharing", "redacted",
        ] + EqualityMonitoring.questions.map(\.field)

    /// What the viewer can see, as CSV (redacted text only), newest first, in pages of 1,000 rows. Equality answers
    /// only for the viewer's own organisation's insights (`SharingWall.seesPersonalData`), blank for the others.
    static func csv(_ db: any Database, _ f: Filter, limit: Int = 200_000) async throws -> String {
        var rows: [[String]] = []
        var offset = 0
        let plan = try await Plan.make(db, f)
        while offset < limit {
            let batch = try await find(db, f, offset: offset, limit: min(limit, offset + 1000) - offset, plan: plan)
            guard !batch.isEmpty else { break }
            let l = try await Links.load(batch, db)
            for i in batch {
                let own = f.wall.seesPersonalData(of: i.$organisation.id)
                rows.append(
                    [
                        i.id!.uuidString, Day(ordinal: i.heardDay).description, i.kind, i.text, l.orgNames[i.$organisation.id] ?? "",
                        i.$activity.id.flatMap { l.activityTitles[$0] } ?? "", i.$place.id.flatMap { l.placeNames[$0] } ?? "",
                        i.postcodeSector ?? "", l.themeList(i).joined(separator: "; "), l.audienceList(i).joined(separator: "; "),
                        String(i.peopleCount), i.sharing, i.redactedKindList.joined(separator: "; "),
                    ]
                        + EqualityMonitoring.questions.map { own ? i.equality[$0.field] ?? "" : "" })
            }
            offset += batch.count
            if batch.count < 1000 { break }
        }
        return CSV.write(header: csvColumns, rows: rows)
    }
}
