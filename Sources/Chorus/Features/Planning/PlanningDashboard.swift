import Foundation
import ChorusCore

/// Planning's part of the work dashboard: plans waiting for this person's review, and their own plans sent back
/// with changes requested. Each item opens the plan, where it is reviewed or changed.
extension PlanningFeature {
    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        let reviews = PlanReviewers.canReview(r.user.role)
        let waiting = try await PlanningService.plansWaiting(for: r.user.id, limit: 6, r.db)
        guard reviews || !waiting.isEmpty else { return [] }
        let titles = Dictionary(
            try await RegisterService.facts(waiting.map(\.activityID), r.db).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let names = try await NameLookup.names(Person.self, waiting.compactMap(\.from), r.db) { $0.name }
        let items = waiting.compactMap { w -> DashboardItem? in
            guard let title = titles[w.activityID] else { return nil }
            let who = w.from.flatMap { names[$0] }
            let when = w.since.map { " on " + DayText.long(Day($0)) } ?? ""
            return DashboardItem(
                text: DashboardText.oneLine(title), href: SiteURL.Plan.show(w.activityID),
                detail: w.toReview
                    ? "Sent for your review" + (who.map { " by \($0)" } ?? "") + when
                    : "Changes requested" + (who.map { " by \($0)" } ?? "") + when,
                flag: w.toReview ? "Review" : "Changes requested")
        }
        return [
            DashboardSection(
                order: DashboardOrder.plans, title: "Plans waiting for you", items: items,
                empty: reviews ? "No engagement plan is waiting for your review." : nil)
        ]
    }
}
