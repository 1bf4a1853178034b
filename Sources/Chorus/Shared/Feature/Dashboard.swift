import Foundation
import Fluent
import ChorusCore

/// What a feature area puts on a signed-in member of staff's work dashboard (the home page): what needs them, each
/// item linking to where it is dealt with. Areas added later add their sections through `ChorusFeature.dashboard`.
struct DashboardRequest: Sendable {
    let user: CurrentUser
    let today: Day
    let now: Date
    let db: any Database
}

/// One section of the dashboard ("Plans waiting for your review"). Staff pages are English (docs/development.md).
struct DashboardSection: Sendable {
    /// Its place on the page, smallest first.
    let order: Int
    let title: String
    let items: [DashboardItem]
    /// Said when there are no items; a section with neither items nor this is not shown.
    var empty: String? = nil
    /// A link to the whole list when only the first items are shown.
    var more: DashboardLink? = nil
}

struct DashboardItem: Sendable {
    let text: String
    let href: String
    /// A second line: dates, counts, who.
    var detail: String? = nil
    /// Overdue or over a threshold: shown first and marked in words, not colour alone.
    var urgent: Bool = false
}

struct DashboardLink: Sendable {
    let text: String
    let href: String
}
