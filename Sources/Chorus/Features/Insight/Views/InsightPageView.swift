import Foundation
import Plot
import ChorusCore

/// One insight: the text others see, the original for its own organisation, where it came from, and its themes.
enum InsightPageView {
    static func render(_ m: InsightPages.InsightPage, _ ctx: PageContext) -> Page {
        let (i, themeOptions, canTag, saved) = (m.insight, m.themeOptions, m.canTag, m.saved)
        let own = i.seesPersonalData
        let title = ctx.t("insight.page_title")
        var rows: [(String, HNode)] = [
            (ctx.t("insight.heard_on"), .text(DayText.long(i.heard))),
            (ctx.t("insight.kind"), .text(ctx.t("insight.kind.\(i.kind)"))),
            (ctx.t("insight.organisation"), H.bdi(i.organisation)),
            (ctx.t("insight.activity"), i.activityID.map { H.link(i.activityTitle, SiteURL.Register.show($0)) } ?? .text(ctx.t("insight.ongoing"))),
            (ctx.t("insight.place"), .text([i.place, i.postcodeSector].compactMap { $0 }.joined(separator: ", ").nilIfEmpty ?? "—")),
            (ctx.t("insight.people_count"), .text(String(i.peopleCount))),
            (ctx.t("insight.sharing"), .text(ctx.t("insight.sharing.\(i.sharing)"))),
            (ctx.t("insight.audiences"), .text(i.audiences.joined(separator: ", ").nilIfEmpty ?? "—")),
            (
                ctx.t("insight.redacted"),
                .text(i.redactedKinds.map { ctx.t("insight.redacted.\($0)") }.joined(separator: ", ").nilIfEmpty ?? ctx.t("insight.nothing_redacted"))
            ),
        ]
        if own {
            let answers = EqualityMonitoring.questions.compactMap { q in
                i.equality[q.field].flatMap { q.label(for: $0) }.map { "\(q.question): \($0)" }
            }
            rows.append(
                (
                    ctx.t("insight.equality"),
                    answers.isEmpty ? .text("—") : H.el("ul", ["class": "plain-list"], answers.map { H.el("li", [:], [.text($0)]) })
                ))
            rows.append(
                (
                    ctx.t("insight.hear_back"),
                    .text(i.feedbackOptIn ? ctx.t("insight.hear_back_yes", i.contactEmail ?? "") : ctx.t("insight.hear_back_no"))
                ))
        }
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Insights.list, "class": "back-link"], [.text(ctx.t("insight.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            // Saved: the draft kept while it was typed goes now (the script reads this marker).
            .if(saved, H.el("span", ["data-clear-draft": "", "hidden": ""], [])),
            .if(saved, H.el("script", ["src": InsightFormView.draftScriptURL, "defer": ""], [])),
            H.el("blockquote", ["class": "quote"], [.text(i.text)]),
            .if(
                own && i.originalText != nil,
                H.el(
                    "details", ["class": "details"],
                    [
                        H.el("summary", [:], [.text(ctx.t("insight.original"))]),
                        H.el("p", ["class": "hint"], [.text(ctx.t("insight.original_hint"))]),
                        H.el("blockquote", ["class": "quote"], [.text(i.originalText ?? "")]),
                    ])),
            H.el("dl", ["class": "summary-list"], rows.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [$0.1])] }),
            H.el("h2", ["class": "heading-m", "id": "themes"], [.text(ctx.t("insight.themes"))]),
            canTag
                ? Form.post(
                    SiteURL.Insights.themes(i.id), ctx,
                    [
                        Form.checkboxes(
                            "theme_ids", legend: ctx.t("insight.tag_legend"), options: themeOptions, selected: Set(i.themeIDs.map(\.uuidString)),
                            error: nil),
                        Form.button(ctx.t("insight.save_tags"), secondary: true),
                    ])
                : H.el("p", [:], [.text(i.themes.joined(separator: ", ").nilIfEmpty ?? "—")]),
            InsightOutcomes.section(m.outcomes),
        ]
        return Page(title: title, body: body, notice: saved ? ctx.t("insight.saved") : nil)
    }
}
