import Vapor
import Fluent
import SQLKit
import ChorusCore

/// The reads the JSON API needs from thematic analysis, behind the same privacy as the pages: a run whose scope held
/// organisation-level insights is its organisation's alone (`canSee`), and a theme's members and quotes are only the
/// insights the reader's own wall lets through.
extension AnalysisService {
    /// The runs this person may see, newest first.
    static func visiblePage(user: CurrentUser, status: AnalysisRun.Status?, organisation: UUID?, _ window: PageWindow, _ db: any Database)
        async throws -> PageOf<AnalysisRun>
    {
        func query() -> QueryBuilder<AnalysisRun> {
            let q = AnalysisRun.query(on: db).group(.or) { g in
                g.filter(\.$organisation.$id == user.organisationID)
                g.filter(\.$privateToOrganisation == false)
            }
            if let status { q.filter(\.$status == status.rawValue) }
            if let organisation { q.filter(\.$organisation.$id == organisation) }
            return q
        }
        let total = try await query().count()
        let runs = try await query().sort(\.$createdAt, .descending).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: runs, request: window, total: total)
    }

    /// How many themes each run found.
    static func themeCounts(_ runs: [AnalysisRun], _ db: any Database) async throws -> [UUID: Int] {
        let ids = runs.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        var counts: [UUID: Int] = [:]
        for chunk in ids.chunked(500) {
            for t in try await DiscoveredTheme.query(on: db).filter(\.$run.$id ~~ chunk).field(\.$id).field(\.$run.$id).all() {
                counts[t.$run.id, default: 0] += 1
            }
        }
        return counts
    }

    /// Of these insight ids, those the viewer's wall lets through (an insight made organisation-level after the run is
    /// not shown to other partners).
    static func visibleInsightIDs(_ ids: [UUID], viewer: CurrentUser, _ db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var seen = Set<UUID>()
        for chunk in ids.chunked(1000) {
            seen.formUnion(try await InsightQueries.query(db, InsightQueries.Filter(wall: viewer.wall)).filter(\.$id ~~ chunk).all(\.$id))
        }
        return seen
    }

    /// A page of a theme's members that the viewer's wall lets through, newest heard first; `total` counts only those.
    static func visibleMembers(of theme: DiscoveredTheme, viewer: CurrentUser, _ window: PageWindow, _ db: any Database) async throws -> PageOf<
        Insight
    > {
        func query() -> QueryBuilder<Insight> {
            InsightQueries.query(db, InsightQueries.Filter(wall: viewer.wall)).filter(
                .sql(
                    embed: """
                        \(ident: Insight.schema).\(ident: "id") IN (SELECT \(ident: "insight_id") FROM \(ident: ThemeMember.schema) WHERE \(ident: "theme_id") = \(bind: theme.id!))
                        """))
        }
        let total = try await query().count()
        let items = try await query().sort(\.$heardDay, .descending).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: items, request: window, total: total)
    }
}
