import Vapor
import Fluent
import ChorusCore
import SQLKit

/// What other features may read of the insight store beyond `InsightQueries` (which every read goes through, behind
/// a `SharingWall`): theme counts, the insights on some themes, who asked to hear back, which activities heard a theme.
extension InsightService {
    /// How many of these insights carry each theme (only the themes in `among`, if given).
    static func themeCounts(insightIDs ids: [UUID], among: Set<UUID>?, _ db: any Database) async throws -> [UUID: Int] {
        var count: [UUID: Int] = [:]
        for chunk in ids.chunked(1000) {
            for x in try await InsightTheme.query(on: db).filter(\.$insight.$id ~~ chunk).all() where among?.contains(x.$theme.id) ?? true {
                count[x.$theme.id, default: 0] += 1
            }
        }
        return count
    }

    /// Who each of these activities heard from (`Reach`: every insight heard during it, whatever its sharing level,
    /// and their people). Activities that heard nothing are absent.
    static func reach(activities ids: [UUID], _ db: any Database) async throws -> [UUID: Reach] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: Reach] = [:]
        for chunk in ids.chunked(1000) {
            let rows = try await sql.raw(
                """
                SELECT \(ident: "activity_id") AS a, COUNT(*) AS n, CAST(COALESCE(SUM(\(ident: "people_count")), 0) AS BIGINT) AS p
                FROM \(ident: Insight.schema) WHERE \(ident: "activity_id") IN (\(binds: chunk)) GROUP BY \(ident: "activity_id")
                """
            ).all()
            for r in rows {
                out[try r.decode(column: "a", as: UUID.self)] = Reach(
                    insights: try r.decode(column: "n", as: Int.self), people: try r.decode(column: "p", as: Int.self))
            }
        }
        return out
    }

    /// The reach of these activities together.
    static func totalReach(activities ids: [UUID], _ db: any Database) async throws -> Reach {
        try await reach(activities: ids, db).values.reduce(.none, +)
    }

    /// The ids of every insight heard during an activity, whatever its sharing level: for counts (`Reach`, theme
    /// counts) only. Nothing read through this may show an insight's text or fields.
    static func countedIDs(activity id: UUID, limit: Int, _ db: any Database) async throws -> [UUID] {
        try await Insight.query(on: db).filter(\.$activity.$id == id).limit(limit).all(\.$id)
    }

    /// The (always redacted) text of these insights, for quotes a caller has already checked the reader may read.
    static func texts(_ ids: [UUID], _ db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: String] = [:]
        for i in try await Insight.query(on: db).filter(\.$id ~~ ids).all() { out[i.id!] = i.text }
        return out
    }

    /// The insights of a filter that carry any of these themes.
    static func onThemes(_ themeIDs: [UUID], _ f: InsightQueries.Filter, _ db: any Database) -> QueryBuilder<Insight> {
        InsightQueries.query(db, f).filter(.sql(embed: inThemes(themeIDs)))
    }

    /// Opted-in contact addresses (each once, lower case) of residents heard in these activities.
    static func optedInAddresses(activities: [UUID], _ db: any Database) async throws -> [String] {
        guard !activities.isEmpty else { return [] }
        let rows = try await Insight.query(on: db).filter(\.$activity.$id ~~ activities).filter(\.$feedbackOptIn == true)
            .filter(\.$contactEmail != nil).all()
        return Array(Set(rows.compactMap { $0.contactEmail?.lowercased() })).sorted()
    }

    /// Opted-in contact addresses of residents whose insights on these themes were heard between two days (whatever
    /// their sharing level: they asked to hear back).
    static func optedInAddresses(themes themeIDs: [UUID], from: Day, to: Day, _ db: any Database) async throws -> [String] {
        let rows = try await Insight.query(on: db).filter(\.$feedbackOptIn == true).filter(\.$contactEmail != nil)
            .filter(\.$heardDay >= from.ordinal).filter(\.$heardDay <= to.ordinal).filter(.sql(embed: inThemes(themeIDs))).all()
        return Array(Set(rows.compactMap { $0.contactEmail?.lowercased() })).sorted()
    }

    /// The activities that heard any of these themes between two days.
    static func activities(heardThemes themeIDs: [UUID], from: Day, to: Day, _ db: any Database) async throws -> [UUID] {
        let ids = try await Insight.query(on: db).filter(\.$heardDay >= from.ordinal).filter(\.$heardDay <= to.ordinal)
            .filter(\.$activity.$id != nil).filter(.sql(embed: inThemes(themeIDs)))
            .unique().all(\.$activity.$id).compactMap { $0 }
        return Array(Set(ids))
    }

    // MARK: The list's filter, for a feature that scopes insights the same way (thematic analysis)

    /// What the insight list's filter controls offer `viewer` (`InsightListView.filterFields`): themes, places,
    /// organisations, audiences and their names, and (unless `withActivities` is false) the activities with insights
    /// they may see (`activity`, the one chosen, kept if it has none).
    static func filterChoices(viewer: CurrentUser, activity: UUID?, withActivities: Bool = true, _ db: any Database) async throws -> (
        choices: InsightChoices, activities: [Form.Option]
    ) {
        let activities = withActivities ? try await InsightPages.activitiesWithInsights(viewer: viewer, also: activity, db) : []
        return (try await InsightPages.choices(db), activities)
    }

    /// How many insights a filter finds behind its wall, counting no further than `limit`, and that count as it may be
    /// shown (`InsightQueries.shownTotal`: from 1 to 4 hidden under a filter on equality answers).
    static func count(_ f: InsightQueries.Filter, upTo limit: Int, _ db: any Database) async throws -> (count: Int, shown: SuppressedCount) {
        let n = try await InsightQueries.count(db, f, upTo: limit)
        return (n, InsightQueries.shownTotal(n, capped: n >= limit, f))
    }

    private static func inThemes(_ themeIDs: [UUID]) -> SQLQueryString {
        "\(ident: Insight.schema).\(ident: "id") IN (SELECT \(ident: "insight_id") FROM \(ident: InsightTheme.schema) WHERE \(ident: "theme_id") IN (\(binds: themeIDs)))"
    }
}
