import Foundation
import Fluent
import ChorusCore

/// What other features may read of the thematic analysis: the runs a person may attach to an agenda item, and a run's
/// named themes counted over a given set of insights (for the board's briefing and "You said, we did"), always with
/// the analysts' names and merges, never the engine's raw output.
enum AnalysisReads {
    struct RunChoice: Sendable { let id: UUID; let label: String }

    /// An analysis as a briefing or report shows it: the run's title, its themes (counts suppressed under 5, over
    /// the insights the reader counts) and a quote per theme from those insights.
    struct Themes: Sendable {
        let runID: UUID
        let title: String
        let themes: [Briefing.Row]
        let quotes: [String]
    }

    /// Finished runs this person may see, newest first (at most `limit`).
    static func runChoices(for user: CurrentUser, limit: Int = 200, _ db: any Database) async throws -> [RunChoice] {
        let runs = try await AnalysisRun.query(on: db).filter(\.$status == AnalysisRun.Status.done.rawValue)
            .group(.or) { $0.filter(\.$privateToOrganisation == false).filter(\.$organisation.$id == user.organisationID) }
            .sort(\.$createdAt, .descending).sort(\.$id).limit(limit).all()
        return runs.map { r in
            RunChoice(id: r.id!, label: "\(r.title) (\(r.insightCount) insights, \(r.createdAt.map { DayText.long(Day($0)) } ?? "not dated"))")
        }
    }

    /// Whether this person may see the run (nil: no such run).
    static func visibleRun(_ id: UUID, to user: CurrentUser, _ db: any Database) async throws -> (title: String, query: String, bundleID: UUID?)? {
        guard let run = try await AnalysisRun.find(id, on: db), AnalysisService.canSee(user, run) else { return nil }
        return (run.title, run.scopeQuery, run.bundleID)
    }

    /// The report of an activity: the themes of the newest of these runs that anyone may see, counted over the
    /// activity's insights (`counted`), quotes from its public ones. Empty when none applies.
    static func themeRows(runs: [UUID], counting counted: [UUID], quotable: Set<UUID>, quotes: Int, _ db: any Database) async throws -> Themes? {
        guard !runs.isEmpty else { return nil }
        let newestFirst = try await AnalysisRun.query(on: db).filter(\.$id ~~ runs).filter(\.$privateToOrganisation == false)
            .filter(\.$status == AnalysisRun.Status.done.rawValue).sort(\.$createdAt, .descending).sort(\.$id).all()
        let set = Set(counted)
        for run in newestFirst {
            if let t = try await themes(run: run.id!, counting: set, quotable: quotable, quotes: quotes, everyone: true, db), !t.themes.isEmpty {
                return t
            }
        }
        return nil
    }

    /// The insights a run analysed, as `viewer` sees them (its bundle or query through the viewer's wall).
    static func scopeFilter(run id: UUID, viewer: CurrentUser, _ db: any Database) async throws -> InsightQueries.Filter? {
        guard let run = try await visibleRun(id, to: viewer, db) else { return nil }
        var f = try await AnalysisService.scopeFilter(query: run.query, bundleID: run.bundleID, organisation: viewer.organisationID, db)
        f.wall = viewer.wall
        return f
    }

    /// A finished run's themes counted over `insights` only (members outside it are not counted; themes with none are
    /// left out), largest first, with up to `quotes` representative quotes taken from `quotable` (ids whose redacted
    /// text the reader may read). Nil when the run is gone or unfinished, or when `everyone` reads it (a public page)
    /// and the run is private to its organisation (its labels and phrases came from insights others may not see).
    static func themes(
        run id: UUID, counting insights: Set<UUID>, quotable: Set<UUID>, quotes quoteCount: Int, everyone: Bool = false, _ db: any Database
    ) async throws -> Themes? {
        guard let run = try await AnalysisRun.find(id, on: db), run.statusValue == .done, !(everyone && run.privateToOrganisation) else { return nil }
        let themes = try await AnalysisService.themes(run, db)
        let members = try await AnalysisService.members(runID: id, db)
        var rows: [(label: String, count: Int)] = []
        var quoteIDs: [UUID] = []
        for t in themes {
            let n = (members[t.id!] ?? []).reduce(0) { $0 + (insights.contains($1) ? 1 : 0) }
            guard n > 0 else { continue }
            rows.append((t.displayLabel, n))
            if let q = t.representatives.first(where: { quotable.contains($0) }) { quoteIDs.append(q) }
        }
        rows.sort { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
        let texts = try await InsightService.texts(Array(quoteIDs.prefix(quoteCount)), db)
        return Themes(
            runID: id, title: run.title,
            themes: SmallNumberTable.suppress(rows, totalShown: false).map { Briefing.Row(label: $0.label, count: $0.count) },
            quotes: quoteIDs.prefix(quoteCount).compactMap { texts[$0] })
    }
}
