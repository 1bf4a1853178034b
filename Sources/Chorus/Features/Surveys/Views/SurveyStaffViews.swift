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

    /// The survey's pages as choices ("Page p2"), for the question, skip-rule and "go to" selects.
    static func pageOptions(_ pages: [SurveyPage]) -> [Form.Option] { pages.map { Form.Option($0.id, "Page \($0.id)") } }

    /// Equals / includes / is one of, for a question's condition and a skip rule.
    static let testOptions = SurveyCondition.Test.allCases.map { Form.Option($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }

    /// The builder's question form, for adding and for editing: every setting a question kind has, and the condition.
    static func questionFields(_ input: Input?, _ e: ValidationFailure, pages: [SurveyPage], defaultPage: String?) -> [HNode] {
        let kinds = SurveyQuestion.Kind.allCases.map { Form.Option($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }
        func text(_ name: String, _ label: String, hint: String? = nil, width: String? = nil) -> HNode {
            Form.field(
                name, label: label, control: width.map { .text(width: $0) } ?? .text(), value: input?[name], error: e.message(for: name), hint: hint)
        }
        func area(_ name: String, _ label: String, rows: Int, hint: String? = nil) -> HNode {
            Form.field(name, label: label, control: .textarea(rows: rows), value: input?[name], error: e.message(for: name), hint: hint)
        }
        return [
            Form.field(
                "kind", label: "Kind of question", control: .select(kinds, placeholder: "Choose"), value: input?["kind"],
                error: e.message(for: "kind")),
            text("text", "Question"),
            text("hint", "Hint (optional)"),
            area("info", "More information (optional)", rows: 3, hint: "Background facts residents can open under the question."),
            area(
                "options", "Answers to choose from, one a line", rows: 4,
                hint: "For choices, rankings, scales (default 1 to 5) and the scale of a grid. Answers and exports keep this wording."),
            area("rows", "Grid rows, one a line", rows: 3),
            Form.checkbox("required", label: "An answer is required", checked: Input.isTrue(input?["required"])),
            Form.checkbox("allow_other", label: "Offer \"Other, please say\"", checked: Input.isTrue(input?["allow_other"])),
            Form.checkbox(
                "shuffle", label: "Show the answers in a different order to each resident", checked: Input.isTrue(input?["shuffle"]),
                hint: "Choices and rankings. Each resident keeps their order when they go back."),
            H.el(
                "fieldset", ["class": "fieldset"],
                [
                    H.el("legend", ["class": "legend legend-s"], [.text("Limits (optional)")]),
                    text("min_picks", "Fewest picks (multiple choice)", width: "4"),
                    text("max_picks", "Most picks (multiple choice)", width: "4"),
                    text("max_length", "Character limit (text; default 500 for short, 5000 for long)", width: "5"),
                    text("min_value", "Lowest number (number)", width: "10"),
                    text("max_value", "Highest number (number)", width: "10"),
                    text("low_label", "Words at the low end (scale)", hint: "For example, Very poor."),
                    text("high_label", "Words at the high end (scale)", hint: "For example, Very good."),
                ]),
            Form.field(
                "page", label: "Page",
                control: .select(pageOptions(pages) + [Form.Option("new", "A new page at the end")], placeholder: nil),
                value: input?["page"] ?? defaultPage, error: e.message(for: "page")),
            text(
                "show_if_question", "Show only when question (id, optional)", hint: "An earlier question with set answers, for example q2.",
                width: "10"),
            Form.field(
                "show_if_test", label: "Condition",
                control: .select(
                    testOptions,
                    placeholder: "Choose"
                ),
                value: input?["show_if_test"], error: e.message(for: "show_if_test")),
            area("show_if_values", "Answers that show it, one a line", rows: 2),
        ]
    }

    /// Edit, move up or down, and remove: each named with the question's id for a screen reader's list of controls.
    static func questionActions(_ id: UUID, _ q: String, _ ctx: PageContext) -> HNode {
        H.el(
            "div", ["class": "survey-question-actions"],
            [
                H.link("Edit question \(q)", SiteURL.Surveys.question(id, q)),
                Form.post(
                    SiteURL.Surveys.moveQuestion(id, q), ctx,
                    [H.void("input", ["type": "hidden", "name": "direction", "value": "up"]), Form.button("Move \(q) up", secondary: true)],
                    class: "inline-form"),
                Form.post(
                    SiteURL.Surveys.moveQuestion(id, q), ctx,
                    [H.void("input", ["type": "hidden", "name": "direction", "value": "down"]), Form.button("Move \(q) down", secondary: true)],
                    class: "inline-form"),
                Form.post(SiteURL.Surveys.removeQuestion(id, q), ctx, [Form.button("Remove question \(q)", secondary: true)], class: "inline-form"),
            ])
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
                                "li", ["class": "survey-question", "id": "q-" + q.id],
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
                                    .if(m.canEdit, questionActions(s.id, q.id, ctx)),
                                ])
                        }),
                    .if(
                        !page.skips.isEmpty,
                        H.el(
                            "ul", ["class": "list"],
                            page.skips.enumerated().map { n, r in
                                H.el(
                                    "li", [:],
                                    [
                                        .text("Skip rule \(n + 1): skip to \(r.toPage.map { "page \($0)" } ?? "the end") " + conditionText(r.when)),
                                        .if(
                                            m.canEdit,
                                            Form.post(
                                                SiteURL.Surveys.removeSkip(s.id, page: page.id, n + 1), ctx,
                                                [Form.button("Remove skip rule \(n + 1) of page \(page.id)", secondary: true)], class: "inline-form")),
                                    ])
                            })),
                ])
        }
        let builder: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "add"], [.text("Add a question")]),
            Form.post(
                SiteURL.Surveys.questions(s.id), ctx,
                questionFields(m.input, e, pages: s.definition.pages, defaultPage: s.definition.pages.last?.id) + [Form.button("Add question")]),
            H.el("h2", ["class": "heading-m", "id": "skip"], [.text("Add a skip rule")]),
            H.el(
                "p", [:],
                [
                    .text(
                        "When residents leave a page, the first of its skip rules that holds sends them on to a later page or to the end. "
                            + "A rule can look at any answer on its page or before it.")
                ]),
            Form.post(
                SiteURL.Surveys.skips(s.id), ctx,
                [
                    Form.field(
                        "skip_page", label: "On leaving page",
                        control: .select(pageOptions(s.definition.pages), placeholder: "Choose"),
                        value: m.input?["skip_page"], error: e.message(for: "skip_page")),
                    Form.field(
                        "skip_question", label: "When question (id)", control: .text(width: "10"), value: m.input?["skip_question"],
                        error: e.message(for: "skip_question"), hint: "A question with set answers, for example q1."),
                    Form.field(
                        "skip_test", label: "Condition",
                        control: .select(
                            testOptions,
                            placeholder: "Choose"),
                        value: m.input?["skip_test"], error: e.message(for: "skip_test")),
                    Form.field(
                        "skip_values", label: "Answers, one a line", control: .textarea(rows: 2), value: m.input?["skip_values"],
                        error: e.message(for: "skip_values")),
                    Form.field(
                        "skip_to", label: "Go to",
                        control: .select(
                            pageOptions(s.definition.pages) + [Form.Option("end", "The end of the survey")],
                            placeholder: "Choose"),
                        value: m.input?["skip_to"], error: e.message(for: "skip_to")),
                    Form.button("Add skip rule"),
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
                translations(s, canEdit: m.canEdit, ctx),
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

    /// The survey's languages: how far each translation has got, a link to translate and to preview it.
    static func translations(_ s: SurveyService.Info, canEdit: Bool, _ ctx: PageContext) -> HNode {
        let others = UILanguage.all.filter { $0.code != SurveyService.sourceLanguage }
        return .group([
            H.el("h2", ["class": "heading-m", "id": "translations"], [.text("Languages")]),
            H.el(
                "p", [:],
                [
                    .text(
                        "Residents who read another language see the survey in it once every text is translated from the current wording; "
                            + "until then they see it in English, marked as such. Answers are the same whichever language was used.")
                ]),
            Lists.table(
                others,
                columns: [
                    .init(header: "Language") { H.el("span", ["lang": $0.code, "dir": $0.dir], [.text($0.nativeName)]) },
                    .init(header: "Translated") { lang in
                        let p = SurveyTranslations.progress(s.definition, title: s.title, intro: s.intro, language: lang.code)
                        return .text(
                            "\(p.current) of \(p.total)" + (p.outOfDate > 0 ? ", \(p.outOfDate) out of date" : "")
                                + (p.complete ? " (shown to residents)" : ""))
                    },
                    .init(header: "Actions") { lang in
                        .group([
                            .if(canEdit, H.link("Translate into \(lang.code)", SiteURL.Surveys.translation(s.id, lang.code))),
                            .if(canEdit, .text(" · ")),
                            H.link("Preview in \(lang.code)", SiteURL.Surveys.preview(s.id, language: lang.code)),
                        ])
                    },
                ], caption: "Translations", empty: "Chorus ships no other languages yet."),
        ])
    }

    /// "Edit question": the builder's form filled in, with what the change can affect.
    static func question(_ m: SurveyStaffPages.QuestionForm, _ ctx: PageContext) -> Page {
        let s = m.survey
        let e = ValidationFailure(m.errors)
        let name = m.number.map { "question \($0)" } ?? "section text"
        return Page(
            title: "Edit \(name) (\(m.question.id))",
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id) + "#q-" + m.question.id, "class": "back-link"], [.text("Back to the survey")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("Edit \(name) (\(m.question.id))")]),
                H.el(
                    "p", [:],
                    [
                        .text(
                            "The id \(m.question.id) stays the same, so conditions and skips that name it keep working. Removing or renaming an answer "
                                + "that a condition names is refused, saying which. Responses already sent keep the answers as they were worded.")
                    ]),
                Form.post(
                    SiteURL.Surveys.question(s.id, m.question.id), ctx,
                    questionFields(m.input, e, pages: s.definition.pages, defaultPage: nil) + [Form.button("Save question")]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// Every text beside a box for its translation: the English shown first, the box marked with the language so the
    /// translator types right to left where the language does, and texts whose English changed since marked.
    static func translation(_ m: SurveyStaffPages.Translation, _ ctx: PageContext) -> Page {
        let s = m.survey
        let e = ValidationFailure(m.errors)
        let lang = m.language
        let fields: [HNode] = m.texts.enumerated().map { i, t in
            let field = SurveyService.translationField(i)
            let kept = m.kept[t.key]
            let outOfDate = kept.map { $0.source != t.source } ?? false
            let value = m.typed?[t.key] ?? kept?.text
            let id = Form.fieldID(field)
            let error = e.message(for: field)
            let control: HNode =
                t.multiline || t.source.count > 80
                ? H.el(
                    "textarea",
                    [
                        "id": id, "name": field, "rows": "3", "lang": lang.code, "dir": lang.dir,
                        "class": "textarea" + (error == nil ? "" : " input-error"),
                        "aria-describedby": id + "-source",
                    ], [.text(value ?? "")])
                : H.void(
                    "input",
                    [
                        "type": "text", "id": id, "name": field, "value": value ?? "", "lang": lang.code, "dir": lang.dir,
                        "class": "input" + (error == nil ? "" : " input-error"), "aria-describedby": id + "-source",
                    ])
            return H.el(
                "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                [
                    H.el("label", ["for": id, "class": "label"], [.text(t.label)]),
                    H.el(
                        "p", ["class": "hint survey-source", "id": id + "-source", "lang": SurveyService.sourceLanguage, "dir": "ltr"],
                        [.text(t.source)]),
                    .if(
                        outOfDate,
                        H.el(
                            "p", ["class": "warning-text"],
                            [
                                .text(
                                    "The English has changed since this was translated from: “\(kept?.source ?? "")”. Check the translation and save."
                                )
                            ])),
                    .unwrap(error) { H.el("p", ["class": "error-message", "id": id + "-error"], [.text($0)]) },
                    control,
                    H.void("input", ["type": "hidden", "name": field + "-key", "value": t.key]),
                    H.void("input", ["type": "hidden", "name": field + "-source", "value": t.source]),
                ])
        }
        let p = m.progress
        return Page(
            title: "Translate into \(lang.code): " + s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id) + "#translations", "class": "back-link"], [.text("Back to the survey")]),
                Form.errorSummary(m.errors, ctx),
                H.el(
                    "h1", ["class": "heading-xl"],
                    [
                        .text("Translate into "), H.el("span", ["lang": lang.code, "dir": lang.dir], [.text(lang.nativeName)]),
                        .text(" (\(lang.code))"),
                    ]),
                H.el(
                    "p", [:],
                    [
                        .text(
                            "\(p.current) of \(p.total) texts translated" + (p.outOfDate > 0 ? ", \(p.outOfDate) out of date" : "") + ". "
                                + "Residents see this language once every text is translated; leave a box empty to translate it later. "
                                + "Answers keep the English wording, so results and exports are the same whichever language residents use.")
                    ]),
                Form.post(SiteURL.Surveys.translation(s.id, lang.code), ctx, fields + [Form.button("Save translation")]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// Every page as a resident sees it, one after another, with nothing to send. `asked`: the language a preview in
    /// another language was asked for (shown in English, saying so, until that translation is complete).
    static func preview(_ s: SurveyService.Info, asked: UILanguage? = nil, _ ctx: PageContext) -> Page {
        let numbers = s.definition.numbers
        func w(_ text: String) -> HNode { SurveyQuestionView.wording(text, s.language, ctx) }
        return Page(
            title: "Preview: " + s.title,
            body: [
                H.el("a", ["href": SiteURL.Surveys.survey(s.id), "class": "back-link"], [.text("Back to the survey")]),
                .unwrap(asked.flatMap { $0.code == s.language ? nil : $0 }) { lang in
                    H.el(
                        "p", ["class": "notice"],
                        [.text("The \(lang.code) translation is not complete, so residents who read it see the survey in English, as below.")])
                },
                H.el("h1", ["class": "heading-xl"], [w(s.title)]),
                H.el("p", ["class": "lead"], [w(s.intro)]),
            ]
                + s.definition.pages.enumerated().map { i, page in
                    H.el(
                        "section", ["class": "panel", "aria-label": "Page \(i + 1)"],
                        [
                            H.el(
                                "h2", ["class": "heading-m"],
                                [.text("Page \(i + 1) of \(s.definition.pages.count)" + (page.title == nil ? "" : ": ")), w(page.title ?? "")])
                        ]
                            + page.questions.map { q in
                                .group([
                                    .unwrap(q.showIf) { H.el("p", ["class": "hint"], [.text("Shown only " + conditionText($0))]) },
                                    SurveyQuestionView.control(
                                        SurveyPages.Question(
                                            question: q, number: numbers[q.id], order: q.options, values: [:], problem: nil, language: s.language),
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
                    parts.append(
                        H.el(
                            "p", [:],
                            [
                                .text("Written answers become insights of the activity: their themes are under "),
                                H.link("Themes in the written answers", "#themes"), .text("."),
                            ]))
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
                themes(m, ctx),
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
                    ])),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// What the written answers are about: the newest analysis of the activity's insights the reader may see, its
    /// themes largest first, and a button that analyses the survey's answers (again).
    static func themes(_ m: SurveyStaffPages.Results, _ ctx: PageContext) -> HNode {
        let s = m.survey
        let analyse: HNode = .if(
            m.canAnalyse && m.insights > 0,
            Form.post(
                SiteURL.Analysis.create, ctx,
                [
                    H.void("input", ["type": "hidden", "name": "title", "value": "Survey answers: " + String(s.title.prefix(150))]),
                    H.void(
                        "input",
                        ["type": "hidden", "name": "query", "value": "activity=\(s.activityID.uuidString)&kind=\(InsightKind.surveyAnswer.rawValue)"]),
                    Form.button(m.themes == nil ? "Analyse the written answers" : "Analyse the written answers again", secondary: m.themes != nil),
                ], class: "inline-form"))
        let heading = H.el("h2", ["class": "heading-m", "id": "themes"], [.text("Themes in the written answers")])
        guard let t = m.themes else {
            return .group([heading, H.el("p", [:], [.text("No finished analysis of this activity's insights yet.")]), analyse])
        }
        return .group([
            heading,
            H.el(
                "p", [:],
                [
                    .text("From the analysis "), H.link(t.title, SiteURL.Analysis.run(t.runID)),
                    .text(" of \(NumberText.grouped(t.insightCount)) insights (\(t.scope))."),
                ]),
            Lists.table(
                t.themes,
                columns: [
                    .init(header: "Theme") { .text($0.label) },
                    .init(header: "Insights") { .text(NumberText.grouped($0.size)) },
                    .init(header: "Share") {
                        .text(t.insightCount == 0 ? "–" : String(format: "%.0f%%", Double($0.size) / Double(t.insightCount) * 100))
                    },
                ], caption: "Themes in " + t.title, empty: "The analysis found no themes."),
            analyse,
        ])
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
