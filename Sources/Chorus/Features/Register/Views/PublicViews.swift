import Foundation
import Plot
import ChorusCore

/// Residents' pages: one thing per page, plain words, no staff details.
enum PublicViews {
    static func nearMe(_ m: RegisterPages.NearMe, _ ctx: PageContext) -> Page {
        let (ward, page) = (m.found.ward, m.page)
        let error = WardFinderView.error(m.found.problem, ctx)
        let title = ward.map { ctx.t("public.title_ward", $0.name) } ?? ctx.t("public.title")
        var body: [HNode] = [
            Form.errorSummary(error.map { [$0] } ?? [], ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
        ]
        if let ward, let page {
            body.append(H.el("p", ["class": "lead"], [.text(ctx.t("public.intro_ward", page.total, ward.name))]))
            body.append(
                H.el(
                    "ul", ["class": "plain-list public-list"],
                    page.items.map { s in
                        H.el(
                            "li", [:],
                            [
                                H.el("h2", ["class": "heading-m"], [H.link(s.title, SiteURL.Register.publicActivity(s.id))]),
                                H.el(
                                    "p", [:],
                                    [
                                        .text(
                                            ActivityListView.dates(s, ctx) + " · "
                                                + (s.boroughWide ? ctx.t("activity.borough_wide_short") : s.places.joined(separator: ", ")))
                                    ]),
                                .unwrap(s.publicSummary) { H.el("p", [:], [.text($0)]) },
                            ])
                    }))
            if page.items.isEmpty { body.append(H.el("p", ["class": "empty"], [.text(ctx.t("public.none"))])) }
            body.append(Lists.pager(page, ctx))
            body.append(H.el("p", [:], [H.link(ctx.t("public.subscribe_ward", ward.name), SiteURL.Register.wardCalendar(ward.code))]))
            body.append(H.el("p", [:], [H.link(ctx.t("public.choose_other"), SiteURL.Register.nearMe)]))
        } else {
            body.append(H.el("p", ["class": "lead"], [.text(ctx.t("public.intro"))]))
            body += WardFinderView.controls(m.found, action: SiteURL.Register.nearMe, ctx)
        }
        body.append(H.el("p", [:], [H.link(ctx.t("public.subscribe_borough"), SiteURL.Register.boroughCalendar)]))
        return Page(title: title, body: body, status: error == nil ? .ok : .badRequest)
    }

    static func activity(
        _ s: ActivitySummary, notice: PrivacyNotice?, surveys: [SurveyService.PublicSurvey] = [], venue: DirectoryItem? = nil, _ ctx: PageContext
    ) -> Page {
        let rows: [(String, String)] = [
            (ctx.t("activity.dates"), ActivityListView.dates(s, ctx)),
            (ctx.t("activity.places"), s.boroughWide ? ctx.t("activity.borough_wide_short") : s.places.joined(separator: ", ")),
            (ctx.t("activity.organisation"), s.organisationName),
            (ctx.t("activity.themes"), s.themes.joined(separator: ", ")),
            (ctx.t("public.how"), s.methods.map { ctx.t("method.\($0)") }.joined(separator: ", ")),
        ]
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.nearMe, "class": "back-link"], [.text(ctx.t("public.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            .unwrap(s.publicSummary) { H.el("p", ["class": "lead"], [.text($0)]) },
            H.el("dl", ["class": "summary-list"], rows.flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", [:], [.text(v)])] }),
            .unwrap(venue) { DirectoryPublicViews.venueSection($0, ctx) },
            .if(
                !surveys.isEmpty,
                H.el(
                    "section", ["aria-labelledby": "have-your-say"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "have-your-say"], [.text(ctx.t("survey.take_part_title"))]),
                        H.el(
                            "ul", ["class": "plain-list"],
                            surveys.map { v in
                                H.el(
                                    "li", [:],
                                    [H.link(ctx.t(v.open ? "survey.answer_link" : "survey.results_link", v.title), SiteURL.Surveys.start(v.id))])
                            }),
                    ])),
            .unwrap(notice) { PrivacyNoticeView.section($0, ctx) },
        ]
        return Page(title: s.title, body: body)
    }
}
