import Foundation
import ChorusCore

/// Decisions' part of the work dashboard: the actions decision spaces gave this person (overdue first, "Overdue by
/// 3 days" in words), each opening the action where progress is recorded; and the meetings coming up in the spaces
/// they may see.
extension DecisionsFeature {
    static let dashboardMeetingDays = 60

    static func dashboard(_ r: DashboardRequest) async throws -> [DashboardSection] {
        var sections: [DashboardSection] = []
        let role = r.user.role
        let (actions, open, overdue) = try await DecisionsReads.openActions(ownedBy: r.user.id, today: r.today, limit: 5, r.db)
        if !actions.isEmpty || [.officer, .secretary].contains(role) {
            sections.append(
                DashboardSection(
                    order: DashboardOrder.actions, title: "Your actions",
                    items: actions.map { a in
                        var detail = [a.space.isEmpty ? nil : a.space, a.status.label]
                        if let due = a.due, !a.overdue {
                            detail.insert("Due \(DayText.long(due)) (\(DashboardText.until(due, today: r.today)))", at: 0)
                        }
                        if let due = a.due, a.overdue { detail.insert("Was due \(DayText.long(due))", at: 0) }
                        return DashboardItem(
                            text: DashboardText.oneLine(a.title), href: SiteURL.Decisions.action(a.id),
                            detail: detail.compactMap { $0 }.joined(separator: " · "), urgent: a.overdue,
                            flag: a.overdue ? DashboardText.overdue(since: a.due!, today: r.today) : nil)
                    },
                    empty: "No decision space has given you an action.",
                    more: open > actions.count
                        ? DashboardLink(
                            text: "All your \(EnglishCount.of(open, "open action", "open actions"))"
                                + (overdue > 0 ? " (\(NumberText.grouped(overdue)) overdue)" : ""),
                            href: SiteURL.Decisions.myActions)
                        : nil))
        }
        let meetings = try await DecisionsReads.upcomingMeetings(for: r.user, today: r.today, days: dashboardMeetingDays, limit: 5, r.db)
        sections.append(
            DashboardSection(
                order: DashboardOrder.meetings, title: "Decision-space meetings coming up",
                items: meetings.map { m in
                    DashboardItem(
                        text: "\(DashboardText.oneLine(m.space)): \(DashboardText.oneLine(m.title))", href: SiteURL.Decisions.meeting(m.id),
                        detail: ["\(DayText.long(m.day)) (\(DashboardText.until(m.day, today: r.today)))", m.location.map(DashboardText.oneLine)]
                            .compactMap { $0 }.joined(separator: " · ")
                            + (m.isMember ? "" : " · a public space you are not a member of"))
                },
                empty: role == .secretary ? "No meeting in the next \(dashboardMeetingDays) days." : nil,
                more: meetings.isEmpty ? nil : DashboardLink(text: "Every decision space", href: SiteURL.Decisions.spaces)))
        return sections
    }
}
