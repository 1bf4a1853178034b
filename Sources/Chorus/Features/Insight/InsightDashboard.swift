import Foundation
import ChorusCore

/// The insight store's part of the work dashboard: the imports this person started in the last two weeks, running,
/// finished or failed, each opening the import's page (its report of rejected rows).
extension InsightFeature {
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        guard r.user.role.canRecordInsight else { return [] }
        let imports = try await InsightService.recentImports(by: r.user.id, since: r.now.addingTimeInterval(-14 * 86_400), limit: 5, r.db)
        guard !imports.isEmpty else { return [] }
        return [
            DashboardSection(
                order: DashboardOrder.imports, title: "Your insight imports",
                items: imports.map { j in
                    let when = j.at.map { " · " + DayText.long(Day($0)) } ?? ""
                    switch j.status {
                    case .done:
                        return DashboardItem(
                            text: DashboardText.oneLine(j.fileName), href: SiteURL.Insights.importJob(j.id),
                            detail: EnglishCount.of(j.rowsDone, "insight", "insights") + " imported"
                                + (j.rowsRejected > 0 ? ", " + EnglishCount.of(j.rowsRejected, "row", "rows") + " rejected" : "") + when,
                            urgent: j.rowsRejected > 0, flag: "Finished")
                    case .failed:
                        return DashboardItem(
                            text: DashboardText.oneLine(j.fileName), href: SiteURL.Insights.importJob(j.id),
                            detail: (j.message.map(DashboardText.oneLine) ?? "The import stopped") + when, urgent: true, flag: "Failed")
                    case .uploaded:
                        return DashboardItem(
                            text: DashboardText.oneLine(j.fileName), href: SiteURL.Insights.importJob(j.id), detail: "Uploaded; not started" + when,
                            flag: "Waiting for you")
                    case .queued, .running:
                        return DashboardItem(
                            text: DashboardText.oneLine(j.fileName), href: SiteURL.Insights.importJob(j.id),
                            detail: EnglishCount.of(j.rowsDone, "row", "rows") + " done so far", flag: "Running")
                    }
                },
                more: DashboardLink(text: "Import more insights", href: SiteURL.Insights.importCSV))
        ]
    }
}
