import Foundation
import ChorusCore

/// The register's part of the work dashboard: the activities this person leads and what overlaps them (each item
/// opens the activity's overlaps), and wards over the fatigue threshold where their organisation plans to ask.
extension RegisterFeature {
    static let dashboardActivities = 5

    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        let registers = r.user.role.canRegisterEngagement
        var sections: [DashboardSection] = []
        let (rows, total) = try await DashboardCache.shared.value(
            "overlaps:\(r.user.id):\(r.today):\(r.overlapWindowDays)", now: r.now, seconds: r.cacheSeconds
        ) {
            try await RegisterService.currentActivities(
                ledBy: r.user.id, today: r.today, windowDays: r.overlapWindowDays, limit: dashboardActivities, r.db)
        }
        if registers || !rows.isEmpty {
            let items = rows.map { a in
                DashboardItem(
                    text: DashboardText.oneLine(a.title),
                    href: a.overlaps > 0 ? SiteURL.Register.show(a.id) + "#overlaps" : SiteURL.Register.show(a.id),
                    detail: dates(a.start, a.end)
                        + (a.closest.map { "; most overlap with \u{201C}\(DashboardText.oneLine($0.title))\u{201D}" } ?? ""),
                    urgent: a.overlaps > 0,
                    flag: a.overlaps > 0 ? "Overlaps " + EnglishCount.of(a.overlaps, "activity", "activities") : "No overlaps")
            }
            sections.append(
                DashboardSection(
                    order: DashboardOrder.activities, title: "Your activities and their overlaps",
                    items: items.filter(\.urgent) + items.filter { !$0.urgent },
                    empty: "You lead no current activities. Activities you register and lead appear here with any that overlap them.",
                    more: total > rows.count
                        ? DashboardLink(
                            text: "All \(EnglishCount.of(total, "current activity", "current activities")) you lead are in the register",
                            href: SiteURL.Register.list)
                        : nil))
        }
        if registers {
            let alerts = try await DashboardCache.shared.value(
                "fatigue:\(r.user.organisationID):\(r.today):\(r.fatigueThreshold)", now: r.now, seconds: r.cacheSeconds
            ) {
                try await RegisterService.fatigueAlerts(
                    organisation: r.user.organisationID, today: r.today, threshold: r.fatigueThreshold, r.db)
            }
            sections.append(
                DashboardSection(
                    order: DashboardOrder.fatigue, title: "Fatigue alerts where you plan to engage",
                    items: alerts.prefix(6).map { a in
                        DashboardItem(
                            text: "\(a.wardName), \(a.quarter)", href: SiteURL.Register.ward(a.wardCode),
                            detail:
                                "\(String(format: "%.2f", a.per1000)) asks per 1,000 residents (\(EnglishCount.of(a.asks, "activity", "activities")) asking for input); the threshold is \(String(format: "%.2f", r.fatigueThreshold))",
                            urgent: true, flag: "Over the threshold")
                    },
                    empty: "No ward where \(r.user.organisationName) plans activity this quarter or next is over the fatigue threshold.",
                    more: alerts.count > 6 ? DashboardLink(text: "The fatigue table for every ward", href: SiteURL.Register.fatigue) : nil))
        }
        return sections
    }

    /// "3 Mar 2026 to 5 Apr 2026", "from 3 Mar 2026" (open-ended).
    static func dates(_ start: Day, _ end: Day?) -> String {
        guard let end else { return "From \(DayText.long(start))" }
        return start == end ? DayText.long(start) : "\(DayText.long(start)) to \(DayText.long(end))"
    }
}
