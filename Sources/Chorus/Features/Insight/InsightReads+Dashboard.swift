import Foundation
import Fluent
import ChorusCore

/// The insight store's reads for the work dashboard: a person's own recent imports.
extension InsightService {
    struct RecentImport: Sendable {
        let id: UUID
        let fileName: String
        let status: ImportJob.Status
        let rowsDone: Int
        let rowsRejected: Int
        let message: String?
        let at: Date?
    }

    /// The imports `person` started that are running, or were uploaded, finished or failed since `since`, newest first.
    static func recentImports(by person: UUID, since: Date, limit: Int, _ db: any Database) async throws -> [RecentImport] {
        try await ImportJob.query(on: db).filter(\.$person.$id == person)
            .group(.or) { g in
                g.filter(\.$status ~~ [ImportJob.Status.queued.rawValue, ImportJob.Status.running.rawValue])
                g.filter(\.$finishedAt >= since)
                g.group(.and) { u in u.filter(\.$status == ImportJob.Status.uploaded.rawValue).filter(\.$createdAt >= since) }
            }
            .sort(\.$createdAt, .descending).limit(limit).all()
            .map { j in
                RecentImport(
                    id: j.id!, fileName: j.fileName, status: ImportJob.Status(rawValue: j.status) ?? .failed, rowsDone: j.rowsDone,
                    rowsRejected: j.rowsRejected, message: j.message, at: j.finishedAt ?? j.createdAt)
            }
    }
}
