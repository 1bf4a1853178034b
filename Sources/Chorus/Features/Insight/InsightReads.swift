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

    private static func inThemes(_ themeIDs: [UUID]) -> SQLQueryString {
        "\(ident: Insight.schema).\(ident: "id") IN (SELECT \(ident: "insight_id") FROM \(ident: InsightTheme.schema) WHERE \(ident: "theme_id") IN (\(binds: themeIDs)))"
    }
}
