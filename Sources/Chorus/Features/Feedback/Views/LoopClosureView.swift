import Foundation
import Plot
import ChorusCore

/// The oversight page: share of closed activities with a published report, days from close to report, actions done
/// on time; overall, by organisation and by ward. Numbers carry their denominators.
enum LoopClosureView {
    static func percent(_ x: Double?) -> String { x.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
    static func days(_ x: Double?) -> String { x.map { String(format: "%.0f days", $0) } ?? "—" }

    static func render(_ r: LoopClosure.Result, _ ctx: PageContext) -> Page {
        let title = "Loop closure"
        func table(_ caption: String, _ header: String, _ rows: [String: LoopClosure.Summary]) -> HNode {
            Lists.table(
                rows.sorted { $0.key < $1.key },
                columns: [
                    .init(header: header) { H.bdi($0.key) },
                    .init(header: "Closed activities with a report") {
                        .text("\(percent($0.value.shareWithReport)) (\($0.value.withReport) of \($0.value.closedActivities))")
                    },
                    .init(header: "Days to report: median") { .text(days($0.value.medianDays)) },
                    .init(header: "90th percentile") { .text(days($0.value.p90Days)) },
                    .init(header: "Actions done on time") {
                        .text("\(percent($0.value.shareOnTime)) (\($0.value.actionsDoneOnTime) of \($0.value.actionsDue))")
                    },
                ], caption: caption, empty: "Nothing to measure yet.")
        }
        let o = r.overall
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "Do residents hear what happened after they had their say? Closed activities are those closed or reported in the register; an activity's close is its end date."
                    )
                ]),
            H.el(
                "ul", ["class": "stat-grid"],
                [
                    BriefingView.stat(
                        percent(o.shareWithReport), "of closed activities have a published report (\(o.withReport) of \(o.closedActivities))"),
                    BriefingView.stat(days(o.medianDays), "median from close to report"),
                    BriefingView.stat(days(o.p90Days), "90th percentile from close to report"),
                    BriefingView.stat(percent(o.shareOnTime), "of actions due were done on time (\(o.actionsDoneOnTime) of \(o.actionsDue))"),
                ]),
            H.el(
                "p", ["class": "hint"],
                [.text("Actions due: those done, and those whose due date has passed; actions not being done (with a reason) are left out.")]),
            H.el("h2", ["class": "heading-m", "id": "by-organisation"], [.text("By organisation")]),
            table("By organisation", "Organisation", r.byOrganisation),
            H.el("h2", ["class": "heading-m", "id": "by-ward"], [.text("By ward")]),
            table("By ward", "Ward", r.byWard),
        ]
        return Page(title: title, body: body, englishOnly: true)
    }
}
