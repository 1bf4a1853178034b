import Foundation
import Plot
import ChorusCore

/// The plan for committee papers: a print view (the page without navigation or forms) and Markdown.
enum PlanExport {
    static func print(_ m: PlanningPages.Print, _ ctx: PageContext) -> Page {
        let r = m.plan
        let body: [HNode] =
            [
                H.el("a", ["href": SiteURL.Plan.show(r.activityID), "class": "back-link"], [.text("Back to the plan")]),
                H.el("h1", ["class": "heading-xl"], [.text("Engagement plan: \(r.activityTitle)")]),
                H.el("p", [:], [.text("Status: \(r.signOff.status.label). Printed \(DayText.long(m.today)).")]),
                PlanPageView.signOffSummary(r),
            ] + PlanPageView.content(r, forPrint: true)
        return Page(title: "Engagement plan: \(r.activityTitle)", body: body, englishOnly: true)
    }

    static func markdown(_ r: PlanningPages.Plan) -> String {
        let rec = r.recommendation
        let level = r.chosen ?? rec.level
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "  \n") }
        var md = "# Engagement plan: \(r.activityTitle)\n\n"
        md += "- Status: \(r.signOff.status.label)\n"
        md += "- Dates: \(r.starts) to \(r.ends.map { $0.description } ?? "open-ended")\n"
        md +=
            "- Level of engagement: \(level.label). \(PlanActivityLink.levelSentence(planChoice: r.planChoice, activity: r.facts.level, recommendation: rec))\n"
        md += "- Promise to residents: \(level.promise)\n"
        for a in r.signOff.approvals {
            md += "- Approved by \(r.names[a.reviewer] ?? "a reviewer") on \(Day(a.at))"
            if let ack = a.acknowledgement {
                md +=
                    ", acknowledging \(ack.warnings.count) open warning(s) (\(ack.warnings.map(\.message).joined(separator: " "))); reason: \(esc(ack.reason))"
            }
            md += "\n"
        }
        if !r.officerNotes.isEmpty {
            md += "\n## The officer's notes\n\n" + r.officerNotes.map { "- **\($0.0):** \(esc($0.1))" }.joined(separator: "\n") + "\n"
        }
        md += "\n## Why this level\n\n" + rec.reasons.map { "- \($0.reason)" + ($0.overridden ? " (outweighed)" : "") }.joined(separator: "\n") + "\n"
        for section in PlanSection.allCases {
            md += "\n## \(section.label)\n\n"
            for field in section.fields {
                md +=
                    "**\(field.label):** \(r.content.text(field).map(esc) ?? "_missing_")"
                    + (r.fromActivity.contains(field) ? " _(from the activity)_" : "") + "\n\n"
            }
        }
        md += "## Compliance\n\n- Equality impact assessment: \(r.equality.outcome.label)\n- DPIA: \(r.dpia.outcome.label)\n"
        if let p = r.period { md += "- Consultation period: \(p.opens) to \(p.closes?.description ?? "no closing date")\n" }
        if r.isConsultation {
            md += "\n| Gunning principle | Status | Evidence |\n|---|---|---|\n"
            for c in r.gunning.checks { md += "| \(c.principle.title) | \(c.status.label) | \(c.evidenceLink ?? "") |\n" }
        }
        if !r.warnings.isEmpty {
            md +=
                "\n## Things to act on\n\n"
                + r.warnings.map { "- **\($0.severity.rawValue)**: \($0.message) What to do: \($0.action)" }.joined(separator: "\n") + "\n"
        }
        return md
    }
}
