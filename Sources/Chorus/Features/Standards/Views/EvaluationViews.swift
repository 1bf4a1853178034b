import Foundation
import Plot
import ChorusCore

/// An activity's evaluation (its form and its block on the activity's page) and lessons (the list, and the block on
/// the planning advisor's summary). Staff pages are English.
enum EvaluationViews {
    static func lesson(_ l: EvaluationService.Lesson, _ ctx: PageContext, heading: String = "h3") -> HNode {
        H.el(
            "article", ["class": "lesson"],
            [
                H.el(heading, ["class": "heading-s"], [H.link(l.title, SiteURL.Standards.evaluation(l.activityID))]),
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text(
                            "\(l.organisation) · \(l.methods.map { ctx.t("method.\($0)") }.joined(separator: ", "))"
                                + (l.themes.isEmpty ? "" : " · \(l.themes.joined(separator: ", "))")
                                + " · evaluated \(DayText.long(l.evaluatedOn)) by \(l.evaluatedBy)")
                    ]),
                H.el(
                    "dl", ["class": "summary-list"],
                    [
                        ("Reached who we meant to", l.reached.label + (l.reachNotes.isEmpty ? "" : ": \(l.reachNotes)")),
                        ("What worked", l.whatWorked), ("What went wrong", l.whatWentWrong), ("What we would do differently", l.doDifferently),
                        ("What participants said", l.participantsSaid.isEmpty ? "—" : l.participantsSaid),
                        ("Cost", l.costPounds.map { "£\(NumberText.grouped($0))" } ?? "—"),
                    ].flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", ["class": "multiline"], [.text(v)])] }),
            ])
    }

    /// On the activity's page: its evaluation, or the way to write one once it has closed.
    static func panel(_ p: EvaluationService.Panel, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["id": "evaluation"],
            [
                H.el("h2", ["class": "heading-m"], [.text("Evaluation")]),
                p.lesson.map { l in
                    .group([
                        H.el(
                            "p", [:],
                            [.text("Evaluated \(DayText.long(l.evaluatedOn)) by \(l.evaluatedBy). Reached who we meant to: \(l.reached.label).")]),
                        H.el("p", [:], [.text("What we would do differently: \(l.doDifferently)")]),
                        .if(
                            p.canEvaluate,
                            H.el(
                                "p", [:],
                                [
                                    H.link("Change the evaluation", SiteURL.Standards.evaluation(p.activityID)), .text(" · "),
                                    H.link("Draft a case study from it", SiteURL.Guidance.caseStudy(p.activityID)),
                                ])),
                    ])
                }
                    ?? (p.closed
                        ? (p.canEvaluate
                            ? H.el("p", [:], [H.link("Evaluate this activity", SiteURL.Standards.evaluation(p.activityID))])
                            : H.el("p", ["class": "empty"], [.text("Not evaluated yet.")]))
                        : H.el(
                            "p", ["class": "empty"], [.text("Evaluate it once it has closed: what worked, what went wrong, what to do differently.")])),
            ])
    }

    static func form(_ m: EvaluationPages.Form, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let x = m.existing
        func value(_ name: String, _ fallback: String?) -> String? { m.input?[name] ?? fallback }
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.show(m.activityID), "class": "back-link"], [.text("Back to the activity")]),
            Form.errorSummary(m.errors, ctx),
            H.el("span", ["class": "caption"], [.text(m.title)]),
            H.el("h1", ["class": "heading-xl"], [.text("Evaluate this activity")]),
            H.el(
                "p", ["class": "lead"],
                [.text("Every partner's staff can read evaluations as lessons, and the planning advisor shows them for similar activities.")]),
        ]
        if !m.closed {
            body.append(H.el("p", ["class": "warning-panel"], [.text("This activity has not closed yet. Evaluate it once it has.")]))
        }
        body.append(ParticipantFeedbackViews.summary(m.participants, activityID: m.activityID))
        if m.canEvaluate {
            body.append(
                Form.post(
                    SiteURL.Standards.evaluation(m.activityID), ctx,
                    [
                        Form.radios(
                            "reached", legend: "Did we reach the people we meant to?",
                            options: EvaluationReach.allCases.map { .init($0.rawValue, $0.label) },
                            selected: value("reached", x?.reached.rawValue), error: e.message(for: "reached")),
                        Form.field(
                            "reach_notes", label: "Who we reached, and who we missed", control: .textarea(rows: 3),
                            value: value("reach_notes", x?.reachNotes), error: e.message(for: "reach_notes")),
                        Form.field(
                            "what_worked", label: "What worked", control: .textarea(rows: 4), value: value("what_worked", x?.whatWorked),
                            error: e.message(for: "what_worked"), required: true),
                        Form.field(
                            "what_went_wrong", label: "What went wrong", control: .textarea(rows: 4),
                            value: value("what_went_wrong", x?.whatWentWrong),
                            error: e.message(for: "what_went_wrong"), required: true),
                        Form.field(
                            "do_differently", label: "What we would do differently", control: .textarea(rows: 4),
                            value: value("do_differently", x?.doDifferently), error: e.message(for: "do_differently"), required: true),
                        Form.field(
                            "participants_said", label: "What participants said about taking part (optional)", control: .textarea(rows: 3),
                            value: value("participants_said", x?.participantsSaid), error: e.message(for: "participants_said"),
                            hint: "How it felt to them: from feedback forms, the end of a session, or emails"),
                        Form.field(
                            "cost", label: "What it cost, in whole pounds (optional)", control: .text(width: "10"),
                            value: value("cost", x?.costPounds.map(String.init)), error: e.message(for: "cost")),
                        Form.button("Save the evaluation"),
                    ]))
        } else if let x {
            body.append(lesson(x, ctx, heading: "h2"))
        }
        return Page(title: "Evaluate: \(m.title)", body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func lessons(_ m: EvaluationPages.Lessons, _ ctx: PageContext) -> Page {
        let q = m.query
        let title = "Lessons from evaluated activities"
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el(
                    "p", ["class": "lead"],
                    [.text("What partners learnt from activities after they closed: what worked, what went wrong, what they would do differently.")]),
                Lists.filterBar(
                    action: SiteURL.Standards.lessons, ctx,
                    fields: [
                        Form.field("q", label: "Words", control: .text(type: "search"), value: q["q"], error: nil),
                        Form.field("method", label: "Method", control: .select(m.methods, placeholder: "Any method"), value: q["method"], error: nil),
                        Form.field("theme", label: "Theme", control: .select(m.themes, placeholder: "Any theme"), value: q["theme"], error: nil),
                        Form.field(
                            "audience", label: "Audience", control: .select(m.audiences, placeholder: "Any audience"), value: q["audience"],
                            error: nil),
                    ]),
                H.el(
                    "p", [:],
                    [.text(Lists.totalText(m.page, ctx)), .text(" · "), H.link("Download as CSV", SiteURL.Standards.lessonsCSV + csvQuery(q))]),
                m.page.items.isEmpty
                    ? H.el("p", ["class": "empty"], [.text("No lessons match.")])
                    : .group(m.page.items.map { lesson($0, ctx, heading: "h2") }),
                Lists.pager(m.page, ctx),
            ], englishOnly: true)
    }

    /// The advisor's block: lessons from the evaluated activities most like this one.
    static func advisorBlock(_ lessons: [EvaluationService.Lesson], _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["id": "lessons"],
            [
                H.el("h2", ["class": "heading-m"], [.text("Lessons from similar activities")]),
                lessons.isEmpty
                    ? H.el("p", ["class": "empty"], [.text("No evaluated activity shares this one's themes or methods yet.")])
                    : .group(lessons.map { lesson($0, ctx) }),
                H.el("p", [:], [H.link("Search every lesson", SiteURL.Standards.lessons)]),
            ])
    }

    private static func csvQuery(_ q: [String: String]) -> String {
        let kept = ["q", "method", "theme", "audience"].compactMap { k in
            q[k].flatMap { $0.isEmpty ? nil : "\(k)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }
}
