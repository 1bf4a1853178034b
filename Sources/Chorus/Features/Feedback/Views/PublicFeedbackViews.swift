import Vapor
import Plot
import ChorusCore

/// "You said, we did" for residents: one report a page, no sign-in, no script, print-friendly, in the reader's
/// language where a translation is entered (text that is only in English is marked `lang="en"`).
enum PublicFeedbackViews {
    static func date(_ d: Day, _ req: Request) -> String {
        let c = d.components
        return "\(c.day) \(req.t("month.\(c.month)")) \(c.year)"
    }

    static func paragraphs(_ text: String) -> [HNode] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .map { H.el("p", [:], [.text($0)]) }
    }

    /// Content in English inside a page in another language.
    static func english(_ req: Request, _ nodes: [HNode], tag: String = "div") -> HNode {
        req.language == .english ? .group(nodes) : H.el(tag, ["lang": "en", "dir": "ltr"], nodes)
    }

    static func actionLine(_ a: FeedbackTrail.ActionLine, _ req: Request) -> HNode {
        let state: String
        switch a.status {
        case .done: state = req.t("ysyd.action_done", date(a.done ?? a.statusDay, req))
        case .notDoing: state = req.t("ysyd.action_not_doing")
        case .inProgress: state = a.due.map { req.t("ysyd.action_in_progress_due", date($0, req)) } ?? req.t("ysyd.action_in_progress")
        case .agreed, .proposed: state = a.due.map { req.t("ysyd.action_agreed_due", date($0, req)) } ?? req.t("ysyd.action_agreed")
        }
        return H.el("li", ["class": "ysyd-action"], [
            H.el("p", [:], [
                .text(req.t("ysyd.we_said") + " "), english(req, [.text(a.title)], tag: "span"), .text(" — "),
                H.el("strong", ["class": "tag" + (a.status == .done ? "" : " tag-grey")], [.text(state)]),
            ]),
            .unwrap(a.reason) { r in H.el("p", [:], [.text(req.t("ysyd.why_not") + " "), english(req, [.text(r)], tag: "span")]) },
        ])
    }

    static func report(_ req: Request, report r: FeedbackReport, text t: FeedbackService.Text, textLanguage: UILanguage, trail: FeedbackTrail,
                       translations: [UILanguage]) -> Response {
        let inReaderLanguage = textLanguage == req.language
        func text(_ s: String) -> HNode { inReaderLanguage ? .group(paragraphs(s)) : english(req, paragraphs(s)) }
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Feedback.publicList, "class": "back-link"], [.text(req.t("ysyd.back"))]),
            H.el("span", ["class": "caption"], [.text(req.t("ysyd.caption"))]),
            inReaderLanguage ? H.el("h1", ["class": "heading-xl"], [.text(t.title)])
                             : H.el("h1", ["class": "heading-xl", "lang": req.language == .english ? nil : "en", "dir": req.language == .english ? nil : "ltr"], [.text(t.title)]),
            H.el("p", [:], [.text(req.t("ysyd.published_on", date(Day(ordinal: r.publishedDay ?? 0), req)))]),
            .if(!inReaderLanguage && req.language != .english, H.el("p", ["class": "notice"], [.text(req.t("ysyd.not_translated"))])),
            .unwrap(trail.theme) { th in H.el("p", [:], [.text(req.t("ysyd.across", date(th.from, req), date(th.to, req)))]) },
            .if(!trail.wards.isEmpty, H.el("p", [:], [.text(req.t("ysyd.where") + " "), english(req, [.text(trail.wards.joined(separator: ", "))], tag: "span")])),
            H.el("h2", ["class": "heading-m", "id": "asked"], [.text(req.t("ysyd.what_we_asked"))]),
            text(t.asked),
            H.el("h2", ["class": "heading-m", "id": "said"], [.text(req.t("ysyd.what_you_said"))]),
            text(t.said),
            H.el("p", [:], [.text(req.t("ysyd.heard_from", trail.people.text(fewer: req.t("ysyd.fewer_than_5"), notShown: req.t("ysyd.not_shown"))))]),
        ]
        if !trail.themes.isEmpty {
            body.append(H.el("h3", [:], [.text(req.t("ysyd.themes"))]))
            body.append(H.el("ul", ["class": "plain-list"], trail.themes.map { row in
                H.el("li", [:], [english(req, [.text(row.label)], tag: "span"), .text(": " + req.t("ysyd.comments",
                    row.count.text(fewer: req.t("ysyd.fewer_than_5"), notShown: req.t("ysyd.not_shown"))))])
            }))
        }
        if !trail.heardIn.isEmpty {
            body.append(H.el("h3", [:], [.text(req.t("ysyd.heard_in"))]))
            body.append(H.el("ul", ["class": "plain-list", "id": "heard-in"], trail.heardIn.map { row in
                H.el("li", [:], [english(req, [.text(row.label)], tag: "span"), .text(": " + req.t("ysyd.comments",
                    row.count.text(fewer: req.t("ysyd.fewer_than_5"), notShown: req.t("ysyd.not_shown"))))])
            }))
        }
        if !trail.quotes.isEmpty {
            body.append(H.el("h3", [:], [.text(req.t("ysyd.in_your_words"))]))
            body.append(english(req, trail.quotes.map { H.el("blockquote", ["class": "quote"], [.text($0)]) }))
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "did"], [.text(req.t("ysyd.what_we_did"))]))
        body.append(text(t.did))
        if !trail.actions.isEmpty {
            body.append(H.el("h3", [:], [.text(req.t("ysyd.promises"))]))
            body.append(H.el("ul", ["class": "plain-list", "id": "actions"], trail.actions.map { actionLine($0, req) }))
        }
        if !translations.isEmpty {
            body.append(H.el("p", ["class": "no-print"], [.text(req.t("ysyd.also_in") + " ")] + translations.map { l in
                H.el("a", ["href": SiteURL.language(l.code, back: SiteURL.Feedback.publicReport(r.id!)), "lang": l.code, "hreflang": l.code], [.text(l.nativeName)])
            }))
        }
        return Page(title: t.title, body: body).response(for: req)
    }

    static func list(_ req: Request, rows: [FeedbackService.PublicRow], wards: [Place], themes: [Theme], ward: String?, theme: String?,
                     errors: [FieldError]) -> Response {
        let title = req.t("ysyd.list_title")
        let body: [HNode] = [
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(req.t("ysyd.list_intro"))]),
            H.el("form", ["method": "get", "action": SiteURL.Feedback.publicList, "class": "filter-bar", "role": "search", "aria-label": req.t("ysyd.filters")], [
                Form.field("ward", label: req.t("ysyd.ward"), control: .select(wards.map { .init($0.code, $0.name) }, placeholder: req.t("ysyd.all_wards")),
                           value: ward, error: ValidationFailure(errors).message(for: "ward")),
                Form.field("theme", label: req.t("ysyd.theme"), control: .select(themes.map { .init($0.id!.uuidString, $0.name) }, placeholder: req.t("ysyd.all_themes")),
                           value: theme, error: ValidationFailure(errors).message(for: "theme")),
                Form.button(req.t("ysyd.show"), secondary: true),
            ]),
            rows.isEmpty ? H.el("p", ["class": "empty"], [.text(req.t("ysyd.none"))]) : H.el("ul", ["class": "plain-list public-list"], rows.map { r in
                H.el("li", [:], [
                    H.el("h2", ["class": "heading-m"], [H.link(r.title, SiteURL.Feedback.publicReport(r.id))]),
                    H.el("p", [:], [.text(req.t("ysyd.published_on", date(r.published, req)) + " · "),
                                    english(req, [.text((r.acrossActivities ? [req.t("ysyd.across_short")] : r.wards.isEmpty ? [req.t("activity.borough_wide_short")] : r.wards)
                                        .joined(separator: ", ") + " · " + r.themes.joined(separator: ", "))], tag: "span")]),
                ])
            }),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    static func unsubscribe(_ req: Request, token: String, done: Bool) -> Response {
        let title = req.t(done ? "unsubscribe.done_title" : "unsubscribe.title")
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            done ? H.el("p", ["class": "lead"], [.text(req.t("unsubscribe.done"))])
                 : .group([
                    H.el("p", ["class": "lead"], [.text(req.t("unsubscribe.intro"))]),
                    H.el("form", ["method": "post", "action": SiteURL.Feedback.unsubscribe(token), "novalidate": ""], [Form.button(req.t("unsubscribe.button"))]),
                 ]),
            H.el("p", [:], [H.link(req.t("ysyd.list_title"), SiteURL.Feedback.publicList)]),
        ]
        return Page(title: title, body: body).response(for: req)
    }
}
