import Foundation
import Plot
import ChorusCore

/// Staff pages for "You said, we did": the list of reports and closed activities still waiting for one, and the
/// editor (plain-language text, the live trail it draws on, translations, publishing).
enum FeedbackEditViews {
    static func list(_ m: FeedbackPages.List, _ ctx: PageContext) -> Page {
        let (reports, waiting, themes, canEdit, errors, input) = (m.reports, m.waiting, m.themes, m.canWrite, m.errors, m.input)
        let title = "\"You said, we did\" reports"
        let e = ValidationFailure(errors)
        var body: [HNode] = [
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "Reports tell residents what we asked, what they said and what we did. Comms write and publish them; published ones are public."
                    )
                ]),
            H.el(
                "p", [:],
                [
                    H.link("See the public pages", SiteURL.Feedback.publicList), .text(" · "),
                    H.link("Loop-closure measure", SiteURL.Feedback.loopClosure),
                ]
                    + (m.showsOutbox ? [.text(" · "), H.link("Email outbox", SiteURL.Feedback.outbox)] : [])),
            Lists.table(
                reports,
                columns: [
                    .init(header: "Report") { H.link($0.title, SiteURL.Feedback.edit($0.id)) },
                    .init(header: "About") { .text($0.about) },
                    .init(header: "Status") { r in
                        r.published.map { .text("Published \(DayText.long($0))") } ?? H.el("strong", ["class": "tag tag-grey"], [.text("Draft")])
                    },
                    .init(header: "Edit") { r in
                        r.canEdit
                            ? H.el(
                                "a", ["href": SiteURL.Feedback.edit(r.id) + "#text"],
                                [.text("Edit"), H.el("span", ["class": "visually-hidden"], [.text(" " + r.title)])])
                            : .text("—")
                    },
                ], caption: "Reports", empty: "No reports yet."),
            H.el("h2", ["class": "heading-m", "id": "waiting"], [.text("Closed activities without a report")]),
        ]
        body.append(
            Lists.table(
                waiting,
                columns: [
                    .init(header: "Activity") { H.link($0.title, SiteURL.Register.show($0.id)) },
                    .init(header: "Closed") { .text($0.closed.map(DayText.long) ?? "—") },
                    .init(header: "Report") { w in
                        canEdit && w.canStart
                            ? Form.post(SiteURL.Feedback.create(w.id), ctx, [Form.button("Start the report", secondary: true)], class: "inline-form")
                            : .empty
                    },
                ], caption: "Closed activities without a report", empty: "Every closed activity has a report."))
        if canEdit {
            body.append(H.el("h2", ["class": "heading-m", "id": "theme-report"], [.text("A report for a theme across activities")]))
            body.append(
                H.el(
                    "p", [:],
                    [
                        .text(
                            "Gathers what residents said about a theme (and the themes under it) in every activity between two dates, the activities that heard it, and the decisions linked to those insights, the theme or those activities."
                        )
                    ]))
            body.append(
                Form.post(
                    SiteURL.Feedback.createForTheme, ctx,
                    [
                        Form.field(
                            "theme_id", label: "Theme", control: .select(themes, placeholder: "Choose a theme"),
                            value: input?["theme_id"], error: e.message(for: "theme_id"), required: true),
                        Form.field(
                            "from", label: "Heard from", control: .text(type: "date"), value: input?["from"], error: e.message(for: "from"),
                            hint: "YYYY-MM-DD, like 2026-01-01", required: true),
                        Form.field(
                            "to", label: "Heard to", control: .text(type: "date"), value: input?["to"], error: e.message(for: "to"),
                            hint: "YYYY-MM-DD, like 2026-12-31", required: true),
                        Form.button("Start the theme report", secondary: true),
                    ]))
        }
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func edit(_ m: FeedbackPages.Editor, _ ctx: PageContext) -> Page {
        let (r, trail, translation, canEdit, canPublish) = (m.report, m.trail, m.urdu, m.canEdit, m.canPublish)
        let (errors, input, errorsFor, notice) = (m.errors, m.input, m.errorsFor, m.notice)
        let e = ValidationFailure(errors)
        /// The four fields; a translation's form prefixes its ids with the language code (two forms share the page).
        func textFields(_ prefixErrors: Bool, _ values: (String?, String?, String?, String?), language: String? = nil) -> [HNode] {
            func err(_ k: String) -> String? { prefixErrors ? e.message(for: k) : nil }
            func id(_ k: String) -> String? { language.map { Form.fieldID($0 + "_" + k) } }
            return [
                Form.field("title", label: "Title", control: .text(), value: values.0, error: err("title"), required: true, id: id("title")),
                Form.field(
                    "what_we_asked", label: "What we asked", control: .textarea(rows: 5), value: values.1, error: err("what_we_asked"),
                    required: true,
                    id: id("what_we_asked")),
                Form.field(
                    "what_you_said", label: "What you said", control: .textarea(rows: 6), value: values.2, error: err("what_you_said"),
                    hint: "The themes, counts and public quotes below are added to the page automatically.", required: true, id: id("what_you_said")),
                Form.field(
                    "what_we_did", label: "What we did", control: .textarea(rows: 6), value: values.3, error: err("what_we_did"),
                    hint: "The actions below, with their current status, are added to the page automatically and change when the action does.",
                    required: true,
                    id: id("what_we_did")),
            ]
        }
        let english = errorsFor == "en"
        let urdu = errorsFor == "ur"
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Feedback.reports, "class": "back-link"], [.text("Back to reports")]),
            // Errors in the Urdu form link to its own fields.
            Form.errorSummary(urdu ? errors.map { FieldError("ur_" + $0.field, $0.message) } : errors, ctx),
            H.el(
                "span", ["class": "caption"],
                [
                    .text(
                        trail.theme.map { "Theme across activities: \($0.name), \(DayText.long($0.from)) to \(DayText.long($0.to))" }
                            ?? trail.activityTitle)
                ]),
            H.el("h1", ["class": "heading-xl"], [.text(r.title)]),
            H.el(
                "p", [:],
                [
                    H.el(
                        "strong", ["class": "tag" + (r.isPublished ? "" : " tag-grey"), "id": "report-status"],
                        [.text(r.published.map { "Published \(DayText.long($0))" } ?? "Draft")])
                ]),
            .if(r.isPublished, H.el("p", [:], [H.link("Open the public page", SiteURL.Feedback.publicReport(r.id))])),
        ]
        if canEdit {
            body.append(H.el("h2", ["class": "heading-m", "id": "text"], [.text("The report in plain language")]))
            body.append(
                Form.post(
                    SiteURL.Feedback.edit(r.id), ctx,
                    textFields(
                        english,
                        english
                            ? (input?["title"], input?["what_we_asked"], input?["what_you_said"], input?["what_we_did"])
                            : (r.text.title, r.text.asked, r.text.said, r.text.did)) + [Form.button("Save")]))
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "trail"], [.text("From the trail (shown on the public page)")]))
        body.append(
            H.el(
                "p", [:],
                [
                    .text(
                        "Heard from \(EnglishCount.of(trail.people, "person", "people")) in "
                            + (trail.theme == nil
                                ? EnglishCount.of(trail.insights, "insight", "insights")
                                    + " (every insight heard during the activity, whatever its sharing level: the figure the board's briefing shows; quotes come from public insights only)"
                                : EnglishCount.of(trail.insights, "public or partnership insight", "public or partnership insights"))
                            + ". Themes: " + themesLine(trail.topics) + ".")
                ]))
        if trail.theme != nil {
            body.append(
                H.el(
                    "p", [:],
                    [
                        .text(
                            "Heard in: "
                                + (trail.heardIn.map { "\($0.label) (\($0.count.text()))" }.joined(separator: ", ").nilIfEmpty
                                    ?? "no public activity") + ".")
                    ]))
        }
        if !trail.quotes.isEmpty {
            body.append(
                H.el(
                    "p", ["class": "hint"],
                    [.text("Quotes: public insights on the report's own themes, residents' own words first, newest first.")]))
        }
        body.append(.group(trail.quotes.map { H.el("blockquote", ["class": "quote"], [.text($0)]) }))
        body.append(
            trail.decisions.isEmpty
                ? H.el(
                    "p", ["class": "empty"],
                    [
                        .text(
                            trail.theme == nil
                                ? "No decision of an open decision space is linked to this activity yet."
                                : "No decision of an open decision space is linked to these insights, this theme or these activities yet.")
                    ])
                : H.el(
                    "ul", ["class": "plain-list"],
                    trail.decisions.map { d in
                        H.el(
                            "li", ["class": "panel"],
                            [
                                H.el("p", [:], [H.el("strong", [:], [.text("\(d.space), \(DayText.long(d.day)): ")]), .text(d.text)]),
                                H.el(
                                    "ul", [:],
                                    d.actions.map { a in
                                        H.el(
                                            "li", [:],
                                            [
                                                H.link(a.title, SiteURL.Decisions.action(a.id)),
                                                .text(" — \(a.status.label)" + (a.done.map { " on \(DayText.long($0))" } ?? "")),
                                            ])
                                    }),
                            ])
                    }))
        if canEdit {
            body.append(H.el("h2", ["class": "heading-m", "id": "translation-ur", "lang": "en"], [.text("Urdu translation")]))
            body.append(
                H.el(
                    "p", [:],
                    [
                        .text(
                            translation == nil
                                ? "Not translated yet: Urdu readers see the English text with a note." : "Urdu readers see this translation.")
                    ]))
            body.append(
                H.el(
                    "div", ["lang": "ur", "dir": "rtl"],
                    [
                        Form.post(
                            SiteURL.Feedback.translation(r.id, "ur"), ctx,
                            textFields(
                                urdu,
                                urdu
                                    ? (input?["title"], input?["what_we_asked"], input?["what_you_said"], input?["what_we_did"])
                                    : (translation?.title, translation?.asked, translation?.said, translation?.did), language: "ur") + [
                                    Form.button("Save the Urdu translation", secondary: true)
                                ])
                    ]))
        }
        // Publishing comes last, after the text and the trail it shows, and asks for a tick that names how many
        // residents will be emailed.
        if canPublish && !r.isPublished {
            let n = m.recipients
            let emailed = n == 0 ? "no one (no resident asked to hear back)" : "\(n) resident\(n == 1 ? "" : "s") who asked to hear back"
            let confirmError = errorsFor == "publish" ? ValidationFailure(errors).message(for: "confirm") : nil
            body.append(H.el("h2", ["class": "heading-m", "id": "publish"], [.text("Publish")]))
            body.append(
                Form.post(
                    SiteURL.Feedback.publish(r.id), ctx,
                    [
                        H.el(
                            "p", [:],
                            [
                                .text(
                                    (trail.theme == nil
                                        ? "Publishing puts the report on the public pages, marks the activity reported if it is closed, and emails "
                                        : "Publishing puts the report on the public pages and emails ") + emailed + ". It cannot be undone."
                                )
                            ]),
                        .unwrap(confirmError) { H.el("p", ["class": "error-message", "id": "f-confirm-error"], [.text($0)]) },
                        Form.checkbox(
                            "confirm", label: "I have checked the report above; publish it and email \(emailed)", checked: false),
                        Form.button(n == 0 ? "Publish" : "Publish and email \(n) resident\(n == 1 ? "" : "s")"),
                    ], class: "panel" + (confirmError == nil ? "" : " form-group-error")))
        }
        return Page(title: r.title, body: body, status: errors.isEmpty ? .ok : .badRequest, notice: notice, englishOnly: true)
    }

    /// "Climate change (31), Flooding (7) and 19 other themes with fewer than 5 each", as the public page folds them.
    static func themesLine(_ topics: TopicList.Folded) -> String {
        let listed = topics.listed.map { "\($0.label) (\($0.count.text()))" }
        let n = topics.foldedSmall
        let folded: String? =
            n == 0
            ? nil
            : listed.isEmpty
                ? (n == 1 ? "1 theme with fewer than 5" : "\(n) themes, each with fewer than 5")
                : (n == 1 ? "1 other theme with fewer than 5" : "\(n) other themes with fewer than 5 each")
        let parts = listed + [folded].compactMap { $0 }
        return parts.isEmpty ? "none" : FeedbackTrailService.listText(parts)
    }
}
