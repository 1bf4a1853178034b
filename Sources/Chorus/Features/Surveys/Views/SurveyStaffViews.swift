import Foundation
import ChorusCore

/// Staff's survey pages (English: staff pages are not translated, docs/development.md): the list, the settings form,
/// the builder overview, the preview, results, the paper copy and keying in.
enum SurveyStaffViews {
    static func statusTag(_ s: SurveyStatus) -> HNode {
        H.el("span", ["class": s == .open ? "tag" : "tag tag-grey"], [.text(s.rawValue)])
    }

    static func list(_ m: SurveyStaffPages.List, _ ctx: PageContext) -> Page {
        Page(
            title: "Surveys",
            body: [
                H.el("h1", ["class": "heading-xl"], [.text("Surveys")]),
                H.el("p", [:], [H.link("New survey", SiteURL.Surveys.new, class: "button")]),
                H.el(
                    "form", ["method": "get", "action": SiteURL.Surveys.list, "class": "filter-bar"],
                    [
                        Form.field(
                            "status", label: "Status",
                            control: .select(SurveyStatus.allCases.map { Form.Option($0.rawValue, $0.rawValue) }, placeholder: "Any"),
                            value: m.status?.rawValue, error: nil),
                        H.el("div", ["class": "filter-actions"], [Form.button("Filter", secondary: true)]),
                    ]),
                Lists.table(
                    m.rows,
                    columns: [
                        .init(header: "Survey") { H.link($0.info.title, SiteURL.Surveys.survey($0.info.id)) },
                        .init(header: "Activity") { .text($0.activityTitle) },
                        .init(header: "Status") { statusTag($0.info.status) },
                        .init(header: "Closes") { .text($0.info.closes.map(DayText.long) ?? "No date") },
                        .init(header: "Responses") { .text(NumberText.grouped($0.responses)) },
                    ], caption: "Surveys", empty: "No surveys yet."),
            ])
    }

    static func settingsFields(_ m: SurveyStaffPages.Form, _ ctx: PageContext) -> [HNode] {
        let e = ValidationFailure(m.errors)
        let s = m.survey
        func v(_ name: String, _ current: String?) -> String? { m.input?[name] ?? current }
        return [
            Form.field(
                "activity_id", label: "Activity",
                control: .select(m.activities.items.map { Form.Option($0.id.uuidString, $0.label) }, placeholder: "Choose"),
                value: v("activity_id", s?.activityID.uuidString), error: e.message(for: "activity_id"),
                hint: "The register activity this survey is part of: its plan, dates and privacy notice apply.", required: true),
            Form.field("title", label: "Title", control: .text(), value: v("title", s?.title), error: e.message(for: "title"), required: true),
            Form.field(
                "intro", label: "Introduction", control: .textarea(rows: 5), value: v("intro", s?.intro), error: e.message(for: "intro"),
                hint: "What the survey is about, how the answers will be used and how long it takes.", required: true),
            Form.field(
                "response_mode", label: "Who can answer",
                control: .select(SurveyResponseMode.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil),
                value: v("response_mode", s?.mode.rawValue), error: e.message(for: "response_mode")),
            Form.field(
                "closes_on", label: "Closing date (optional)", control: .text(type: "date", width: "10"),
                value: v("closes_on", s?.closes?.description),
                error: e.message(for: "closes_on"), hint: "The last day answers are taken. For example, 2027-03-31."),
            Form.checkbox(
                "ask_equality", label: "Ask the equality monitoring questions at the end",
                checked: Input.isTrue(v("ask_equality", s.map { $0.askEquality ? "true" : "" })),
                hint: "Optional for residents, kept apart from their answers and shown only as counts of 5 or more."),
        ]
    }

    static func form(_ m: SurveyStaffPages.Form, _ ctx: PageContext) -> Page {
        Page(
            title: "New survey",
            body: [
                H.el("a", ["href": SiteURL.Surveys.list, "class": "back-link"], [.text("Surveys")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("New survey")]),
                Form.post(SiteURL.Surveys.new, ctx, settingsFields(m, ctx) + [Form.button("Create survey")]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func conditionText(_ c: SurveyCondition) -> String {
        "when \(c.question) \(c.test == .isOneOf ? "is one of" : c.test.rawValue) \(c.values.joined(separator: ", "))"
    }

    static func overview(_ m: SurveyStaffPages.Overview, _ ctx: PageContext) -> Page {
        let s = m.survey
        let e = ValidationFailure(m.errors)
        let numbers = s.definition.numbers
        let pages: [HNode] = s.definition.pages.enumerated().map { i, page in
            H.el(
                "section", ["class": "panel", "aria-labelledby": "page-\(i + 1)"],
                [
                    H.el(
                        "h3", ["class": "heading-m", "id": "page-\(i + 1)"],
                        [.text("Page \(i + 1) (\(page.id))" + (page.title.map { ": " + $0 } ?? ""))]),
                    H.el(
                        "ol", ["class": "plain-list"],
                        page.questions.map { q in
                            H.el(
                                "li", ["class": "survey-question"],
                                [
                                    H.el(
                                        "p", [:],
                                        [
                                            H.el("strong", [:], [.text((numbers[q.id].map { "\($0). " } ?? "") + q.text)]),
                                            .text(
                                                " — \(q.kind.rawValue.replacingOccurrences(of: "_", with: " ")), id \(q.id)"
                                                    + (q.required ? ", required" : "")),
                                        ]),
                                    .if(!q.options.isEmpty, H.el("p", ["class": "hint"], [.text("Answers: " + q.options.joined(separator: " · "))])),
                                    .unwrap(q.rows) { H.el("p", ["class": "hint"], [.text("Rows: " + $0.joined(separator: " · "))]) },
                                    .unwrap(q.showIf) { H.el("p", ["class": "hint"], [.text("Shown only " + conditionText($0))]) },
                                    .if(
                                        m.canEdit,
                                        Form.post(
                                            SiteURL.Surveys.removeQuestion(s.id, q.id), ctx,
                                            [Form.button("Remove question \(q.id)", secondary: true)],
                                            class: "inline-form")),
                                ])
                        }),
                    .if(
                        !page.skips.isEmpty,
                        H.el(
                            "ul", ["class": "list"],
                            page.skips.map { r in
                                H.el("li", [:], [.text("Skip to \(r.toPage.map { "page \($0)" } ?? "the end") " + conditionText(r.when))])
                            })),
                ])
        }
        let kinds = SurveyQuestion.Kind.allCases.map { Form.Option($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }
        let builder: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "add"], [.text("Add a question")]),
            Form.post(
                SiteURL.Surveys.questions(s.id), ctx,
                [
                    Form.field(
                        "kind", label: "Kind of question", control: .select(kinds, placeholder: "Choose"), value: m.input?["kind"],
                        error: e.message(for: "kind")),
                    Form.field("text", label: "Question", control: .text(), value: m.input?["text"], error: e.message(for: "text")),
                    Form.field("hint", label: "Hint (optional)", control: .text(), value: m.input?["hint"], error: e.message(for: "hint")),
                    Form.field(
                        "info", label: "More information (optional)", control: .textarea(rows: 3), value: m.input?["info"],
                        error: e.message(for: "info"),
                        hint: "Background facts residents can open under the question."),
                    Form.field(
                        "options", label: "Answers to choose from, one a line", control: .textarea(rows: 4), value: m.input?["options"],
                        error: e.message(for: "options"), hint: "For choices, rankings, scales (default 1 to 5) and the scale of a grid."),
                    Form.field(
                        "rows", label: "Grid rows, one a line", control: .textarea(rows: 3), value: m.input?["rows"], error: e.message(for: "rows")),
                    Form.checkbox("required", label: "An answer is required", checked: Input.isTrue(m.input?["required"])),
                    Form.checkbox("allow_other", label: "Offer \"Other, please say\"", checked: Input.isTrue(m.input?["allow_other"])),
                    Form.field(
                        "page", label: "Page",
                        control: .select(
                            s.definition.pages.map { Form.Option($0.id, "Page \($0.id)") } + [Form.Option("new", "A new page at the end")],
                            placeholder: nil),
                        value: m.input?["page"] ?? s.definition.pages.last?.id, error: e.message(for: "page")),
                    Form.field(
                        "show_if_question", label: "Show only when question (id, optional)", control: .text(width: "10"),
                        value: m.input?["show_if_question"],
                        error: e.message(for: "show_if_question"), hint: "An earlier question with set answers, for example q2."),
                    Form.field(
                        "show_if_test", label: "Condition",
                        control: .select(
                            SurveyCondition.Test.allCases.map { Form.Option($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) },
                            placeholder: "Choose"),
                        value: m.input?["show_if_test"], error: e.message(for: "show_if_test")),
                    Form.field(
                        "show_if_values", label: "Answers that show it, one a line", control: .textarea(rows: 2), value: m.input?["show_if_values"],
                        error: e.message(for: "show_if_values")),
                    Form.button("Add question"),
                ]),
            H.el("h2", ["class": "heading-m", "id": "import"], [.text("Import or export the definition")]),
            H.el("p", [:], [H.link("Download the definition (JSON)", SiteURL.Surveys.definition(s.id))]),
            Form.post(
                SiteURL.Surveys.definition(s.id), ctx,
                [
                    Form.field(
                        "definition", label: "Definition (JSON)", control: .textarea(rows: 8), value: m.input?["definition"],
                        error: e.message(for: "definition"), hint: "Replaces every page and question. Conditions and skips are checked first."),
                    Form.button("Import definition", secondary: true),
                ]),
        ]
        let settings = SurveyStaffPages.Form(
            survey: s, activities: PickerChoices([(id: s.activityID, label: m.activityTitle)]), errors: m.errors, input: m.input)
        let lifecycle: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "status"], [.text("Publishing")]),
            .if(
                e.message(for: "publish") != nil,
                H.el("p", ["class": "error-message", "id": Form.fieldID("publish")], [.text(e.message(for: "publish") ?? "")])),
            .if(
                s.status != .open,
                Form.post(SiteURL.Surveys.publish(s.id), ctx, [Form.button(s.status == .draft ? "Publish" : "Open again without a new date")])),
            .if(s.status == .open, Form.post(SiteURL.Surveys.close(s.id), ctx, [Form.button("Close now", warning: true)])),
            .if(
                s.status != .draft,
                Form.post(
                    SiteURL.Surveys.reopen(s.id), ctx,
                    [
                        H.el("h3", ["class": "heading-s"], [.text(s.status == .open ? "Extend" : "Reopen")]),
                        Form.field(
                            "closes_on", label: "New closing date", control: .text(type: "date", width: "10"), value: nil,
                            error: e.message(for: "closes_on"),
                            id: "f-reopen-closes-on"),
                        Form.field(
                            "reason", label: "Reason (kept in the audit log)", control: .textarea(rows: 2), value: m.input?["reason"],
                            error: e.message(for: "reason")),
                        Form.button(s.status == .open ? "Extend" : "Reopen", secondary: true),
                    ])),
            Form.post(SiteURL.Surveys.duplicate(s.id), ctx, [Form.button("Duplicate as a new draft", secondary: true)]),
        ]
        return Page(
            title: s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.list, "class": "back-link"], [.text("Surveys")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
                H.el(
                    "dl", ["class": "summary-list"],
                    [
                        H.el("dt", [:], [.text("Status")]), H.el("dd", [:], [statusTag(s.status)]),
                        H.el("dt", [:], [.text("Activity")]), H.el("dd", [:], [H.link(m.activityTitle, SiteURL.Register.show(s.activityID))]),
                        H.el("dt", [:], [.text("Who can answer")]), H.el("dd", [:], [.text(s.mode.label)]),
                        H.el("dt", [:], [.text("Closes")]), H.el("dd", [:], [.text(s.closes.map(DayText.long) ?? "No date set")]),
                        H.el("dt", [:], [.text("Responses")]),
                        H.el(
                            "dd", [:], [.text("\(NumberText.grouped(m.responses)) submitted, \(NumberText.grouped(m.drafts)) started and not sent")]),
                        H.el("dt", [:], [.text("Public page")]), H.el("dd", [:], [H.link(SiteURL.Surveys.start(s.id), SiteURL.Surveys.start(s.id))]),
                    ]),
                H.el(
                    "ul", ["class": "plain-list actions"],
                    [
                        H.el("li", [:], [H.link("Preview as a resident", SiteURL.Surveys.preview(s.id))]),
                        H.el("li", [:], [H.link("Printable paper copy", SiteURL.Surveys.paper(s.id))]),
                        .if(m.canRead, H.el("li", [:], [H.link("Results", SiteURL.Surveys.results(s.id))])),
                        .if(m.canRead, H.el("li", [:], [H.link("Key in a paper or phone response", SiteURL.Surveys.keyIn(s.id))])),
                        .if(m.canRead, H.el("li", [:], [H.link("Download responses (CSV)", SiteURL.Surveys.csv(s.id))])),
                        .if(m.canRead, H.el("li", [:], [H.link("Download responses (JSON lines)", SiteURL.Surveys.json(s.id))])),
                    ]),
                .if(
                    !m.problems.isEmpty,
                    H.el(
                        "div", ["class": "warning-panel"],
                        [
                            H.el("h2", ["class": "heading-m"], [.text("To fix before publishing")]),
                            H.el("ul", ["class": "list"], m.problems.map { H.el("li", [:], [.text($0)]) }),
                        ])),
                H.el("h2", ["class": "heading-m"], [.text("Pages and questions")]),
                .group(pages),
                .if(m.canEdit, .group(builder)),
                .if(m.canEdit, .group(lifecycle)),
                .if(
                    m.canEdit,
                    .group([
                        H.el("h2", ["class": "heading-m", "id": "settings"], [.text("Settings")]),
                        Form.post(
                            SiteURL.Surveys.settings(s.id), ctx, settingsFields(settings, ctx) + [Form.button("Save settings", secondary: true)]),
                    ])),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest, notice: m.notice)
    }

    /// Every page as a resident sees it, one after another, with nothing to send.
    static func preview(_ s: SurveyService.Info, _ ctx: PageContext) -> Page {
        let numbers = s.definition.numbers
        return Page(
            title: "Preview: " + s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id), "class": "back-link"], [.text("Back to the survey")]),
                H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
                H.el("p", ["class": "lead"], [.text(s.intro)]),
            ]
                + s.definition.pages.enumerated().map { i, page in
                    H.el(
                        "section", ["class": "panel", "aria-label": "Page \(i + 1)"],
                        [
                            H.el(
                                "h2", ["class": "heading-m"],
                                [.text("Page \(i + 1) of \(s.definition.pages.count)" + (page.title.map { ": " + $0 } ?? ""))])
                        ]
                            + page.questions.map { q in
                                .group([
                                    .unwrap(q.showIf) { H.el("p", ["class": "hint"], [.text("Shown only " + conditionText($0))]) },
                                    SurveyQuestionView.control(
                                        SurveyPages.Question(question: q, number: numbers[q.id], order: q.options, values: [:], problem: nil),
                                        error: nil, ctx),
                                ])
                            })
                })
    }

    static func results(_ m: SurveyStaffPages.Results, _ ctx: PageContext) -> Page {
        let s = m.survey
        let e = ValidationFailure(m.errors)
        let small = m.tally.responses > 0 && m.tally.responses < 5
        func pct(_ n: Int, _ of: Int) -> String { of == 0 ? "–" : String(format: "%.0f%%", Double(n) / Double(of) * 100) }
        func countsTable(_ counts: [SurveyTally.Count], of: Int, caption: String) -> HNode {
            let shown = SmallNumberTable.suppress(counts.map(\.count), totalShown: true)
            let rows = Array(zip(counts, shown))
            return Lists.table(
                rows,
                columns: [
                    .init(header: "Answer") { .text($0.0.value == SurveyAnswers.otherValue ? "Other" : $0.0.value) },
                    .init(header: "Count") { .text($0.1.text()) },
                    .init(header: "Share of those answering") { $0.1.isHidden ? .text("–") : .text(pct($0.0.count, of)) },
                ], caption: caption, empty: "No answers.")
        }
        let questions: [HNode] = m.tally.questions.map { t in
            let q = t.question
            var parts: [HNode] = [
                H.el("h3", ["class": "heading-m"], [.text("\(t.number). \(q.text)")]),
                H.el("p", ["class": "hint"], [.text("\(SmallNumberTable.total(t.answered).text()) answered")]),
            ]
            if small {
                parts.append(H.el("p", [:], [.text("Fewer than 5 responses: counts are not shown.")]))
            } else {
                switch q.kind {
                case .shortText, .longText:
                    parts.append(H.el("p", [:], [.text("Free-text answers become insights of the activity; see their themes in the analysis.")]))
                case .number:
                    if let lo = t.numbers.first, let hi = t.numbers.last, let median = t.median, t.numbers.count >= 5 {
                        parts.append(H.el("p", [:], [.text("Lowest \(lo.formatted()), median \(median.formatted()), highest \(hi.formatted())")]))
                    }
                case .ranking:
                    parts.append(
                        Lists.table(
                            t.meanRanks.enumerated().map { $0 },
                            columns: [
                                .init(header: "Place") { .text(String($0.offset + 1)) }, .init(header: "Option") { .text($0.element.option) },
                                .init(header: "Average rank") { .text(String(format: "%.2f", $0.element.mean)) },
                            ], caption: q.text, empty: "No complete rankings."))
                case .grid:
                    for row in t.rows {
                        parts.append(H.el("h4", ["class": "heading-s"], [.text(row.row)]))
                        parts.append(countsTable(row.counts, of: row.counts.map(\.count).reduce(0, +), caption: row.row))
                    }
                case .date, .section: break
                default:
                    let shown = SmallNumberTable.suppress(t.counts.map(\.count), totalShown: true)
                    if !shown.contains(where: \.isHidden) && t.answered > 0 {
                        parts.append(
                            SVGChart.bars(
                                t.counts.map { SVGChart.Bar(label: $0.value == SurveyAnswers.otherValue ? "Other" : $0.value, value: $0.count) },
                                id: "chart-\(q.id)", title: q.text, description: "How many chose each answer; the table below gives the numbers."))
                    }
                    parts.append(countsTable(t.counts, of: t.answered, caption: q.text))
                }
            }
            return H.el("section", ["class": "survey-result"], parts)
        }
        return Page(
            title: "Results: " + s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id), "class": "back-link"], [.text("Back to the survey")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Results: " + s.title)]),
                H.el(
                    "form", ["method": "get", "action": SiteURL.Surveys.results(s.id), "class": "filter-bar"],
                    [
                        Form.field(
                            "ward", label: "Ward", control: .select(m.wards.map { Form.Option($0.code, $0.name) }, placeholder: "All wards"),
                            value: m.ward?.code, error: nil),
                        .if(
                            s.askEquality,
                            Form.field(
                                "group", label: "Equality group",
                                control: .select(SurveyStaffPages.groups.map { Form.Option($0.code, $0.label) }, placeholder: "Everyone"),
                                value: m.group?.code, error: nil)),
                        H.el("div", ["class": "filter-actions"], [Form.button("Filter", secondary: true)]),
                    ]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "\(SmallNumberTable.total(m.tally.responses).text()) responses" + (m.ward.map { " in \($0.name)" } ?? "")
                                + (m.group.map { " from \($0.label)" } ?? "")
                                + "; \(NumberText.grouped(m.insights)) free-text answers in the insight store.")
                    ]),
                H.el("p", [:], [H.link("Download responses (CSV)", SiteURL.Surveys.csv(s.id))]),
            ] + questions + [
                .if(
                    m.canSummarise,
                    .group([
                        H.el("h2", ["class": "heading-m", "id": "summary"], [.text("Results summary for residents")]),
                        Form.post(
                            SiteURL.Surveys.summary(s.id), ctx,
                            [
                                Form.field(
                                    "summary", label: "Summary", control: .textarea(rows: 6), value: s.resultsSummary,
                                    error: e.message(for: "summary"),
                                    hint: "Shown on the survey's public page once published."),
                                Form.checkbox("publish", label: "Publish it on the survey's public page", checked: s.resultsPublished),
                                Form.button("Save summary"),
                            ]),
                    ]))
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// A printable blank copy, numbered as keyed in: boxes to tick, lines to write on, and the conditions written
    /// out as instructions.
    static func paper(_ s: SurveyService.Info, _ ctx: PageContext) -> Page {
        let numbers = s.definition.numbers
        func box(_ text: String) -> HNode { H.el("li", [:], [.text("☐ " + text)]) }
        return Page(
            title: "Paper copy: " + s.title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
                H.el("p", [:], [.text(s.intro)]),
                .unwrap(s.closes) { H.el("p", [:], [.text("Please return by \(DayText.long($0)).")]) },
            ]
                + s.definition.questions.map { q in
                    guard let n = numbers[q.id] else { return H.el("h2", ["class": "heading-m"], [.text(q.text)]) }
                    var parts: [HNode] = [H.el("h2", ["class": "heading-s"], [.text("\(n). \(q.text)" + (q.required ? "" : " (optional)"))])]
                    if let c = q.showIf {
                        parts.append(
                            H.el(
                                "p", ["class": "hint"],
                                [
                                    .text(
                                        "Answer only if your answer to question \(numbers[c.question] ?? 0) was \(c.values.joined(separator: " or "))."
                                    )
                                ]))
                    }
                    if let h = q.hint { parts.append(H.el("p", ["class": "hint"], [.text(h)])) }
                    switch q.kind {
                    case .singleChoice, .scale, .agree:
                        parts.append(
                            H.el("p", ["class": "hint"], [.text(q.kind == .agree ? "Tick to agree." : "Tick one.")]))
                        parts.append(
                            H.el(
                                "ul", ["class": "plain-list"],
                                (q.kind == .agree ? ["I agree"] : q.options).map(box)
                                    + (q.allowOther == true ? [box("Other, please say: ____________")] : [])))
                    case .multipleChoice:
                        parts.append(H.el("p", ["class": "hint"], [.text("Tick all that apply.")]))
                        parts.append(
                            H.el(
                                "ul", ["class": "plain-list"],
                                q.options.map(box) + (q.allowOther == true ? [box("Other, please say: ____________")] : [])))
                    case .ranking:
                        parts.append(H.el("p", ["class": "hint"], [.text("Number them 1 to \(q.options.count), 1 first.")]))
                        parts.append(H.el("ul", ["class": "plain-list"], q.options.map { H.el("li", [:], [.text("[   ] " + $0)]) }))
                    case .grid:
                        parts.append(
                            Lists.table(
                                q.rows ?? [],
                                columns: [.init(header: "") { .text($0) }] + q.options.map { o in .init(header: o) { _ in .text("☐") } },
                                caption: q.text,
                                empty: ""))
                    case .date: parts.append(H.el("p", [:], [.text("Day ____  Month ____  Year ________")]))
                    case .ward: parts.append(H.el("p", [:], [.text("Postcode or ward: ______________________")]))
                    case .number: parts.append(H.el("p", [:], [.text("Number: ____________")]))
                    case .shortText: parts.append(H.el("p", [:], [.text("__________________________________________")]))
                    case .longText: parts.append(H.el("div", ["class": "panel paper-lines"], [.text(String(repeating: "\u{00A0}\n", count: 6))]))
                    case .section: break
                    }
                    return H.el("section", ["class": "paper-question"], parts)
                })
    }

    /// `keyed`: the reference of the response just saved, to confirm it.
    static func keyIn(_ s: SurveyService.Info, form: [String: [String]], errors: [FieldError], keyed: String? = nil, _ ctx: PageContext) -> Page {
        let byField = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        return Page(
            title: "Key in a response: " + s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id), "class": "back-link"], [.text("Back to the survey")]),
                Form.errorSummary(errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Key in a paper or phone response")]),
                .unwrap(keyed) {
                    H.el("div", ["class": "notice"], [.text("Response \($0) saved. Key in the next one below.")])
                },
                H.el("p", [:], [.text("Type the answers as written, numbered as on the paper copy. Leave out questions the respondent skipped.")]),
                Form.post(
                    SiteURL.Surveys.keyIn(s.id), ctx,
                    [
                        Form.field(
                            "channel", label: "How it came",
                            control: .select([Form.Option("paper", "On paper"), Form.Option("phone", "By phone")], placeholder: "Choose"),
                            value: form["channel"]?.first, error: byField["channel"])
                    ]
                        + s.definition.numbered.map { n, q in
                            SurveyQuestionView.control(
                                SurveyPages.Question(question: q, number: n, order: q.options, values: form, problem: nil),
                                error: byField[SurveyAnswers.field(q)], ctx)
                        } + [Form.button("Save response")]),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }
}
