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
    /// All are found and ranked; only the closest `limit` are loaded for display.
    static func overlaps(of activityID: UUID, windowDays: Int, limit: Int = 20, on db: any Database) async throws -> Overlaps {
        let a = try await RegisterService.find(activityID, db)
        let me = try await footprints([a], db)[0]
        // Candidates: live, other, sharing a theme, and within the window in time. Indexed lookups only.
        let lo = me.start.ordinal - windowDays
        let candidates = Activity.query(on: db)
            .filter(\.$id != activityID)
            .filter(\.$status != ActivityStatus.draft.rawValue)
            .group(.or) { g in g.filter(\.$endDay >= lo); g.filter(\.$endDay == nil) }
        if let end = me.end { candidates.filter(\.$startDay <= end.ordinal + windowDays) }
        let themeList = Array(me.themes)
        guard !themeList.isEmpty else { return Overlaps(rows: [], total: 0) }
        candidates.filter(.sql(embed: "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityTheme.schema) WHERE \(ident: "theme_id") IN \(SQLBind.group(themeList)))"))
        // Unless this one is borough-wide, the other must be borough-wide or share a place (the detector checks again).
        if !me.boroughWide {
            let placeList = Array(me.places)
            guard !placeList.isEmpty else { return Overlaps(rows: [], total: 0) }
            candidates.group(.or) { g in
                g.filter(\.$boroughWide == true)
                g.filter(.sql(embed: "\(ident: Activity.schema).\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityPlace.schema) WHERE \(ident: "place_id") IN \(SQLBind.group(placeList)))"))
            }
        }
        let others = try await candidates.all()
        let all = OverlapDetector.overlaps(of: me, among: try await footprints(others, db), windowDays: windowDays)
        let found = Array(all.prefix(limit))
        guard !found.isEmpty else { return Overlaps(rows: [], total: 0) }
        let byID = Dictionary(others.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let shown = found.compactMap { byID[$0.other] }
        let summaries = Dictionary(try await RegisterQueries.summaries(shown, db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let leads = Dictionary(try await Person.query(on: db).filter(\.$id ~~ shown.compactMap { $0.$lead.id }).all().map { ($0.id!, $0) },
                               uniquingKeysWith: { a, _ in a })
        let themeNames = try await RegisterQueries.names(Theme.self, Array(Set(found.flatMap(\.sharedThemes))), db) { $0.name }
        let audienceNames = try await RegisterQueries.names(Audience.self, Array(Set(found.flatMap(\.sharedAudiences))), db) { $0.name }
        let placeNames = try await RegisterQueries.names(Place.self, Array(Set(found.flatMap(\.sharedPlaces))), db) { $0.name }
        return Overlaps(rows: found.compactMap { o in
            guard let s = summaries[o.other], let other = byID[o.other] else { return nil }
            let lead = other.$lead.id.flatMap { leads[$0] }
            return OverlapRow(overlap: o, activity: other, summary: s, leadName: lead?.name, leadEmail: lead?.email,
                              sharedThemes: o.sharedThemes.compactMap { themeNames[$0] }.sorted(),
                              sharedAudiences: o.sharedAudiences.compactMap { audienceNames[$0] }.sorted(),
                              sharedPlaces: o.sharedPlaces.compactMap { placeNames[$0] }.sorted())
        }, total: all.count)
    }

    static func footprints(_ activities: [Activity], _ db: any Database) async throws -> [ActivityFootprint] {
        let ids = activities.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        var places: [UUID: Set<UUID>] = [:], themes: [UUID: Set<UUID>] = [:], audiences: [UUID: Set<UUID>] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 1000).map({ Array(ids[$0..<min($0 + 1000, ids.count)]) }) {
            for x in try await ActivityPlace.query(on: db).filter(\.$activity.$id ~~ chunk).all() { places[x.$activity.id, default: []].insert(x.$place.id) }
            for x in try await ActivityTheme.query(on: db).filter(\.$activity.$id ~~ chunk).all() { themes[x.$activity.id, default: []].insert(x.$theme.id) }
            for x in try await ActivityAudience.query(on: db).filter(\.$activity.$id ~~ chunk).all() { audiences[x.$activity.id, default: []].insert(x.$audience.id) }
        }
        return activities.map { a in
            let id = a.id!
            return ActivityFootprint(id: id, places: places[id] ?? [], boroughWide: a.boroughWide, themes: themes[id] ?? [],
                                     audiences: audiences[id] ?? [], start: Day(ordinal: a.startDay), end: a.endDay.map(Day.init(ordinal:)))
        }
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
        let asking = LadderLevel.allCases.filter(\.asksForInput).map(\.rawValue)
        let live = ActivityStatus.allCases.filter(\.isLive).map(\.rawValue)
        // One pass over the activities in the whole range: a conditional count per quarter, grouped by place.
        // Borough-wide activities have no place rows and are counted once, then added to every ward.
        let (lo, hi) = (quarters.first!.first.ordinal, quarters.last!.last.ordinal)
        let perQuarter = SQLList(quarters.enumerated().map { i, q in
            SQLQueryString("SUM(CASE WHEN a.start_day <= \(bind: q.last.ordinal) AND (a.end_day IS NULL OR a.end_day >= \(bind: q.first.ordinal)) THEN 1 ELSE 0 END) AS \(ident: "q\(i)")")
        })
        let common: SQLQueryString = """
            a.ladder_level IN \(SQLBind.group(asking)) AND a.status IN \(SQLBind.group(live))
            AND a.start_day <= \(bind: hi) AND (a.end_day IS NULL OR a.end_day >= \(bind: lo))
            """
        let wardRows = try await sql.raw("""
            SELECT ap.place_id AS place_id, \(perQuarter) FROM \(ident: Activity.schema) a
            JOIN \(ident: ActivityPlace.schema) ap ON ap.activity_id = a.id
            WHERE a.borough_wide = \(bind: false) AND \(common)
            GROUP BY ap.place_id
            """).all()
        var perWard: [UUID: [Int]] = [:]
        for row in wardRows {
            perWard[try row.decode(column: "place_id", as: UUID.self)] = try quarters.indices.map { try row.decode(column: "q\($0)", as: Int?.self) ?? 0 }
        }
        let boroughRow = try await sql.raw("""
            SELECT \(perQuarter) FROM \(ident: Activity.schema) a WHERE a.borough_wide = \(bind: true) AND \(common)
            """).first()
        let boroughWide = try quarters.indices.map { try boroughRow?.decode(column: "q\($0)", as: Int?.self) ?? 0 }
        let rows = wards.map { w in
            FatigueTable.Row(ward: w, cells: quarters.indices.map { q in
                FatigueIndex.Cell(asks: (perWard[w.id!]?[q] ?? 0) + boroughWide[q], population: w.population)
            })
        }
        return FatigueTable(quarters: quarters, rows: rows, threshold: threshold, current: Quarter(containing: today))
    }
}
