import Foundation
import Plot
import ChorusCore

/// A meeting's agenda, an agenda item with its briefing, decisions and actions, and the print view for papers.
enum MeetingViews {
    static func meeting(_ page: DecisionsPages.MeetingPage, _ ctx: PageContext) -> Page {
        let (m, space, access, items, bundles, themes) = (page.meeting, page.space, page.access, page.items, page.bundles, page.themes)
        let analyses = page.analyses
        let (errors, input) = (page.errors, page.input)
        let e = ValidationFailure(errors)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Decisions.space(space.id), "class": "back-link"], [.text("Back to \(space.name)")]),
            Form.errorSummary(errors, ctx),
            H.el("span", ["class": "caption"], [.text(space.name)]),
            H.el("h1", ["class": "heading-xl"], [.text(m.title)]),
            H.el("p", ["class": "lead"], [.text(DayText.long(m.day) + (m.location.map { ", \($0)" } ?? ""))]),
            H.el("h2", ["class": "heading-m"], [.text("Agenda")]),
        ]
        body.append(
            items.isEmpty
                ? H.el("p", ["class": "empty"], [.text("Nothing on the agenda yet.")])
                : H.el(
                    "ol", ["class": "agenda"],
                    items.map { r in
                        H.el(
                            "li", [:],
                            [
                                H.link(r.item.title, SiteURL.Decisions.item(r.item.id)),
                                .unwrap(r.source) { H.el("span", ["class": "hint"], [.text(" — insight item: \($0)")]) },
                                .if(
                                    r.decisions > 0,
                                    H.el("span", ["class": "hint"], [.text(" — \(r.decisions) decision\(r.decisions == 1 ? "" : "s")")])),
                            ])
                    }))
        if access.canRun {
            body.append(
                H.el(
                    "div", ["class": "panel"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "add-item"], [.text("Add to the agenda")]),
                        H.el(
                            "p", [:],
                            [
                                .text(
                                    "Choose an insight bundle, a theme or an analysis to put what residents said on the agenda as a briefing, or give a title for any other item."
                                )
                            ]),
                        Form.post(
                            SiteURL.Decisions.items(m.id), ctx,
                            [
                                Form.field(
                                    "bundle_id", label: "Insight bundle", control: .select(bundles, placeholder: "No bundle"),
                                    value: input?["bundle_id"],
                                    error: e.message(for: "bundle_id")),
                                Form.field(
                                    "theme_id", label: "Or a theme", control: .select(themes, placeholder: "No theme"), value: input?["theme_id"],
                                    error: e.message(for: "theme_id"), hint: "The insights tagged with it that each reader may see."),
                                analysisField(analyses, value: input?["analysis_run_id"], error: e.message(for: "analysis_run_id")),
                                Form.field(
                                    "title", label: "Item title", control: .text(), value: input?["title"], error: e.message(for: "title"),
                                    hint: "Optional for an insight item: the bundle's or theme's name is used."),
                                Form.field(
                                    "notes", label: "Notes (optional)", control: .textarea(rows: 3), value: input?["notes"],
                                    error: e.message(for: "notes")),
                                Form.button("Add item", secondary: true),
                            ]),
                    ]))
        }
        return Page(title: m.title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    /// The analysis picker of the add-item and attach forms.
    static func analysisField(_ analyses: [Form.Option], value: String?, error: String?) -> HNode {
        Form.field(
            "analysis_run_id", label: "Analysis (optional)", control: .select(analyses, placeholder: "No analysis"), value: value, error: error,
            hint: "The themes the analyst named go into the briefing, and into the \"You said, we did\" report of the activities decided on.")
    }

    static func item(_ page: DecisionsPages.ItemPage, _ ctx: PageContext) -> Page {
        let (item, m, space, access, source, briefing) = (page.item, page.meeting, page.space, page.access, page.source, page.briefing)
        let (decisions, activities, people, organisations) = (page.decisions, page.activities, page.people, page.organisations)
        let (errors, input, errorDecision, print) = (page.errors, page.input, page.errorDecision, page.print)
        let e = ValidationFailure(errors)
        // Each decision has its own "Add an action" form, so their field ids carry the decision's place on the page.
        func actionField(_ n: Int, _ name: String) -> String { "action_\(n)_" + name }
        let erring = decisions.firstIndex { $0.decision.id == errorDecision }
        var body: [HNode] = [
            .if(!print, H.el("a", ["href": SiteURL.Decisions.meeting(m.id), "class": "back-link"], [.text("Back to the agenda")])),
            Form.errorSummary(erring.map { n in errors.map { FieldError(actionField(n, $0.field), $0.message) } } ?? errors, ctx),
            H.el("span", ["class": "caption"], [.text("\(space.name), \(DayText.long(m.day)), item \(item.position)")]),
            H.el("h1", ["class": "heading-xl"], [.text(item.title)]),
            .unwrap(source) {
                H.el(
                    "p", ["class": "lead"],
                    [.text("Briefing from \($0). What you see here is what you may see; another reader may see more or fewer insights.")])
            },
            .unwrap(item.notes) { H.el("p", [:], [.text($0)]) },
            .if(
                !print && briefing != nil,
                H.el(
                    "p", ["class": "actions no-print"],
                    [H.link("Print the briefing for committee papers", SiteURL.Decisions.itemPrint(item.id), class: "button button-secondary")])),
        ]
        if let briefing { body += BriefingView.render(briefing) }
        if access.canRun && !print {
            body.append(
                H.el(
                    "details", ["class": "details", "id": "attach-analysis", "open": e.message(for: "analysis_run_id") != nil ? "" : nil],
                    [
                        H.el("summary", [:], [.text(item.analysisRunID == nil ? "Attach an analysis" : "Change the analysis")]),
                        Form.post(
                            SiteURL.Decisions.itemAnalysis(item.id), ctx,
                            [
                                analysisField(
                                    page.analyses, value: input?["analysis_run_id"] ?? item.analysisRunID?.uuidString,
                                    error: e.message(for: "analysis_run_id")),
                                Form.button(item.analysisRunID == nil ? "Attach the analysis" : "Save", secondary: true),
                            ]),
                    ]))
        }
        if print {
            body.append(H.el("p", ["class": "hint"], [.text("Printed \(DayText.long(page.today)) from Chorus.")]))
            return Page(title: item.title, body: body, englishOnly: true)
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "decisions"], [.text("Decisions and actions")]))
        if decisions.isEmpty { body.append(H.el("p", ["class": "empty"], [.text("Nothing decided yet.")])) }
        for (n, d) in decisions.enumerated() {
            var block: [HNode] = [
                H.el("p", [:], [H.el("strong", [:], [.text("Decided \(DayText.long(d.decision.decided)): ")]), .text(d.decision.text)]),
                .if(
                    !d.links.isEmpty,
                    H.el(
                        "p", ["class": "hint"],
                        [.text("Prompted by: ")]
                            + d.links.enumerated().flatMap { i, l -> [HNode] in
                                [i > 0 ? .text("; ") : .empty, l.href.map { H.link(l.label, $0) } ?? .text(l.label)]
                            })),
                ActionViews.table(d.actions, caption: "Actions"),
            ]
            if page.canStartReports {
                block += d.links.compactMap(\.activity).map { a in
                    Form.post(
                        SiteURL.Feedback.create(a.id), ctx,
                        [Form.button("Start the \"You said, we did\" report for \(a.title)", secondary: true)], class: "inline-form")
                }
            }
            if access.canRun {
                let mine = errorDecision == d.decision.id
                func err(_ k: String) -> String? { mine ? e.message(for: k) : nil }
                func id(_ k: String) -> String { Form.fieldID(actionField(n, k)) }
                block.append(
                    H.el(
                        "details", ["class": "details", "open": mine ? "" : nil],
                        [
                            H.el("summary", [:], [.text("Add an action")]),
                            Form.post(
                                SiteURL.Decisions.actions(d.decision.id), ctx,
                                [
                                    Form.field(
                                        "title", label: "What will be done", control: .text(), value: mine ? input?["title"] : nil,
                                        error: err("title"), required: true,
                                        id: id("title")),
                                    Form.field(
                                        "owner_id", label: "Owner", control: .select(people, placeholder: "Choose"),
                                        value: mine ? input?["owner_id"] : nil,
                                        error: err("owner_id"), required: true, id: id("owner_id")),
                                    Form.field(
                                        "organisation_id", label: "Organisation (optional)",
                                        control: .select(organisations, placeholder: "The owner's organisation"),
                                        value: mine ? input?["organisation_id"] : nil, error: err("organisation_id"), id: id("organisation_id")),
                                    Form.field(
                                        "due_on", label: "Due date", control: .text(type: "date", width: "10"), value: mine ? input?["due_on"] : nil,
                                        error: err("due_on"),
                                        hint: "For example, 2027-06-30", required: true, id: id("due_on")),
                                    Form.field(
                                        "status", label: "Status",
                                        control: .select([.init("agreed", "Agreed"), .init("proposed", "Proposed")], placeholder: nil),
                                        value: mine ? input?["status"] : "agreed", error: err("status"), id: id("status")),
                                    Form.button("Add action", secondary: true),
                                ], class: "action-form"),
                        ]))
            }
            body.append(H.el("div", ["class": "panel", "id": "decision-\(d.decision.id.uuidString)"], block))
        }
        if access.canRun {
            let mine = errorDecision == nil && !errors.isEmpty
            func err(_ k: String) -> String? { mine ? e.message(for: k) : nil }
            body.append(
                H.el(
                    "div", ["class": "panel"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "record-decision"], [.text("Record a decision")]),
                        Form.post(
                            SiteURL.Decisions.decisions(item.id), ctx,
                            [
                                Form.field(
                                    "text", label: "What was decided", control: .textarea(rows: 4), value: mine ? input?["text"] : nil,
                                    error: err("text"), required: true),
                                Form.field(
                                    "decided_on", label: "Date decided", control: .text(type: "date", width: "10"),
                                    value: mine ? input?["decided_on"] : m.day.description, error: err("decided_on")),
                                .if(
                                    !activities.items.isEmpty,
                                    H.el(
                                        "fieldset", ["class": "fieldset"],
                                        [
                                            H.el("legend", ["class": "legend"], [.text("Other activities that prompted it (optional)")]),
                                            H.el(
                                                "p", ["class": "hint"],
                                                [
                                                    .text(
                                                        "The bundle, theme or analysis and the activities behind this briefing are linked already. Start typing an activity's title."
                                                    )
                                                ]),
                                            Picker.datalist("decision-activities", activities),
                                            .group(
                                                ActionService.activityFields.enumerated().map { n, name in
                                                    Picker.field(
                                                        name, label: "Activity \(n + 1)", choices: activities, selected: nil,
                                                        typed: mine ? input?[name] : nil, error: err(name), list: "decision-activities")
                                                }),
                                        ])),
                                Form.button("Record decision"),
                            ]),
                    ]))
        }
        return Page(title: item.title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }
}
