import Vapor
import Fluent
import ChorusCore

/// The reads the JSON API needs from "You said, we did" reports: the staff list's reports, with the same rule for
/// drafts and the same "may change it" answer as the list's Edit links.
extension FeedbackService {
    /// Whether this person may read draft reports. The staff list and the read-only editor show drafts to every
    /// signed-in staff member (issue 15.7: others get a read-only editor), so every API token holder may too;
    /// residents see published reports only, on the public pages.
    static func seesDrafts(_ user: CurrentUser) -> Bool { true }

    /// The reports this person may read, last changed first (as in the staff list).
    static func readablePage(user: CurrentUser, status: FeedbackStatus?, scope: String?, _ window: PageWindow, _ db: any Database)
        async throws -> PageOf<FeedbackReport>
    {
        func query() -> QueryBuilder<FeedbackReport> {
            let q = FeedbackReport.query(on: db)
            if !seesDrafts(user) { q.filter(\.$status == FeedbackStatus.published.rawValue) }
            if let status { q.filter(\.$status == status.rawValue) }
            if scope == "activity" { q.filter(\.$activity.$id != nil) }
            if scope == "theme" { q.filter(\.$theme.$id != nil) }
            return q
        }
        let total = try await query().count()
        let items = try await query().sort(\.$updatedAt, .descending).sort(\.$id).range(window.offset..<(window.offset + window.size)).all()
        return PageOf(items: items, request: window, total: total)
    }

    /// One report this person may read (a draft is 404 to anyone who may not see drafts).
    static func findReadable(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> FeedbackReport {
        let r = try await find(id, db)
        guard r.isPublished || seesDrafts(user) else { throw Abort(.notFound) }
        return r
    }

    /// Activity titles, theme names and which reports this person may change, for a list of reports.
    struct Labels: Sendable {
        let activityTitles: [UUID: String]
        let themeNames: [UUID: String]
        let editable: Set<UUID>
    }

    static func labels(_ reports: [FeedbackReport], user: CurrentUser, _ db: any Database) async throws -> Labels {
        var editable = Set<UUID>()
        if canWrite(user) {
            for r in reports where canEdit(user, organisations: try await organisations(of: r, db)) { editable.insert(r.id!) }
        }
        return Labels(
            activityTitles: try await NameLookup.names(Activity.self, reports.compactMap { $0.$activity.id }, db) { $0.title },
            themeNames: try await NameLookup.names(Theme.self, reports.compactMap { $0.$theme.id }, db) { $0.name },
            editable: editable)
    }

    static func translations(of report: FeedbackReport, _ db: any Database) async throws -> [FeedbackTranslation] {
        try await FeedbackTranslation.query(on: db).filter(\.$report.$id == report.id!).sort(\.$language).all()
    }
}
