import Vapor
import Fluent
import SQLKit
import ChorusCore

/// The register's reads for the work dashboard: a person's current activities with their overlaps, wards over the
/// fatigue threshold where their organisation plans to ask, and the partnership's activity counts. Each is a few
/// indexed statements whatever the register's size (50,000 activities in bench/register_bench.py).
extension RegisterService {
    /// One of a person's current activities and what overlaps it (`OverlapDetector`, as on the activity's page).
    struct DashboardActivity: Sendable {
        let id: UUID
        let title: String
        let start: Day
        let end: Day?
        let overlaps: Int
        /// The most overlapping other activity.
        let closest: (id: UUID, title: String)?
    }

    /// The live activities `person` leads that have not ended, soonest first: the first `limit` with their overlaps,
    /// and how many there are in all. One candidate read serves all `limit` (the union of their themes, places and
    /// dates), then the detector ranks each as the activity page does.
    static func currentActivities(
        ledBy person: UUID, today: Day, windowDays: Int, limit: Int, _ db: any Database
    ) async throws -> (rows: [DashboardActivity], total: Int) {
        let sql = try RegisterRows.sql(db)
        let current: SQLQueryString = """
            \(ident: "lead_person_id") = \(bind: person) AND \(ident: "status") <> \(bind: ActivityStatus.draft.rawValue)
            AND (\(ident: "end_day") IS NULL OR \(ident: "end_day") >= \(bind: today.ordinal))
            """
        struct Row: Decodable { let id: UUID; let title: String; let borough_wide: Bool; let start_day: Int; let end_day: Int? }
        let mine = try await sql.raw(
            """
            SELECT \(ident: "id"), \(ident: "title"), \(ident: "borough_wide"), \(ident: "start_day"), \(ident: "end_day")
            FROM \(ident: Activity.schema) WHERE \(current)
            ORDER BY \(ident: "start_day"), \(ident: "title") LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self)
        guard !mine.isEmpty else { return ([], 0) }
        let total =
            mine.count < limit
            ? mine.count
            : try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Activity.schema) WHERE \(current)").first()?.decode(column: "n", as: Int.self)
                ?? 0
        let windows = mine.map { CoordinationService.Window(id: $0.id, boroughWide: $0.borough_wide, start: $0.start_day, end: $0.end_day) }
        let myLinks = try await ActivityLinks.load(mine.map(\.id), [.place, .theme, .audience], db)
        let footprints = windows.map { CoordinationService.footprint($0, myLinks[$0.id] ?? ActivityLinks()) }
        // Candidates for any of them: live, sharing a theme with one, within the window of one, and (unless one is
        // borough-wide) borough-wide or sharing a place with one. The detector checks each pair again.
        let themes = Array(Set(footprints.flatMap(\.themes)))
        let places = Array(Set(footprints.flatMap(\.places)))
        let anyBoroughWide = footprints.contains(where: \.boroughWide)
        var found: [UUID: [Overlap]] = [:]
        if !themes.isEmpty, anyBoroughWide || !places.isEmpty {
            let lo = footprints.map(\.start.ordinal).min()! - windowDays
            var conditions: [SQLQueryString] = [
                "\(ident: "status") <> \(bind: ActivityStatus.draft.rawValue)",
                "(\(ident: "end_day") >= \(bind: lo) OR \(ident: "end_day") IS NULL)",
                "\(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityTheme.schema) WHERE \(ident: "theme_id") IN \(SQLBind.group(themes)))",
            ]
            if footprints.allSatisfy({ $0.end != nil }) {
                conditions.append("\(ident: "start_day") <= \(bind: footprints.compactMap(\.end?.ordinal).max()! + windowDays)")
            }
            if !anyBoroughWide {
                conditions.append(
                    "(\(ident: "borough_wide") = \(bind: true) OR \(ident: "id") IN (SELECT \(ident: "activity_id") FROM \(ident: ActivityPlace.schema) WHERE \(ident: "place_id") IN \(SQLBind.group(places))))"
                )
            }
            let candidates = try await sql.raw(
                """
                SELECT \(ident: "id"), \(ident: "borough_wide"), \(ident: "start_day"), \(ident: "end_day") FROM \(ident: Activity.schema)
                WHERE \(conditions.joined(separator: " AND "))
                """
            ).all().map { row in
                CoordinationService.Window(
                    id: try row.decode(column: "id", as: UUID.self), boroughWide: try row.decode(column: "borough_wide", as: Bool.self),
                    start: try row.decode(column: "start_day", as: Int.self),
                    end: try row.decodeNil(column: "end_day") ? nil : try row.decode(column: "end_day", as: Int.self))
            }
            let links = try await ActivityLinks.load(candidates.map(\.id), [.place, .theme, .audience], db)
            let others = candidates.map { CoordinationService.footprint($0, links[$0.id] ?? ActivityLinks()) }
            for me in footprints {
                found[me.id] = OverlapDetector.overlaps(of: me, among: others, windowDays: windowDays)
            }
        }
        let closestIDs = footprints.compactMap { found[$0.id]?.first?.other }
        var titles: [UUID: String] = [:]
        if !closestIDs.isEmpty {
            struct Title: Decodable { let id: UUID; let title: String }
            for t in try await sql.select().columns("id", "title").from(Activity.schema).where("id", .in, SQLBind.group(closestIDs))
                .all(decoding: Title.self)
            {
                titles[t.id] = t.title
            }
        }
        let rows = mine.map { a in
            let overlaps = found[a.id] ?? []
            return DashboardActivity(
                id: a.id, title: a.title, start: Day(ordinal: a.start_day), end: a.end_day.map(Day.init(ordinal:)), overlaps: overlaps.count,
                closest: overlaps.first.flatMap { o in titles[o.other].map { (o.other, $0) } })
        }
        return (rows, total)
    }

    /// A ward over the fatigue threshold in a quarter when the organisation plans to ask there.
    struct FatigueAlert: Sendable {
        let wardCode: String
        let wardName: String
        let quarter: Quarter
        let asks: Int
        let per1000: Double
    }

    /// This quarter and the next: wards where `organisation` has a live activity asking for input (or a borough-wide
    /// one) whose asks per 1,000 residents that quarter, everyone's counted (as the fatigue table counts them), are
    /// over `threshold`. Most fatigued first.
    static func fatigueAlerts(organisation: UUID, today: Day, threshold: Double, _ db: any Database) async throws -> [FatigueAlert] {
        let sql = try RegisterRows.sql(db)
        let quarters = [Quarter(containing: today), Quarter(containing: today).next]
        let common = CoordinationService.asking(from: quarters[0].first.ordinal, to: quarters[1].last.ordinal)
        func inQuarter(_ q: Quarter, _ start: Int, _ end: Int?) -> Bool { start <= q.last.ordinal && (end ?? Int.max) >= q.first.ordinal }
        // Where the organisation asks, per quarter.
        struct Mine: Decodable { let id: UUID; let borough_wide: Bool; let start_day: Int; let end_day: Int? }
        let mine = try await sql.raw(
            """
            SELECT a.id AS id, a.borough_wide AS borough_wide, a.start_day AS start_day, a.end_day AS end_day
            FROM \(ident: Activity.schema) a WHERE a.organisation_id = \(bind: organisation) AND \(common)
            """
        ).all(decoding: Mine.self)
        guard !mine.isEmpty else { return [] }
        let wards = try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).all()
        let placeLinks = try await ActivityLinks.load(mine.filter { !$0.borough_wide }.map(\.id), [.place], db)
        var wanted: [Int: Set<UUID>] = [:]  // quarter index → wards
        for (i, q) in quarters.enumerated() {
            for a in mine where inQuarter(q, a.start_day, a.end_day) {
                if a.borough_wide {
                    wanted[i, default: []].formUnion(wards.compactMap(\.id))
                } else {
                    wanted[i, default: []].formUnion(placeLinks[a.id]?.places ?? [])
                }
            }
        }
        let wardIDs = Array(wanted.values.reduce(into: Set<UUID>()) { $0.formUnion($1) })
        guard !wardIDs.isEmpty else { return [] }
        // Everyone's asks in those wards: the fatigue table's counts, for two quarters and these wards only.
        let (perWard, boroughWide) = try await CoordinationService.asks(in: quarters, onlyWards: wardIDs, sql)
        var alerts: [FatigueAlert] = []
        for w in wards {
            guard let id = w.id else { continue }
            for i in quarters.indices where wanted[i]?.contains(id) == true {
                let cell = FatigueIndex.Cell(asks: (perWard[id]?[i] ?? 0) + boroughWide[i], population: w.population)
                if let rate = cell.per1000, rate > threshold {
                    alerts.append(FatigueAlert(wardCode: w.code, wardName: w.name, quarter: quarters[i], asks: cell.asks, per1000: rate))
                }
            }
        }
        return alerts.sorted { ($0.per1000, $1.quarter, $1.wardName) > ($1.per1000, $0.quarter, $0.wardName) }
    }

    /// The partnership's activity figures: live activities planned (not started or not yet open) and open to
    /// residents now. Counted by status (the activities_status_start index), so a figure changes when an activity
    /// does, not when a quarter turns.
    static func activityFigures(_ db: any Database) async throws -> (planned: Int, open: Int) {
        let planned = try await Activity.query(on: db).filter(\.$status == ActivityStatus.planned.rawValue).count()
        let open = try await Activity.query(on: db).filter(\.$status == ActivityStatus.open.rawValue).count()
        return (planned, open)
    }
}
