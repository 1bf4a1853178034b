import Foundation
import Plot
import ChorusCore

/// "You said, we did" for residents: one report a page, no sign-in, no script, print-friendly, in the reader's
/// language where a translation is entered (text that is only in English is marked `lang="en"`).
enum PublicFeedbackViews {
    static func paragraphs(_ text: String) -> [HNode] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .map { H.el("p", [:], [.text($0)]) }
    }

    /// Content in English inside a page in another language.
    static func english(_ ctx: PageContext, _ nodes: [HNode], tag: String = "div") -> HNode {
        EnglishContent.wrap(ctx, nodes, tag: tag)
    }

    static func actionLine(_ a: FeedbackTrail.ActionLine, _ ctx: PageContext) -> HNode {
        let state: String
        switch a.status {
        case .done: state = ctx.t("ysyd.action_done", DayText.local(a.done ?? a.statusDay, ctx))
        case .notDoing: state = ctx.t("ysyd.action_not_doing")
        case .inProgress: state = a.due.map { ctx.t("ysyd.action_in_progress_due", DayText.local($0, ctx)) } ?? ctx.t("ysyd.action_in_progress")
        case .agreed, .proposed: state = a.due.map { ctx.t("ysyd.action_agreed_due", DayText.local($0, ctx)) } ?? ctx.t("ysyd.action_agreed")
        }
        return H.el(
            "li", ["class": "ysyd-action"],
            [
                H.el(
                    "p", [:],
                    [
                        .text(ctx.t("ysyd.we_said") + " "), english(ctx, [.text(a.title)], tag: "span"), .text(" — "),
                        H.el("strong", ["class": "tag" + (a.status == .done ? "" : " tag-grey")], [.text(state)]),
                    ]),
                .unwrap(a.reason) { r in H.el("p", [:], [.text(ctx.t("ysyd.why_not") + " "), english(ctx, [.text(r)], tag: "span")]) },
            ])
    }

    static func report(_ m: FeedbackPages.PublicReport, _ ctx: PageContext) -> Page {
        let (r, t, textLanguage, trail, translations) = (m.report, m.text, m.textLanguage, m.trail, m.otherLanguages)
        let inReaderLanguage = textLanguage == ctx.language
        func text(_ s: String) -> HNode { inReaderLanguage ? .group(paragraphs(s)) : english(ctx, paragraphs(s)) }
        func count(_ c: SuppressedCount) -> String { c.text(fewer: ctx.t("ysyd.fewer_than_5"), notShown: ctx.t("ysyd.not_shown")) }
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Feedback.publicList, "class": "back-link"], [.text(ctx.t("ysyd.back"))]),
            H.el("span", ["class": "caption"], [.text(ctx.t("ysyd.caption"))]),
            inReaderLanguage
                ? H.el("h1", ["class": "heading-xl"], [.text(t.title)])
                : H.el(
                    "h1", ["class": "heading-xl", "lang": ctx.language == .english ? nil : "en", "dir": ctx.language == .english ? nil : "ltr"],
                    [.text(t.title)]),
            H.el("p", [:], [.text(ctx.t("ysyd.published_on", DayText.local(r.published ?? Day(ordinal: 0), ctx)))]),
            .if(!inReaderLanguage && ctx.language != .english, H.el("p", ["class": "notice"], [.text(ctx.t("ysyd.not_translated"))])),
            .unwrap(trail.theme) { th in H.el("p", [:], [.text(ctx.t("ysyd.across", DayText.local(th.from, ctx), DayText.local(th.to, ctx)))]) },
            .if(
                !trail.wards.isEmpty,
                H.el("p", [:], [.text(ctx.t("ysyd.where") + " "), english(ctx, [.text(trail.wards.joined(separator: ", "))], tag: "span")])),
            H.el("h2", ["class": "heading-m", "id": "asked"], [.text(ctx.t("ysyd.what_we_asked"))]),
            text(t.asked),
            H.el("h2", ["class": "heading-m", "id": "said"], [.text(ctx.t("ysyd.what_you_said"))]),
            text(t.said),
        ]
        // The live count, unless the report's own text already says it (reports drafted before it stopped doing so).
        let heardFrom = ctx.t("ysyd.heard_from", count(trail.people))
        let englishHeardFrom = "We heard from \(trail.people.text()) people."
        if !TopicList.says(t.said, heardFrom) && !TopicList.says(t.said, englishHeardFrom) {
            body.append(H.el("p", [:], [.text(heardFrom)]))
        }
        // A themes or activities list: each label (in English where untranslated) with its suppressed count ("a number
        // we do not show" on its own, not "a number we do not show comments").
        func counted(_ rows: [Briefing.Row], id: String?) -> HNode {
            H.el(
                "ul", ["class": "plain-list", "id": id],
                rows.map { row in
                    H.el(
                        "li", [:],
                        [
                            english(ctx, [.text(row.label)], tag: "span"),
                            .text(": " + (row.count.isSecondary ? count(row.count) : ctx.t("ysyd.comments", count(row.count)))),
                        ])
                })
        }
        // Topics with a count shown, largest first; the ones under 5 in one line, not one line each.
        let topics = trail.topics
        if !topics.listed.isEmpty || topics.foldedSmall > 0 {
            body.append(H.el("h3", [:], [.text(ctx.t("ysyd.themes"))]))
            if !topics.listed.isEmpty { body.append(counted(topics.listed.map { Briefing.Row(label: $0.label, count: $0.count) }, id: "topics")) }
            if topics.foldedSmall > 0 { body.append(H.el("p", ["id": "topics-folded"], [.text(foldedLine(topics, ctx))])) }
        }
        if !trail.heardIn.isEmpty {
            body.append(H.el("h3", [:], [.text(ctx.t("ysyd.heard_in"))]))
            body.append(counted(trail.heardIn, id: "heard-in"))
        }
        if !trail.quotes.isEmpty {
            body.append(H.el("h3", [:], [.text(ctx.t("ysyd.in_your_words"))]))
            body.append(english(ctx, trail.quotes.map { H.el("blockquote", ["class": "quote"], [.text($0)]) }))
        }
        // Survey results the survey's team published, each under its survey's title.
        for s in m.surveys {
            body.append(H.el("h3", [:], [.text(ctx.t("survey.results_link", s.title))]))
            body.append(english(ctx, paragraphs(s.resultsSummary ?? "")))
            body.append(H.el("p", [:], [H.link(ctx.t("survey.back_to_survey"), SiteURL.Surveys.start(s.id))]))
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "did"], [.text(ctx.t("ysyd.what_we_did"))]))
        body.append(text(t.did))
        if !trail.actions.isEmpty {
            body.append(H.el("h3", [:], [.text(ctx.t("ysyd.promises"))]))
            body.append(H.el("ul", ["class": "plain-list", "id": "actions"], trail.actions.map { actionLine($0, ctx) }))
        }
        if let href = m.howWasIt {
            body.append(H.el("p", ["class": "no-print", "id": "how-was-it"], [H.link(ctx.t("howwasit.link"), href)]))
        }
        if !translations.isEmpty {
            body.append(
                H.el(
                    "p", ["class": "no-print"],
                    [.text(ctx.t("ysyd.also_in") + " ")]
                        + translations.map { l in
                            H.el(
                                "a",
                                ["href": SiteURL.language(l.code, back: SiteURL.Feedback.publicReport(r.id)), "lang": l.code, "hreflang": l.code],
                                [.text(l.nativeName)])
                        }))
        }
        return Page(title: t.title, body: body)
    }

    /// "And 19 other topics with fewer than 5 comments each", or with nothing listed above it "22 topics, each with
    /// fewer than 5 comments" (singular when there is one).
    static func foldedLine(_ topics: TopicList.Folded, _ ctx: PageContext) -> String {
        let n = topics.foldedSmall
        let key =
            topics.listed.isEmpty ? (n == 1 ? "ysyd.folded_all_one" : "ysyd.folded_all") : (n == 1 ? "ysyd.folded_other_one" : "ysyd.folded_other")
        return ctx.t(key, String(n))
    }

    static func list(_ m: FeedbackPages.PublicList, _ ctx: PageContext) -> Page {
        let (rows, wards, themes, ward, theme, errors) = (m.rows, m.wards, m.themes, m.ward, m.theme, m.errors)
        let title = ctx.t("ysyd.list_title")
        let body: [HNode] = [
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("ysyd.list_intro"))]),
            H.el(
                "form",
                [
                    "method": "get", "action": SiteURL.Feedback.publicList, "class": "filter-bar", "role": "search",
                    "aria-label": ctx.t("ysyd.filters"),
                ],
                [
                    Form.field(
                        "ward", label: ctx.t("ysyd.ward"), control: .select(wards, placeholder: ctx.t("ysyd.all_wards")),
                        value: ward, error: ValidationFailure(errors).message(for: "ward")),
                    Form.field(
                        "theme", label: ctx.t("ysyd.theme"), control: .select(themes, placeholder: ctx.t("ysyd.all_themes")),
                        value: theme, error: ValidationFailure(errors).message(for: "theme")),
                    Form.button(ctx.t("ysyd.show"), secondary: true),
                ]),
            rows.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("ysyd.none"))])
                : H.el(
                    "ul", ["class": "plain-list public-list"],
                    rows.map { r in
                        H.el(
                            "li", [:],
                            [
                                H.el("h2", ["class": "heading-m"], [H.link(r.title, SiteURL.Feedback.publicReport(r.id))]),
                                H.el(
                                    "p", [:],
                                    [
                                        .text(ctx.t("ysyd.published_on", DayText.local(r.published, ctx)) + " · "),
                                        english(
                                            ctx,
                                            [
                                                .text(
                                                    (r.acrossActivities
                                                        ? [ctx.t("ysyd.across_short")]
                                                        : r.wards.isEmpty ? [ctx.t("activity.borough_wide_short")] : r.wards)
                                                        .joined(separator: ", ") + " · " + r.themes.joined(separator: ", "))
                                            ], tag: "span"),
                                    ]),
                            ])
                    }),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    static func unsubscribe(token: String, done: Bool, _ ctx: PageContext) -> Page {
        let title = ctx.t(done ? "unsubscribe.done_title" : "unsubscribe.title")
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            done
                ? H.el("p", ["class": "lead"], [.text(ctx.t("unsubscribe.done"))])
                : .group([
                    H.el("p", ["class": "lead"], [.text(ctx.t("unsubscribe.intro"))]),
                    H.el(
                        "form", ["method": "post", "action": SiteURL.Feedback.unsubscribe(token), "novalidate": ""],
                        [Form.button(ctx.t("unsubscribe.button"))]),
                ]),
            H.el("p", [:], [H.link(ctx.t("ysyd.list_title"), SiteURL.Feedback.publicList)]),
        ]
        return Page(title: title, body: body)
    }
}
