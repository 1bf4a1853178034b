import Foundation
import Plot
import ChorusCore

/// One activity: what, where, when, who — and what overlaps it.
enum ActivityPageView {
    static func render(_ a: RegisterPages.ActivityPage, _ ctx: PageContext) -> Page {
        let (s, overlaps, total, canEdit, windowDays, saved) = (
            a.summary, a.overlaps, a.overlapTotal, a.canEdit, a.windowDays, a.saved
        )
        let names = (lead: a.lead, partners: a.partners, audiences: a.audiences)
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.list, "class": "back-link"], [.text(ctx.t("activity.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
        ]
        if !overlaps.isEmpty {
            body.append(
                H.el(
                    "section", ["class": "warning-panel", "aria-labelledby": "overlaps-title", "id": "overlaps"],
                    [
                        H.el(
                            "h2", ["id": "overlaps-title", "class": "heading-m"],
                            [.text(total == 1 ? ctx.t("overlap.title_one") : ctx.t("overlap.title", total))]),
                        H.el("p", [:], [.text(ctx.t("overlap.intro", windowDays))]),
                        .if(total > overlaps.count, H.el("p", [:], [.text(ctx.t("overlap.showing", overlaps.count, total))])),
                        H.el(
                            "ol", ["class": "overlap-list"],
                            overlaps.map { row in
                                H.el(
                                    "li", [:],
                                    [
                                        H.el(
                                            "p", [:],
                                            [
                                                H.el("strong", [:], [H.link(row.summary.title, SiteURL.Register.show(row.summary.id))]),
                                                .text(" — " + row.summary.organisationName + ", " + ActivityListView.dates(row.summary, ctx)),
                                            ]),
                                        H.el(
                                            "p", [:],
                                            [
                                                .text(
                                                    ctx.t(
                                                        "overlap.shared",
                                                        row.overlap.placeOverlapIsBoroughWide
                                                            ? ctx.t("activity.borough_wide_short") : row.sharedPlaces.joined(separator: ", "),
                                                        row.sharedThemes.joined(separator: ", "),
                                                        row.sharedAudiences.isEmpty
                                                            ? ctx.t("overlap.everyone") : row.sharedAudiences.joined(separator: ", ")))
                                            ]),
                                        H.el(
                                            "p", [:],
                                            [
                                                .text(
                                                    row.overlap.gapDays == 0
                                                        ? ctx.t("overlap.concurrent", row.overlap.daysConcurrent)
                                                        : ctx.t("overlap.gap", row.overlap.gapDays))
                                            ]),
                                        .unwrap(row.leadEmail) { email in
                                            H.el(
                                                "p", [:],
                                                [
                                                    .text(ctx.t("overlap.contact") + " "), .text(row.leadName ?? ""), .text(" — "),
                                                    H.link(email, "mailto:" + email),
                                                ])
                                        },
                                    ])
                            }),
                        DirectoryViews.alreadyRunning(a.directory.alreadyRunning, ctx),
                    ]))
        } else if s.status != ActivityStatus.draft.rawValue {
            body.append(H.el("p", ["class": "notice", "id": "overlaps"], [.text(ctx.t("overlap.none", windowDays))]))
            if !a.directory.alreadyRunning.isEmpty {
                body.append(H.el("div", ["class": "warning-panel"], [DirectoryViews.alreadyRunning(a.directory.alreadyRunning, ctx)]))
            }
        }
        let rows: [(String, String)] = [
            (ctx.t("activity.purpose"), a.purpose),
            (ctx.t("activity.organisation"), s.organisationName),
            (ctx.t("activity.lead"), names.lead ?? "—"),
            (ctx.t("activity.partners"), names.partners.isEmpty ? "—" : names.partners.joined(separator: ", ")),
            (ctx.t("activity.places"), s.boroughWide ? ctx.t("activity.borough_wide_short") : s.places.joined(separator: ", ")),
            (ctx.t("activity.themes"), s.themes.joined(separator: ", ")),
            (ctx.t("activity.audiences"), names.audiences.isEmpty ? ctx.t("overlap.everyone") : names.audiences.joined(separator: ", ")),
            (ctx.t("activity.methods"), s.methods.map { ctx.t("method.\($0)") }.joined(separator: ", ")),
            (ctx.t("activity.ladder_level"), ctx.t("level.\(s.level)")),
            (ctx.t("activity.status"), ctx.t("status.\(s.status)")),
            (ctx.t("activity.dates"), ActivityListView.dates(s, ctx)),
            (ctx.t("activity.expected_reach"), a.expectedReach.map(EnglishCount.people) ?? "—"),
            (ctx.t("activity.public_summary"), a.publicSummary ?? "—"),
            (ctx.t("activity.is_public"), a.isPublic ? ctx.t("common.yes") : ctx.t("common.no")),
        ]
        body.append(H.el("dl", ["class": "summary-list"], rows.flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", [:], [.text(v)])] }))
        let id = s.id
        body.append(ActivityThreadView.render(a, ctx))
        body.append(DirectoryViews.activityPanel(a.directory, ctx))
        body.append(EvaluationViews.panel(a.evaluation, ctx))
        if canEdit {
            body.append(
                H.el(
                    "p", ["class": "actions"],
                    [
                        H.link(ctx.t("activity.edit"), SiteURL.Register.edit(id), class: "button"),
                        H.link(ctx.t("admin.history"), SiteURL.Audit.activityHistory(id), class: "button button-secondary"),
                    ]))
            body.append(Form.post(SiteURL.Register.delete(id), ctx, [Form.button(ctx.t("activity.delete"), warning: true)]))
        }
        return Page(title: s.title, body: body, notice: saved ? ctx.t("admin.saved", s.title) : nil)
    }
}
