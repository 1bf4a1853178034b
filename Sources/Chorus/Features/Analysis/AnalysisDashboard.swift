import Foundation
import ChorusCore

/// The thematic analysis's part of the work dashboard: the analyses this person ran in the last two weeks, running,
/// finished or failed, each opening the run's page.
extension AnalysisFeature {
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        guard AnalysisService.canRun(r.user) else { return [] }
        let runs = try await AnalysisReads.recentRuns(by: r.user, since: r.now.addingTimeInterval(-14 * 86_400), limit: 5, r.db)
        let analyst = r.user.role == .insightAnalyst
        guard !runs.isEmpty || analyst else { return [] }
        return [
            DashboardSection(
                order: DashboardOrder.analyses, title: "Your analyses",
                items: runs.map { run in
                    let when = run.at.map { " · " + DayText.long(Day($0)) } ?? ""
                    let (detail, flag): (String, String) =
                        switch run.status {
                        case .done: ("Themes found in " + EnglishCount.of(run.insightCount, "insight", "insights") + when, "Finished")
                        case .failed: ((run.error.map(DashboardText.oneLine) ?? "The analysis stopped") + when, "Failed")
                        case .queued: ("Waiting to start" + when, "Queued")
                        case .running: ("Started" + when, "Running")
                        }
                    return DashboardItem(
                        text: DashboardText.oneLine(run.title), href: SiteURL.Analysis.run(run.id), detail: detail, urgent: run.status == .failed,
                        flag: flag)
                },
                empty: "You have run no analysis in the last two weeks.",
                more: DashboardLink(text: "Every analysis", href: SiteURL.Analysis.list))
        ]
    }
}
