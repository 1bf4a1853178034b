import Foundation
import Plot
import ChorusCore

/// The ladder-of-engagement advisor: one question a page (radios or checkboxes, works without JavaScript), then a
/// summary with every answer, the recommended level, every reason that drove it, the promise to residents, the
/// suggested methods, and the choice of level (a reason is required for any other level).
enum AdvisorViews {
    static func question(_ m: PlanningPages.Question, _ ctx: PageContext) -> Page {
        let (id, q, selected, errors) = (m.activityID, m.question, m.selected, m.errors)
        let name = q.id.rawValue
        let error = ValidationFailure(errors).message(for: name)
        let fieldID = Form.fieldID(name)
        let inputs: [HNode] = q.options.enumerated().map { i, o in
            let boxID = i == 0 ? fieldID : "\(fieldID)-\(i + 1)"
            return H.el(
                "div", ["class": q.kind == .single ? "radio" : "checkbox"],
                [
                    H.void(
                        "input",
                        [
                            "type": q.kind == .single ? "radio" : "checkbox", "id": boxID, "name": name, "value": o.value,
                            "checked": selected.contains(o.value) ? "" : nil, "aria-describedby": o.hint.map { _ in boxID + "-hint" },
                        ]),
                    H.el("label", ["for": boxID], [.text(o.label)]),
                    .unwrap(o.hint) { H.el("div", ["id": boxID + "-hint", "class": "hint option-hint"], [.text($0)]) },
                ])
        }
        let total = AdvisorQuestionID.allCases.count
        let title = q.title
        let back = q.id.previous.map { SiteURL.Plan.question(id, $0.rawValue) } ?? SiteURL.Plan.show(id)
        let body: [HNode] = [
            H.el("a", ["href": back, "class": "back-link"], [.text("Back")]),
            Form.errorSummary(errors, ctx),
            Form.post(
                SiteURL.Plan.question(id, name), ctx,
                [
                    H.el(
                        "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                        [
                            H.el(
                                "fieldset",
                                [
                                    "class": "fieldset",
                                    "aria-describedby": [fieldID + "-hint", error.map { _ in fieldID + "-error" }].compactMap { $0 }.joined(
                                        separator: " "),
                                ],
                                [
                                    H.el(
                                        "legend", ["class": "legend legend-page"],
                                        [
                                            H.el("span", ["class": "caption"], [.text("Question \(q.id.number) of \(total) · \(m.activityTitle)")]),
                                            H.el("h1", ["class": "heading-xl"], [.text(title)]),
                                        ]),
                                    H.el("div", ["id": fieldID + "-hint", "class": "hint"], [.text(q.hint)]),
                                    .unwrap(error) { e in
                                        H.el(
                                            "p", ["id": fieldID + "-error", "class": "error-message"],
                                            [
                                                H.el("span", ["class": "visually-hidden"], [.text("Error: ")]), .text(e),
                                            ])
                                    },
                                    H.el("div", ["class": q.kind == .single ? "radios" : "checkboxes"], inputs),
                                ])
                        ]),
                    Form.button(q.id.next == nil ? "See the recommendation" : "Continue"),
                ]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    /// " (recommended)", " (the activity's level)", both, or nothing.
    static func levelNote(_ l: LadderLevel, rec: LadderRecommendation, activity: LadderLevel?) -> String {
        let notes = [l == rec.level ? "recommended" : nil, l == activity ? "the activity's level" : nil].compactMap { $0 }
        return notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"
    }

    static func summary(_ m: PlanningPages.Summary, _ ctx: PageContext) -> Page {
        let (r, errors, chosen, reason) = (m.plan, m.errors, m.chosen, m.reason)
        let id = r.activityID
        let rec = r.recommendation
        let f = ValidationFailure(errors)
        let title = "Recommended level: \(rec.level.label)"
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Plan.show(id), "class": "back-link"], [.text("Back to the plan")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(r.activityTitle)]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead", "id": "level-sentence"],
                [.text(PlanActivityLink.levelSentence(planChoice: r.planChoice, activity: r.facts.level, recommendation: rec))]),
            .if(
                rec.isProvisional,
                H.el("div", ["class": "warning-panel"], [.text("Provisional: \(rec.unanswered.count) questions are not answered yet.")])),
            H.el(
                "div", ["class": "panel"],
                [
                    H.el("h2", ["class": "heading-m"], [.text("What this level promises residents")]),
                    H.el("p", ["class": "lead"], [.text(rec.promise)]),
                    H.el("p", [:], [.text(rec.goal)]),
                    .if(
                        rec.coProduction,
                        H.el(
                            "p", [:],
                            [
                                H.el("strong", [:], [.text("Co-production: ")]),
                                .text("the answers point to designing and delivering this with residents, as equal partners."),
                            ])),
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Why")]),
            H.el(
                "ol", ["class": "reasons"],
                rec.reasons.map { fired in
                    H.el(
                        "li", [:],
                        [
                            .text(fired.reason),
                            .if(
                                fired.overridden,
                                H.el("span", ["class": "hint"], [.text(" (outweighed by: \(fired.overriddenBy.joined(separator: ", ")))")])),
                        ])
                }),
            PlanPageView.warningList(rec.warnings),
            H.el("h2", ["class": "heading-m"], [.text("Suggested methods and channels")]),
            H.el(
                "ul", ["class": "plain-list"],
                r.suggestions.map { s in
                    let guides = s.methods.flatMap { m.guides[$0] ?? [] }
                    return H.el(
                        "li", [:],
                        [
                            H.el("strong", [:], [.text(s.title + ". ")]), .text(s.detail + " "), H.el("span", ["class": "hint"], [.text(s.reason)]),
                            .if(
                                !guides.isEmpty,
                                H.el(
                                    "span", ["class": "guides"],
                                    [.text(" Guides: ")]
                                        + guides.enumerated().flatMap { i, g in
                                            (i == 0 ? [] : [HNode.text(", ")]) + [H.link(g.title, SiteURL.Guidance.page(g.id))]
                                        })),
                        ])
                }),
            .unwrap(m.directory) { DirectoryViews.activityPanel($0, ctx) },
            .unwrap(m.lessons) { EvaluationViews.advisorBlock($0, ctx) },
            H.el("h2", ["class": "heading-m"], [.text("Your answers")]),
            H.el(
                "dl", ["class": "summary-list"],
                AdvisorQuestionID.allCases.flatMap { q in
                    [
                        H.el("dt", [:], [.text(q.question.title)]),
                        H.el(
                            "dd", [:],
                            [
                                .text(r.answers.labels(for: q).joined(separator: "; ").nilIfEmpty ?? "Not answered"), .text(" "),
                                H.el(
                                    "a", ["href": SiteURL.Plan.question(id, q.rawValue)],
                                    [
                                        .text("Change"),
                                        H.el("span", ["class": "visually-hidden"], [.text(" " + q.question.title)]),
                                    ]),
                            ]),
                    ]
                }),
        ]
        if r.canEdit {
            let current = chosen ?? r.chosen?.rawValue ?? rec.level.rawValue
            body.append(
                Form.post(
                    SiteURL.Plan.level(id), ctx,
                    [
                        H.el(
                            "div", ["class": "form-group" + (f.message(for: "chosen_level") == nil ? "" : " form-group-error")],
                            [
                                H.el(
                                    "fieldset", ["class": "fieldset"],
                                    [
                                        H.el(
                                            "legend", ["class": "legend"],
                                            [H.el("h2", ["class": "heading-m"], [.text("Choose the level for this activity")])]),
                                        H.el(
                                            "div", ["class": "radios"],
                                            LadderLevel.allCases.enumerated().map { i, l in
                                                let boxID = i == 0 ? Form.fieldID("chosen_level") : "\(Form.fieldID("chosen_level"))-\(i + 1)"
                                                return H.el(
                                                    "div", ["class": "radio"],
                                                    [
                                                        H.void(
                                                            "input",
                                                            [
                                                                "type": "radio", "id": boxID, "name": "chosen_level", "value": l.rawValue,
                                                                "checked": current == l.rawValue ? "" : nil,
                                                            ]),
                                                        H.el(
                                                            "label", ["for": boxID],
                                                            [.text(l.label + levelNote(l, rec: rec, activity: r.facts.level))]),
                                                    ])
                                            }),
                                    ])
                            ]),
                        Form.field(
                            LevelChoice.reasonField, label: "If you choose another level, why?", control: .textarea(rows: 3),
                            value: reason ?? r.levelReason, error: f.message(for: LevelChoice.reasonField),
                            hint: "Required for any level other than the recommended one. It is shown to reviewers and in the printed plan."
                                + (r.facts.level.map {
                                    " The activity says \($0.label.lowercased()): choosing another level here flags the plan until the activity's level is changed to match."
                                } ?? "")),
                        Form.button("Save the level"),
                    ]))
        }
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
