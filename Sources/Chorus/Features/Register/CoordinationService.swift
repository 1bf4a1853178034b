import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Joining up: overlapping activities and the per-ward fatigue index.
enum CoordinationService {
    struct OverlapRow: Sendable {
        let overlap: Overlap
        let activity: Activity
        let summary: ActivitySummary
        let leadName: String?
        let leadEmail: String?
        let sharedThemes: [String]
        let sharedAudiences: [String]
        let sharedPlaces: [String]
    }

    struct Overlaps: Sendable {
        /// The closest `limit` overlaps, most overlapping first.
        let rows: [OverlapRow]
        /// How many activities overlap in all.
        let total: Int
    }

    /// Overlapping live activities for one activity, most overlapping first, with the other lead's contact.
    /// All are found and ranked; only the closest `limit` are loaded for display. `links` are the activity's own,
    /// when the caller has already read them.
    static func overlaps(
        of activity: Activity, links known: ActivityLinks? = nil, windowDays: Int, limit: Int = 20,
        on db: any Database
    ) async throws -> Overlaps {
        let activityID = try activity.requireID()
        var mine = known
        if mine == nil { mine = try await ActivityLinks.load([activityID], [.place, .theme, .audience], db)[activityID] ?? ActivityLinks() }
        let me = footprint(Window(activity), mine!)
        let themeList = Array(me.themes)
        guard !themeList.isEmpty else { return Overlaps(rows: [], total: 0) }
        let placeList = Array(me.places)
        guard me.boroughWide || !placeList.isEmpty else { return Overlaps(rows: [], total: 0) }
        // Candidates: live, other, sharing a theme, within the window in time and, unless this one is borough-wide,
        // borough-wide or sharing a place (the detector checks all of it again). Indexed lookups only; read as plain
        // rows, then their links in one more statement.
        let sql = try RegisterRows.sql(db)
        let lo = me.start.ordinal - windowDays
        var conditions: [SQLQueryString] = [
            "\(ident: "id") <> \(bind: activityID)",
            "\(ident: "status") <> \(bind: ActivityStatus.draft.rawValue)",
            "(\(ident: "end_day") >= \(bind: lo) OR \(ident: "end_day") IS NULL)",
        ]
        if let end = me.end { conditions.append("\(ident: "start_day") <= \(bind: end.ordinal + windowDays)") }
        conditions.append(
            "\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityTheme.schema) WHERE \(ident: "theme_id") IN \(SQLBind.group(themeList)))"
        )
        if !me.boroughWide {
            conditions.append(
                "(\(ident: "borough_wide") = \(bind: true) OR \(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityPlace.schema) WHERE \(ident: "place_id") IN \(SQLBind.group(placeList))))"
            )
        }
        let candidates = try await sql.raw(
            """
            SELECT \(ident: "id"), \(ident: "borough_wide"), \(ident: "start_day"), \(ident: "end_day") FROM \(ident: Activity.schema)
            WHERE \(conditions.joined(separator: " AND "))
            """
        ).all().map { row in
            Window(
                id: try row.decode(column: "id", as: UUID.self), boroughWide: try row.decode(column: "borough_wide", as: Bool.self),
                start: try row.decode(column: "start_day", as: Int.self),
                end: try row.decodeNil(column: "end_day") ? nil : try row.decode(column: "end_day", as: Int.self))
        }
        let links = try await ActivityLinks.load(candidates.map(\.id), [.place, .theme, .audience], db)
        let all = OverlapDetector.overlaps(of: me, among: candidates.map { footprint($0, links[$0.id] ?? ActivityLinks()) }, windowDays: windowDays)
        let found = Array(all.prefix(limit))
        guard !found.isEmpty else { return Overlaps(rows: [], total: 0) }
        // Only the shown ones as full models, with their names and leads.
        let byID = Dictionary(
            try await Activity.query(on: db).filter(\.$id ~~ found.map(\.other)).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        let shown = found.compactMap { byID[$0.other] }
        let shownLinks = links.filter { id, _ in byID[id] != nil }
        // Shared places are either side's places (one side borough-wide), so name mine too.
        let names = try await RegisterNames.load(
            places: me.places.union(shownLinks.values.flatMap(\.places)),
            themes: Set(shownLinks.values.flatMap(\.themes)),
            audiences: Set(found.flatMap(\.sharedAudiences)),
            organisations: Set(shown.map { $0.$organisation.id }), db)
        let summaries = Dictionary(
            RegisterQueries.summaries(shown, links: shownLinks, names: names).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let leads = try await RegisterQueries.contacts(Set(shown.compactMap { $0.$lead.id }), db)
        return Overlaps(
            rows: found.compactMap { o in
                guard let s = summaries[o.other], let other = byID[o.other] else { return nil }
                let lead = other.$lead.id.flatMap { leads[$0] }
                return OverlapRow(
                    overlap: o, activity: other, summary: s, leadName: lead?.name, leadEmail: lead?.email,
                    sharedThemes: o.sharedThemes.compactMap { names.themes[$0] }.sorted(),
                    sharedAudiences: o.sharedAudiences.compactMap { names.audiences[$0] }.sorted(),
                    sharedPlaces: o.sharedPlaces.compactMap { names.places[$0] }.sorted())
            }, total: all.count)
    }

    /// Where an activity sits in time, and whether it covers the whole borough: the columns overlap detection reads.
    struct Window: Sendable {
        let id: UUID, boroughWide: Bool, start: Int, end: Int?
        init(id: UUID, boroughWide: Bool, start: Int, end: Int?) { self.id = id; self.boroughWide = boroughWide; self.start = start; self.end = end }
        init(_ a: Activity) { self.init(id: a.id!, boroughWide: a.boroughWide, start: a.startDay, end: a.endDay) }
    }

    static func footprint(_ w: Window, _ l: ActivityLinks) -> ActivityFootprint {
        ActivityFootprint(
            id: w.id, places: l.places, boroughWide: w.boroughWide, themes: l.themes, audiences: l.audiences,
            start: Day(ordinal: w.start), end: w.end.map(Day.init(ordinal:)))
    }

    struct FatigueTable: Sendable {
        struct Row: Sendable {
            let ward: Place
            let cells: [FatigueIndex.Cell]
        }
        let quarters: [Quarter]
        let rows: [Row]
        let threshold: Double
        let current: Quarter
    }

    /// Asks per 1,000 residents per quarter for every ward, for the last year, this quarter and the next.
    /// Counts come from two grouped SQL queries; no activity rows are loaded.
    static func fatigue(today: Day, threshold: Double, on db: any Database) async throws -> FatigueTable {
        let quarters = FatigueIndex.quarters(around: today)
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all()
        guard let sql = db as? any SQLDatabase else {
            return FatigueTable(quarters: quarters, rows: [], threshold: threshold, current: Quarter(containing: today))
        }
        let (perWard, boroughWide) = try await asks(in: quarters, sql)
        let rows = wards.map { w in
            FatigueTable.Row(
                ward: w,
                cells: quarters.indices.map { q in
                    FatigueIndex.Cell(asks: (perWard[w.id!]?[q] ?? 0) + boroughWide[q], population: w.population)
                })
        }
        return FatigueTable(quarters: quarters, rows: rows, threshold: threshold, current: Quarter(containing: today))
    }

    /// The activities that count as asks in the fatigue index between two days (`a` is the activities table): live
    /// and asking for input (consult and above), running at some point in the range.
    static func asking(from lo: Int, to hi: Int) -> SQLQueryString {
        let asking = LadderLevel.allCases.filter(\.asksForInput).map(\.rawValue)
        let live = ActivityStatus.allCases.filter(\.isLive).map(\.rawValue)
        return """
            a.ladder_level IN \(SQLBind.group(asking)) AND a.status IN \(SQLBind.group(live))
            AND a.start_day <= \(bind: hi) AND (a.end_day IS NULL OR a.end_day >= \(bind: lo))
            """
    }

    /// Everyone's asks per quarter (`asking`), in one pass over the activities of the whole range: a conditional
    /// count per quarter grouped by place, and the borough-wide activities (which have no place rows) counted once
    /// for the caller to add to every ward. `onlyWards` narrows the grouped rows on PostgreSQL.
    static func asks(in quarters: [Quarter], onlyWards: [UUID]? = nil, _ sql: any SQLDatabase) async throws
        -> (perWard: [UUID: [Int]], boroughWide: [Int])
    {
        let common = asking(from: quarters.first!.first.ordinal, to: quarters.last!.last.ordinal)
        let perQuarter = SQLList(
            quarters.enumerated().map { i, q in
                SQLQueryString(
                    "SUM(CASE WHEN a.start_day <= \(bind: q.last.ordinal) AND (a.end_day IS NULL OR a.end_day >= \(bind: q.first.ordinal)) THEN 1 ELSE 0 END) AS \(ident: "q\(i)")"
                )
            })
        // SQLite plans the join from activities_status_start, which matches every row, and reads each from the
        // table; choosing the live activities first (from the covering activities_fatigue index), then their
        // places, is 3× faster there (naming wards makes it probe each ward's places instead, 2-3x slower, so it
        // reads every ward). PostgreSQL's own plan for the join is faster than the rewrite, so it keeps it.
        let wardFilter: SQLQueryString = onlyWards.map { "ap.place_id IN \(SQLBind.group($0)) AND " } ?? ""
        let wardQuery: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? """
            WITH live AS MATERIALIZED (
                SELECT a.id AS id, a.start_day AS start_day, a.end_day AS end_day FROM \(ident: Activity.schema) a
                WHERE a.borough_wide = \(bind: false) AND \(common))
            SELECT ap.place_id AS place_id, \(perQuarter) FROM live a
            JOIN \(ident: ActivityPlace.schema) ap ON ap.activity_id = a.id
            GROUP BY ap.place_id
            """
            : """
            SELECT ap.place_id AS place_id, \(perQuarter) FROM \(ident: Activity.schema) a
            JOIN \(ident: ActivityPlace.schema) ap ON ap.activity_id = a.id
            WHERE \(wardFilter)a.borough_wide = \(bind: false) AND \(common)
            GROUP BY ap.place_id
            """
        var perWard: [UUID: [Int]] = [:]
        for row in try await sql.raw(wardQuery).all() {
            perWard[try row.decode(column: "place_id", as: UUID.self)] = try quarters.indices.map {
                try row.decode(column: "q\($0)", as: Int?.self) ?? 0
            }
        }
        let boroughRow = try await sql.raw(
            "SELECT \(perQuarter) FROM \(ident: Activity.schema) a WHERE a.borough_wide = \(bind: true) AND \(common)"
        ).first()
        let boroughWide = try quarters.indices.map { try boroughRow?.decode(column: "q\($0)", as: Int?.self) ?? 0 }
        return (perWard, boroughWide)
    }
}
