import Foundation
import Plot
import ChorusCore

/// A briefing as committee papers show it. Every number arrives already suppressed (see `Briefing`).
enum BriefingView {
    static func render(_ b: Briefing) -> [HNode] {
        func count(_ c: SuppressedCount) -> String { c.text() }
        func table(_ caption: String, _ header: String, _ rows: [Briefing.Row], id: String) -> HNode {
            Lists.table(
                rows,
                columns: [
                    .init(header: header) { H.bdi($0.label) },
                    .init(header: "Insights") { .text(count($0.count)) },
                ], caption: caption, empty: "None.")
        }
        let period = [b.from, b.to].compactMap { $0 }.map(DayText.long)
        var out: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "reach"], [.text("Reach")]),
            H.el(
                "ul", ["class": "stat-grid"],
                [
                    stat(count(b.insights), "insights"), stat(count(b.people), "people represented"),
                    stat(String(b.wardCount), "wards"), stat(String(b.organisationCount), "organisations recording"),
                    stat(String(b.activityCount), "activities"),
                ]),
            .if(period.count == 2, H.el("p", [:], [.text("Heard between \(period.first ?? "") and \(period.last ?? "").")])),
            .if(
                b.truncated, H.el("p", ["class": "warning-panel"], [.text("This briefing covers the newest \(BriefingService.limit) insights only.")])
            ),
            H.el(
                "p", ["class": "hint"],
                [
                    .text(
                        "Only insights you may see are counted. Counts from 1 to 4 show as \"fewer than 5\"; where a total is shown, one more count may be \"not shown\" so a small one cannot be worked out."
                    )
                ]),
        ]
        if !b.reach.isEmpty {
            out += [
                H.el("h3", ["class": "heading-s", "id": "heard-from"], [.text("Heard from, by activity")]),
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text(
                            "Every insight heard during each activity, whatever its sharing level, and the people they represent: the figures its \"You said, we did\" report shows residents."
                        )
                    ]),
                Lists.table(
                    b.reach,
                    columns: [
                        .init(header: "Activity") { H.link($0.title, SiteURL.Register.show($0.activityID)) },
                        .init(header: "Insights") { .text(count($0.insights)) },
                        .init(header: "People") { .text(count($0.people)) },
                    ], caption: "Heard from, by activity", empty: "None."),
            ]
        }
        if let a = b.analysis {
            out += [
                H.el("h2", ["class": "heading-m", "id": "analysed-themes"], [.text("Themes from the analysis")]),
                H.el(
                    "p", [:],
                    [
                        .text("The themes the analyst named in "), H.link(a.title, SiteURL.Analysis.run(a.runID)),
                        .text(", counted over the insights in this briefing."),
                    ]),
                table("Themes from the analysis", "Theme", a.themes, id: "analysed-themes"),
            ]
        } else if b.analysisUnavailable {
            out.append(
                H.el(
                    "p", ["class": "warning-panel"],
                    [.text("The analysis on this item is not available: it was deleted, has not finished, or you may not see it.")]))
        }
        out += [
            H.el("h2", ["class": "heading-m", "id": "themes"], [.text(b.analysis == nil ? "Themes" : "Taxonomy themes")]),
            table("Themes", "Theme", b.themes, id: "themes"),
            H.el("h2", ["class": "heading-m", "id": "quotes"], [.text("In their words")]),
        ]
        // The analysis's quotes (one per theme) first, then the briefing's own.
        var quotes = b.analysis?.quotes ?? []
        for q in b.quotes where quotes.count < BriefingService.quoteCount && !quotes.contains(q) { quotes.append(q) }
        out.append(
            quotes.isEmpty
                ? H.el("p", ["class": "empty"], [.text("No quotes.")])
                : .group(quotes.map { H.el("blockquote", ["class": "quote"], [.text($0)]) }))
        out += [
            H.el("h2", ["class": "heading-m", "id": "heard"], [.text("Who was heard")]),
            H.el("h3", ["class": "heading-s"], [.text("Wards")]),
            table("Wards", "Ward", b.wards, id: "wards"),
            H.el("h3", ["class": "heading-s"], [.text("Communities")]),
            table("Communities heard", "Community", b.audiencesHeard, id: "audiences"),
            H.el("h2", ["class": "heading-m", "id": "not-heard"], [.text("Who was not heard")]),
            H.el(
                "p", [:],
                [
                    .text(
                        b.audiencesNotHeard.isEmpty
                            ? "Every community in the taxonomy is represented."
                            : "No insights from: " + b.audiencesNotHeard.joined(separator: ", ") + ".")
                ]),
            H.el("h2", ["class": "heading-m", "id": "equality"], [.text("Equality monitoring")]),
        ]
        for t in b.equality {
            out.append(
                H.el(
                    "details", ["class": "details"],
                    [
                        H.el(
                            "summary", [:], [.text("\(t.question): \(count(t.answered)) answered, \(count(t.notAnswered)) not asked or not answered")]
                        ),
                        Lists.table(
                            t.rows,
                            columns: [
                                .init(header: "Answer") { .text($0.label) },
                                .init(header: "Insights") { .text(count($0.count)) },
                            ], caption: t.question, empty: "No answers."),
                        .if(!t.notHeard.isEmpty, H.el("p", [:], [.text("Not heard from: " + t.notHeard.joined(separator: "; ") + ".")])),
                    ]))
        }
        return out
    }

    static func stat(_ number: String, _ label: String) -> HNode {
        H.el("li", ["class": "stat"], [H.el("span", ["class": "stat-number"], [.text(number)]), .text(label)])
    }
}
