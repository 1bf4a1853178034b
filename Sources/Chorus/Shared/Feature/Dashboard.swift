import Foundation
import Fluent
import ChorusCore

/// What a feature area puts on a signed-in member of staff's work dashboard (the home page): what needs them, each
/// item linking to where it is dealt with. Areas added later add their sections through `ChorusFeature.dashboard`.
/// Every read behind a section is bounded (a few rows, counts in SQL): the page is asked for on every sign-in and
/// must stay fast at 50,000 activities and a million insights (bench/register_bench.py, bench/insight_bench.py).
struct DashboardRequest: Sendable {
    let user: CurrentUser
    let today: Day
    let now: Date
    let db: any Database
    /// The register's settings, as the activity and fatigue pages use them (`AppConfig`).
    var overlapWindowDays: Int = OverlapDetector.defaultWindowDays
    var fatigueThreshold: Double = FatigueIndex.defaultThreshold
    /// How long register-wide figures may be shown before they are read again (`AppConfig.dashboardCacheSeconds`).
    var cacheSeconds: Int = 60
}

/// One section of the dashboard ("Plans waiting for your review"). Staff pages are English (docs/development.md).
struct DashboardSection: Sendable {
    /// Its place on the page, smallest first (`DashboardOrder`).
    let order: Int
    let title: String
    let items: [DashboardItem]
    /// Said when there are no items; a section with neither items nor this is not shown.
    var empty: String? = nil
    /// A link to the whole list when only the first items are shown.
    var more: DashboardLink? = nil

    /// Shown when it has items, or says something when empty.
    var isShown: Bool { !items.isEmpty || empty != nil }
}

struct DashboardItem: Sendable {
    let text: String
    let href: String
    /// A second line: dates, counts, who.
    var detail: String? = nil
    /// Overdue or over a threshold: shown first and marked in words, not colour alone.
    var urgent: Bool = false
    /// The words that mark it ("Overdue by 3 days", "Failed", "4 overlaps"), shown before the text.
    var flag: String? = nil
}

struct DashboardLink: Sendable {
    let text: String
    let href: String
}

/// Where each area's sections sit on the page: what needs doing first, what to know after.
enum DashboardOrder {
    static let actions = 10
    static let plans = 20
    static let activities = 30
    static let fatigue = 40
    static let meetings = 50
    static let imports = 60
    static let analyses = 70
    static let training = 80
}

/// Words the sections share.
enum DashboardText {
    /// "Overdue by 1 day", "Overdue by 12 days".
    static func overdue(since due: Day, today: Day) -> String {
        "Overdue by " + EnglishCount.of(max(1, today.ordinal - due.ordinal), "day", "days")
    }

    /// "today", "tomorrow", "in 5 days" (a day not before `today`).
    static func until(_ day: Day, today: Day) -> String {
        let n = day.ordinal - today.ordinal
        switch n {
        case ...0: return "today"
        case 1: return "tomorrow"
        default: return "in " + EnglishCount.of(n, "day", "days")
        }
    }

    /// A title on one line, as an item's text: line breaks and tabs become spaces (the HTML escapes the rest).
    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
    }
}

/// What the dashboard reads alike for many people and may show a minute old: the fatigue alerts of an organisation,
/// a person's overlaps, the partnership's figures. Each is several indexed reads over the whole register (at 50,000
/// activities tens of milliseconds), asked for on every visit to the home page; the pages where they are dealt with
/// (the activity's overlaps, the ward's fatigue) always read them live. Entries live the caller's `seconds`
/// (`CHORUS_DASHBOARD_CACHE_SECONDS`, default 60; 0 reads every time) and keys name the organisation or person.
final class DashboardCache: @unchecked Sendable {
    static let shared = DashboardCache()
    private let lock = NSLock()
    private var entries: [String: (until: Date, value: any Sendable)] = [:]

    /// The value kept under `key` while it is fresh, else `make()`'s (kept for `seconds`).
    func value<T: Sendable>(_ key: String, now: Date = Date(), seconds: Int, _ make: () async throws -> T) async throws -> T {
        if seconds > 0, let hit = lock.withLock({ entries[key] }), hit.until > now, let value = hit.value as? T { return value }
        let value = try await make()
        guard seconds > 0 else { return value }
        lock.withLock {
            if entries.count > 10_000 { entries = entries.filter { $0.value.until > now } }
            entries[key] = (now.addingTimeInterval(TimeInterval(seconds)), value)
        }
        return value
    }
}
