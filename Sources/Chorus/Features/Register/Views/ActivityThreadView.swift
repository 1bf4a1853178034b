import Foundation
import Plot
import ChorusCore

/// The activity's thread on its page: plan → insights → analyses → agenda items → decisions → actions → "You said,
/// we did", each stage with its count or status and the next step as a button for whoever may take it.
enum ActivityThreadView {
    /// How many of a stage's records are named under its count.
    static let shown = 3

    static func render(_ a: RegisterPages.ActivityPage, _ ctx: PageContext) -> HNode {
        let t = a.thread
        let id = a.summary.id
        let insightsList = SiteURL.with(SiteURL.Insights.list, ["activity": id.uuidString])
        func stage(_ key: String, _ title: String, _ status: String, _ named: [HNode] = [], _ steps: [HNode]) -> HNode {
            H.el(
                "li", ["class": "thread-stage", "id": "thread-" + key],
                [
                    H.el("h3", ["class": "heading-s"], [.text(title)]),
                    H.el("p", ["class": "thread-status"], [.text(status)]),
                    .if(!named.isEmpty, H.el("ul", ["class": "thread-named"], named.map { H.el("li", [:], [$0]) })),
                    .if(!steps.isEmpty, H.el("div", ["class": "actions thread-steps"], steps)),
                ])
        }
        func more(_ n: Int) -> [HNode] { n > shown ? [.text("and \(NumberText.grouped(n - shown)) more")] : [] }

        // Plan
        var planSteps: [HNode] = []
        if a.planStatus == nil {
            if t.canPlan { planSteps.append(H.link("Plan this activity", SiteURL.Plan.show(id), class: "button")) }
        } else {
            planSteps.append(H.link("Open the plan", SiteURL.Plan.show(id), class: t.canPlan ? "button" : "button button-secondary"))
        }
        let plan = stage("plan", "Plan", a.planStatus.map { "Plan: " + $0.label } ?? "No plan yet", [], planSteps)

        // Insights
        var insightSteps: [HNode] = []
        if t.insights > 0 { insightSteps.append(H.link("See these insights", insightsList, class: "button button-secondary")) }
        if t.canRecord {
            insightSteps.append(
                H.link("Record an insight for this activity", SiteURL.Insights.new(activity: id), class: "button"))
            insightSteps.append(
                H.link("Import insights", SiteURL.with(SiteURL.Insights.importCSV, ["activity": id.uuidString]), class: "button button-secondary"))
        }
        // The viewer's count opens the list; the activity's reach (the briefing's and the report's figure) counts every
        // insight, also those the viewer may not open.
        var heard =
            "Heard from " + EnglishCount.of(t.heard.people, "person", "people") + " in " + EnglishCount.of(t.heard.insights, "insight", "insights")
        if t.heard.insights.value != t.insights { heard += "; you may open " + EnglishCount.of(t.insights, "of them", "of them") }
        let insights = stage(
            "insights", "Insights", EnglishCount.of(t.insights, "insight", "insights") + " heard during this activity", [.text(heard + ".")],
            insightSteps)

        // Analyses
        var analysisSteps: [HNode] = []
        if t.canAnalyse && t.insights > 0 {
            analysisSteps.append(
                Form.post(
                    SiteURL.Analysis.create, ctx,
                    [
                        H.void(
                            "input", ["type": "hidden", "name": "title", "value": "Insights heard during " + String(a.summary.title.prefix(150))]),
                        H.void("input", ["type": "hidden", "name": "query", "value": "activity=" + id.uuidString]),
                        Form.button("Analyse", secondary: !t.runs.isEmpty),
                    ], class: "inline-form"))
        }
        let analyses = stage(
            "analyses", "Analyses", EnglishCount.of(t.runs.count, "analysis run", "analysis runs") + " took in these insights",
            t.runs.prefix(shown).map { r in
                .group(
                    H.link(r.title, SiteURL.Analysis.run(r.id)),
                    .text(" (" + r.status.rawValue + ", " + EnglishCount.of(r.insightCount, "insight", "insights") + ")"))
            } + more(t.runs.count), analysisSteps)

        // Agenda items
        let items = stage(
            "agenda", "Agenda items", EnglishCount.of(t.items.count, "agenda item", "agenda items") + " took up these insights",
            t.items.prefix(shown).map { i in
                .group(H.link(i.title, SiteURL.Decisions.item(i.id)), .text(" — " + i.meeting + ", " + DayText.long(i.day)))
            } + more(t.items.count),
            t.canTakeToSpace && t.insights > 0 ? [H.link("Take to a decision space", SiteURL.Decisions.spaces, class: "button button-secondary")] : []
        )

        // Decisions
        let decisions = stage(
            "decisions", "Decisions", EnglishCount.of(t.decisions.count, "decision", "decisions"),
            t.decisions.prefix(shown).map { d in
                .group(.text(DayText.long(d.day) + ": "), H.link(Self.clip(d.text), SiteURL.Decisions.item(d.item)))
            } + more(t.decisions.count), [])

        // Actions
        let total = t.actions.values.reduce(0, +)
        let byStatus = ActionStatus.allCases.compactMap { s in t.actions[s].map { "\(NumberText.grouped($0)) \(s.label.lowercased())" } }
        let actions = stage(
            "actions", "Actions", EnglishCount.of(total, "action", "actions") + (byStatus.isEmpty ? "" : ": " + byStatus.joined(separator: ", ")), [],
            [])

        // "You said, we did"
        var reportSteps: [HNode] = []
        let reportStatus: String
        if let r = t.report {
            reportStatus = r.status == .published ? "Published" : "Draft"
            reportSteps.append(H.link(t.canStartReport ? "Continue the report" : "Read the report", SiteURL.Feedback.edit(r.id), class: "button"))
            if r.status == .published {
                reportSteps.append(H.link("See it as residents do", SiteURL.Feedback.publicReport(r.id), class: "button button-secondary"))
            }
        } else {
            reportStatus = "Not started"
            if t.canStartReport {
                reportSteps.append(Form.post(SiteURL.Feedback.create(id), ctx, [Form.button("Start the report")], class: "inline-form"))
            }
        }
        let report = stage("report", "\u{201C}You said, we did\u{201D} report", reportStatus, [], reportSteps)

        return H.el(
            "section", ["class": "thread", "id": "thread", "aria-labelledby": "thread-title"],
            [
                H.el("h2", ["class": "heading-m", "id": "thread-title"], [.text("From plan to \u{201C}You said, we did\u{201D}")]),
                H.el("ol", ["class": "thread-stages"], [plan, insights, analyses, items, decisions, actions, report]),
            ])
    }

    /// A decision's text, cut at 120 characters on a word.
    static func clip(_ s: String) -> String {
        guard s.count > 120 else { return s }
        let cut = s.prefix(120)
        return String(cut[..<(cut.lastIndex(of: " ") ?? cut.endIndex)]) + "…"
    }
}
