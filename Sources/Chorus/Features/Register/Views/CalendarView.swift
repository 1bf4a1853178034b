import Foundation
import Plot
import ChorusCore

/// A month calendar of activities (by start day), with the same filters as the list.
enum CalendarView {
    static func render(_ m: RegisterPages.Calendar, _ ctx: PageContext) -> Page {
        let (year, month, items, q, truncated) = (m.year, m.month, m.items, m.query, m.truncated)
        let first = Day(iso: String(format: "%04d-%02d-01", year, month))!
        let days = Day.daysIn(month: month, year: year)
        let title = ctx.t("calendar.title", "\(DayText.months[month - 1]) \(year)")
        let weekdayOfFirst = ((first.ordinal % 7) + 10) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        let startsByDay = Dictionary(grouping: items.filter { $0.start >= first }, by: { $0.start.ordinal - first.ordinal + 1 })
        let continuing = items.filter { $0.start < first }
        func monthLink(_ delta: Int) -> String {
            var y = year, m = month + delta
            if m == 0 { m = 12; y -= 1 } else if m == 13 { m = 1; y += 1 }
            return SiteURL.with(SiteURL.Register.calendar, q.merging(["month": String(format: "%04d-%02d", y, m)]) { _, b in b })
        }
        var weeks: [[HNode]] = []
        var week: [HNode] = Array(repeating: H.el("td", ["class": "other-month"], []), count: weekdayOfFirst)
        for d in 1...days {
            let list = startsByDay[d] ?? []
            week.append(
                H.el(
                    "td", [:],
                    [
                        H.el("span", ["class": "day-number"], [.text(String(d))]),
                        .if(!list.isEmpty, H.el("ul", [:], list.map { s in H.el("li", [:], [H.link(s.title, SiteURL.Register.show(s.id))]) })),
                    ]))
            if week.count == 7 { weeks.append(week); week = [] }
        }
        if !week.isEmpty { weeks.append(week + Array(repeating: H.el("td", ["class": "other-month"], []), count: 7 - week.count)) }
        let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { ctx.t("calendar.\($0)") }
        var body: [HNode] = [
            H.el(
                "a", ["href": SiteURL.with(SiteURL.Register.list, q.filter { $0.key != "month" }), "class": "back-link"],
                [.text(ctx.t("activity.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "nav", ["class": "pager", "aria-label": ctx.t("calendar.months")],
                [
                    H.el(
                        "ul", ["class": "pager-links"],
                        [
                            H.el("li", [:], [H.el("a", ["href": monthLink(-1), "rel": "prev"], [.text(ctx.t("calendar.previous"))])]),
                            H.el("li", [:], [H.el("a", ["href": monthLink(1), "rel": "next"], [.text(ctx.t("calendar.next"))])]),
                        ])
                ]),
        ]
        if truncated { body.append(H.el("p", ["class": "notice"], [.text(ctx.t("calendar.truncated"))])) }
        if !continuing.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("calendar.continuing"))]))
            body.append(
                H.el(
                    "ul", [:],
                    continuing.map { s in
                        H.el("li", [:], [H.link(s.title, SiteURL.Register.show(s.id)), .text(" (" + ActivityListView.dates(s, ctx) + ")")])
                    }))
        }
        body.append(
            H.el(
                "div", ["class": "table-wrap"],
                [
                    H.el(
                        "table", ["class": "calendar"],
                        [
                            H.el("caption", ["class": "visually-hidden"], [.text(title)]),
                            H.el("thead", [:], [H.el("tr", [:], weekdays.map { H.el("th", ["scope": "col"], [.text($0)]) })]),
                            H.el("tbody", [:], weeks.map { H.el("tr", [:], $0) }),
                        ])
                ]))
        return Page(title: title, body: body)
    }
}
