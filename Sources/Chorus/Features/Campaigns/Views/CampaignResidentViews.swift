import Foundation
import Plot
import ChorusCore

/// Residents' campaign pages: the campaigns, a campaign's three levels with counts and a ward map, an action with its
/// how-to and the pledge form, and the printable toolkit. Every string is in the catalogue.
enum CampaignResidentViews {
    static func paragraphs(_ text: String) -> [HNode] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { H.el("p", [:], [.text(String($0))]) }
    }

    static func counts(_ n: CampaignTally.Counts, _ ctx: PageContext) -> String {
        ctx.t("campaigns.counts", NumberText.grouped(n.pledged), NumberText.grouped(n.done))
    }

    static func card(_ s: CampaignPages.Summary, _ ctx: PageContext) -> HNode {
        H.el(
            "li", ["class": "card"],
            [
                H.el("h3", ["class": "heading-m"], [H.link(s.title, SiteURL.Campaigns.campaign(s.id))]),
                H.el("p", [:], [.text(s.summary)]),
                H.el("p", ["class": "hint"], [.text([s.organisation, ctx.t("campaigns.theme.\(s.theme.rawValue)")].joined(separator: " · "))]),
                H.el("p", [:], [.text(counts(s.total, ctx))]),
            ])
    }

    static func list(_ m: CampaignPages.List, _ ctx: PageContext) -> Page {
        let title = ctx.t("campaigns.title")
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("campaigns.lead"))]),
            H.el("h2", ["class": "heading-l"], [.text(ctx.t("campaigns.live"))]),
            m.live.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("campaigns.none"))])
                : H.el("ul", ["class": "plain-list"], m.live.map { card($0, ctx) }),
        ]
        if !m.closed.isEmpty {
            body.append(H.el("h2", ["class": "heading-l"], [.text(ctx.t("campaigns.closed"))]))
            body.append(H.el("ul", ["class": "plain-list"], m.closed.map { card($0, ctx) }))
        }
        return Page(title: title, body: body)
    }

    static func campaign(_ m: CampaignPages.Show, _ ctx: PageContext) -> Page {
        let s = m.summary
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Campaigns.list, "class": "back-link"], [.text(ctx.t("campaigns.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            H.el("p", ["class": "lead"], [.text(s.summary)]),
            H.el("p", ["class": "hint"], [.text([s.organisation, ctx.t("campaigns.theme.\(s.theme.rawValue)")].joined(separator: " · "))]),
        ]
        if s.status == .closed { body.append(H.el("p", ["class": "notice", "role": "status"], [.text(ctx.t("campaigns.is_closed"))])) }
        body.append(H.el("div", ["class": "prose"], paragraphs(m.introduction)))
        body.append(H.el("h2", ["class": "heading-l", "id": "counts"], [.text(ctx.t("campaigns.so_far"))]))
        body.append(
            Lists.table(
                ActionLevel.allCases,
                columns: [
                    .init(header: ctx.t("campaigns.level")) { .text(ctx.t("campaigns.level.\($0.rawValue)")) },
                    .init(header: ctx.t("campaigns.pledges")) { .text(NumberText.grouped(m.tally.level($0).pledged)) },
                    .init(header: ctx.t("campaigns.done_count")) { .text(NumberText.grouped(m.tally.level($0).done)) },
                ], caption: ctx.t("campaigns.by_level"), empty: ""))
        for level in ActionLevel.allCases {
            let actions = m.actions.filter { $0.level == level }
            body.append(
                H.el("h2", ["class": "heading-l", "id": "level-\(level.rawValue)"], [.text(ctx.t("campaigns.level_heading.\(level.rawValue)"))]))
            guard !actions.isEmpty else {
                body.append(H.el("p", ["class": "empty"], [.text(ctx.t("campaigns.no_actions"))]))
                continue
            }
            body.append(
                H.el(
                    "ul", ["class": "plain-list"],
                    actions.map { a in
                        H.el(
                            "li", ["class": "card"],
                            [
                                H.el("h3", ["class": "heading-m"], [H.link(a.title, SiteURL.Campaigns.action(s.id, a.id))]),
                                H.el("p", [:], [.text(a.howTo.split(separator: "\n").first.map(String.init) ?? "")]),
                                H.el("p", ["class": "hint"], [.text(counts(a.counts, ctx))]),
                                H.el(
                                    "p", [:],
                                    [
                                        H.link(
                                            ctx.t(s.status == .live ? "campaigns.pledge_link" : "campaigns.read_link"),
                                            SiteURL.Campaigns.action(s.id, a.id)),
                                        .text(" · "), H.link(ctx.t("campaigns.toolkit_link"), SiteURL.Campaigns.toolkit(s.id, a.id)),
                                    ]),
                            ])
                    }))
        }
        body.append(H.el("h2", ["class": "heading-l", "id": "wards"], [.text(ctx.t("campaigns.by_ward"))]))
        if let shape = m.map {
            body.append(
                WardMap.counts(
                    shape, id: "campaign-map", title: ctx.t("campaigns.map_title", s.title), description: ctx.t("campaigns.map_description"),
                    legendTitle: ctx.t("campaigns.pledges"), counts: m.tally.pledgedByWard, suppress: true, ctx))
        }
        body.append(
            Lists.table(
                m.wardRows,
                columns: [
                    .init(header: ctx.t("campaigns.ward")) { .text($0.name) },
                    .init(header: ctx.t("campaigns.pledges")) {
                        .text($0.pledged.text(fewer: ctx.t("campaigns.fewer_than_5"), notShown: ctx.t("campaigns.not_shown")))
                    },
                    .init(header: ctx.t("campaigns.done_count")) {
                        .text($0.done.text(fewer: ctx.t("campaigns.fewer_than_5"), notShown: ctx.t("campaigns.not_shown")))
                    },
                ], caption: ctx.t("campaigns.by_ward"), empty: ctx.t("campaigns.no_wards"), scrolls: true))
        body.append(H.el("p", ["class": "hint"], [.text(ctx.t("campaigns.small_numbers"))]))
        if !m.projects.isEmpty || !m.activities.isEmpty {
            body.append(H.el("h2", ["class": "heading-l"], [.text(ctx.t("campaigns.more"))]))
            body.append(
                H.el(
                    "ul", ["class": "list"],
                    m.projects.map { H.el("li", [:], [.text(ctx.t("campaigns.project") + " "), H.link($0.title, $0.link)]) }
                        + m.activities.map { H.el("li", [:], [.text(ctx.t("campaigns.activity") + " "), H.link($0.title, $0.link)]) }))
        }
        body.append(H.el("h2", ["class": "heading-l"], [.text(ctx.t("campaigns.updates"))]))
        body.append(
            m.updates.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("campaigns.no_updates"))])
                : H.el(
                    "ul", ["class": "plain-list"],
                    m.updates.map { u in
                        H.el("li", [:], [H.el("p", ["class": "hint"], [.text(DayText.local(Day(u.date), ctx) + " · " + u.by)])] + paragraphs(u.body))
                    }))
        return Page(title: s.title, body: body)
    }

    static func action(_ m: CampaignPages.Action, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let a = m.action, c = m.campaign
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Campaigns.campaign(c.id), "class": "back-link"], [.text(c.title)]),
        ]
        if let done = m.done, ["pledged", "already", "done"].contains(done) {
            body.append(H.el("p", ["class": "notice", "role": "status"], [.text(ctx.t("campaigns.done.\(done)"))]))
        }
        body += [
            H.el("span", ["class": "caption"], [.text(ctx.t("campaigns.level_heading.\(a.level.rawValue)"))]),
            H.el("h1", ["class": "heading-xl"], [.text(a.title)]),
            H.el("p", ["class": "lead", "id": "action-counts"], [.text(counts(a.counts, ctx))]),
            H.el(
                "p", ["class": "hint"],
                [.text(ctx.t("campaigns.level_counts", ctx.t("campaigns.level.\(a.level.rawValue)"), counts(m.levelCounts, ctx)))]),
            H.el("h2", ["class": "heading-m"], [.text(ctx.t("campaigns.how_to"))]),
            H.el("div", ["class": "prose"], paragraphs(a.howTo)),
            H.el("p", [:], [H.link(ctx.t("campaigns.toolkit_link"), SiteURL.Campaigns.toolkit(c.id, a.id))]),
        ]
        if let mine = m.mine {
            body.append(H.el("h2", ["class": "heading-m", "id": "pledge"], [.text(ctx.t("campaigns.your_pledge"))]))
            if mine.done {
                body.append(H.el("p", [:], [.text(ctx.t("campaigns.you_did_it"))]))
            } else {
                body.append(H.el("p", [:], [.text(ctx.t("campaigns.you_pledged"))]))
                body.append(Form.post(SiteURL.Campaigns.done(mine.id), ctx, [Form.button(ctx.t("campaigns.did_it"))]))
            }
        } else if c.status == .live {
            body += pledgeForm(m, e, ctx)
        }
        return Page(title: a.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func pledgeForm(_ m: CampaignPages.Action, _ e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        let a = m.action, c = m.campaign
        var fields: [HNode] = [
            m.bot.html(),
            Form.field(
                "ward", label: ctx.t("campaigns.f.ward"),
                control: .select(m.wards.map { .init($0.code, $0.name) }, placeholder: ctx.t("campaigns.choose")), value: m.values["ward"],
                error: e.message(for: "ward"), hint: ctx.t("campaigns.f.ward_hint"), required: true),
        ]
        if a.level.groupsMayPledge {
            fields.append(
                Form.field(
                    "group_name", label: ctx.t("campaigns.f.group_name"), control: .text(autocomplete: "organization"),
                    value: m.values["group_name"], error: e.message(for: "group_name"), hint: ctx.t("campaigns.f.group_name_hint")))
        }
        fields.append(
            Form.field(
                "comment", label: ctx.t("campaigns.f.comment"), control: .textarea(rows: 3), value: m.values["comment"],
                error: e.message(for: "comment"), hint: ctx.t("campaigns.f.comment_hint")))
        if m.signedIn {
            fields.append(
                Form.checkbox(
                    "wants_updates", label: ctx.t("campaigns.f.wants_updates"), checked: Input.isTrue(m.values["wants_updates"]),
                    hint: ctx.t("campaigns.f.wants_updates_hint")))
        }
        fields.append(Form.button(ctx.t("campaigns.pledge_button")))
        var out: [HNode] = [
            H.el("h2", ["class": "heading-m", "id": "pledge"], [.text(ctx.t("campaigns.pledge_heading"))]),
            Form.post(SiteURL.Campaigns.action(c.id, a.id), ctx, fields),
        ]
        if !m.signedIn {
            out.append(
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text(ctx.t("campaigns.sign_in_hint") + " "),
                        H.link(ctx.t("campaigns.sign_in"), SiteURL.Residents.signIn(back: SiteURL.Campaigns.action(c.id, a.id))),
                    ]))
        }
        return out
    }

    static func toolkit(_ m: CampaignPages.Toolkit, _ ctx: PageContext) -> Page {
        let title = ctx.t("campaigns.toolkit_title", m.title)
        return Page(
            title: title,
            body: [
                H.el("a", ["href": SiteURL.Campaigns.action(m.campaignID, m.actionID), "class": "back-link"], [.text(m.title)]),
                H.el("h1", ["class": "heading-xl no-print"], [.text(title)]),
                H.el("p", ["class": "no-print"], [.text(ctx.t("campaigns.toolkit_print"))]),
                H.el(
                    "section", ["class": "letter", "aria-labelledby": "poster"],
                    [
                        H.el("h2", ["class": "heading-xl", "id": "poster"], [.text(m.title)]),
                        H.el("div", ["class": "prose lead"], paragraphs(m.poster)),
                        H.el("p", [:], [.text(m.campaign + " · " + m.organisation)]),
                    ]),
                H.el(
                    "section", ["class": "letter", "aria-labelledby": "letter"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "letter"], [.text(ctx.t("campaigns.letter_heading"))]),
                        H.el("div", ["class": "prose"], paragraphs(m.letter)),
                    ]),
                H.el(
                    "section", ["aria-labelledby": "how-to"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "how-to"], [.text(ctx.t("campaigns.how_to"))]),
                        H.el("div", ["class": "prose"], paragraphs(m.howTo)),
                    ]),
            ])
    }
}
