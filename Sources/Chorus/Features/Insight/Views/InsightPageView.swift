import Vapor
import Plot
import ChorusCore

/// One insight: the text others see, the original for its own organisation, where it came from, and its themes.
enum InsightPageView {
    static func render(_ req: Request, _ i: Insight, links l: InsightQueries.Links, themeOptions: [Form.Option], canTag: Bool,
                       saved: Bool, outcomes: HNode = .empty) -> Response {
        let user = req.currentUser
        let own = SharingWall(staffOf: user?.organisationID).seesPersonalData(of: i.$organisation.id)
        let title = req.t("insight.page_title")
        var rows: [(String, HNode)] = [
            (req.t("insight.heard_on"), .text(DayText.long(Day(ordinal: i.heardDay)))),
            (req.t("insight.kind"), .text(req.t("insight.kind.\(i.kind)"))),
            (req.t("insight.organisation"), H.bdi(l.orgNames[i.$organisation.id] ?? "")),
            (req.t("insight.activity"), i.$activity.id.map { H.link(l.activityTitles[$0] ?? "", SiteURL.Register.show($0)) } ?? .text(req.t("insight.ongoing"))),
            (req.t("insight.place"), .text([i.$place.id.flatMap { l.placeNames[$0] }, i.postcodeSector].compactMap { $0 }.joined(separator: ", ").nilIfEmpty ?? "—")),
            (req.t("insight.people_count"), .text(String(i.peopleCount))),
            (req.t("insight.sharing"), .text(req.t("insight.sharing.\(i.sharing)"))),
            (req.t("insight.audiences"), .text(l.audienceList(i).joined(separator: ", ").nilIfEmpty ?? "—")),
            (req.t("insight.redacted"), .text(i.redactedKindList.map { req.t("insight.redacted.\($0)") }.joined(separator: ", ").nilIfEmpty ?? req.t("insight.nothing_redacted"))),
        ]
        if own {
            let answers = EqualityMonitoring.questions.compactMap { q in i.equality[q.field].flatMap { q.label(for: $0) }.map { "\(q.question): \($0)" } }
            rows.append((req.t("insight.equality"), answers.isEmpty ? .text("—") : H.el("ul", ["class": "plain-list"], answers.map { H.el("li", [:], [.text($0)]) })))
            rows.append((req.t("insight.hear_back"), .text(i.feedbackOptIn ? req.t("insight.hear_back_yes", i.contactEmail ?? "") : req.t("insight.hear_back_no"))))
        }
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(req.t("insight.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            .if(saved, H.el("span", ["data-clear-draft": "", "hidden": ""], [])),
            H.el("blockquote", ["class": "quote"], [.text(i.text)]),
            .if(own && i.originalText != nil, H.el("details", ["class": "details"], [
                H.el("summary", [:], [.text(req.t("insight.original"))]),
                H.el("p", ["class": "hint"], [.text(req.t("insight.original_hint"))]),
                H.el("blockquote", ["class": "quote"], [.text(i.originalText ?? "")]),
            ])),
            H.el("dl", ["class": "summary-list"], rows.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [$0.1])] }),
            H.el("h2", ["class": "heading-m", "id": "themes"], [.text(req.t("insight.themes"))]),
            canTag
                ? Form.post(SiteURL.Insights.themes(i.id!), req, [
                    Form.checkboxes("theme_ids", legend: req.t("insight.tag_legend"), options: themeOptions, selected: Set((l.themes[i.id!] ?? []).map(\.uuidString)),
                                    error: nil),
                    Form.button(req.t("insight.save_tags"), secondary: true),
                ])
                : H.el("p", [:], [.text(l.themeList(i).joined(separator: ", ").nilIfEmpty ?? "—")]),
            outcomes,
        ]
        return Page(title: title, body: body, notice: saved ? req.t("insight.saved") : nil).response(for: req)
    }
}
