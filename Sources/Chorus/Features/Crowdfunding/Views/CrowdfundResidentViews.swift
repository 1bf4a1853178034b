import Foundation
import Plot
import ChorusCore

/// Residents' crowdfunding pages: the projects taking pledges, a project (its story, costed items, backers, match
/// funds, updates) with the pledge form, starting or changing a project, and their own pledges. Every string is in the
/// catalogue.
enum CrowdfundResidentViews {
    static func money(_ pence: Int64) -> String { MoneyText.pounds(pence) }

    /// "£1,250 of £2,000 (62%)" with a progress bar.
    static func progress(_ s: CrowdfundProjectService.Summary, _ ctx: PageContext) -> [HNode] {
        let percent = s.target > 0 ? Int(min(999, s.standing * 100 / s.target)) : 0
        let text = ctx.t("crowdfunding.progress", money(s.standing), money(s.target), String(percent))
        return [
            H.el("progress", ["class": "progress", "max": String(s.target), "value": String(min(s.standing, s.target)), "aria-label": text], []),
            H.el("p", [:], [.text(text)]),
        ]
    }

    static func stageText(_ s: CrowdfundStage, _ ctx: PageContext) -> String { ctx.t("crowdfunding.stage.\(s.rawValue)") }

    /// A project's photo, its alt text said by screen readers, its size reserved before it loads.
    static func image(_ project: UUID, _ m: CrowdfundPhotos.Meta, lazy: Bool = true) -> HNode {
        var attributes = [
            "src": SiteURL.Crowdfunding.photo(project, m.id), "alt": m.alt, "width": String(m.width), "height": String(m.height),
            "class": "project-photo",
        ]
        if lazy { attributes["loading"] = "lazy" }
        return H.el("img", attributes, [])
    }

    static func list(_ m: CrowdfundPages.List, _ ctx: PageContext) -> Page {
        let title = ctx.t("crowdfunding.title")
        let filters = Lists.filterBar(
            action: SiteURL.Crowdfunding.list, ctx,
            fields: [
                Form.field(
                    "ward", label: ctx.t("crowdfunding.ward"),
                    control: .select(m.wards.map { .init($0.code, $0.name) }, placeholder: ctx.t("crowdfunding.any_ward")), value: m.ward, error: nil),
                Form.field(
                    "category", label: ctx.t("crowdfunding.category"),
                    control: .select(
                        CrowdfundProjectService.categories.map { .init($0, ctx.t("crowdfunding.category.\($0)")) },
                        placeholder: ctx.t("crowdfunding.any_category")),
                    value: m.category, error: nil),
            ])
        let cards: [HNode] = m.page.items.map { s in
            H.el(
                "li", ["class": "card"],
                [
                    H.el("h2", ["class": "heading-m"], [H.link(s.title, SiteURL.Crowdfunding.project(s.id))]),
                    m.photos[s.id].map { image(s.id, $0) } ?? .empty,
                    H.el("p", [:], [.text(s.summary)]),
                    H.el(
                        "p", ["class": "hint"],
                        [
                            .text(
                                [s.groupName, s.ward, ctx.t("crowdfunding.category.\(s.category)"), stageText(s.stage, ctx)].compactMap { $0 }.joined(
                                    separator: " · "))
                        ]),
                ] + progress(s, ctx) + [
                    H.el(
                        "p", [:],
                        [
                            .text(
                                s.stage == .live
                                    ? ctx.t("crowdfunding.until", DayText.local(s.deadline, ctx), String(s.backers))
                                    : ctx.t("crowdfunding.backers", String(s.backers)))
                        ])
                ])
        }
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", ["class": "lead"], [.text(ctx.t("crowdfunding.lead"))]),
                H.el(
                    "p", [:],
                    [
                        H.link(ctx.t("crowdfunding.start_link"), SiteURL.Crowdfunding.start), .text(" · "),
                        H.link(ctx.t("crowdfunding.mine_link"), SiteURL.Crowdfunding.mine),
                    ]),
                filters,
                m.page.items.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("crowdfunding.none"))]) : H.el("ul", ["class": "plain-list"], cards),
                Lists.pager(m.page, ctx),
            ])
    }

    static func project(_ m: CrowdfundPages.Project, _ ctx: PageContext) -> Page {
        let s = m.summary
        let e = ValidationFailure(m.errors)
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Crowdfunding.list, "class": "back-link"], [.text(ctx.t("crowdfunding.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            H.el("p", ["class": "lead"], [.text(s.summary)]),
        ]
        body += m.photos.enumerated().map { n, photo in image(s.id, photo, lazy: n > 0) }
        if m.isCreator { body.append(H.el("p", [:], [H.link(ctx.t("crowdfunding.photos_link"), SiteURL.Crowdfunding.photos(s.id))])) }
        if let done = m.done, ["pledged", "card", "cancelled", "update"].contains(done) {
            body.append(H.el("p", ["class": "notice", "role": "status"], [.text(ctx.t("crowdfunding.done.\(done)"))]))
        }
        body += [
            H.el(
                "p", ["class": "hint"],
                [
                    .text(
                        [ctx.t("crowdfunding.by", s.groupName), s.ward, ctx.t("crowdfunding.category.\(s.category)"), stageText(s.stage, ctx)]
                            .compactMap { $0 }
                            .joined(separator: " · "))
                ])
        ]
        body += progress(s, ctx)
        body.append(
            H.el(
                "p", [:],
                [
                    .text(
                        ctx.t(
                            s.model == .allOrNothing ? "crowdfunding.model.all_or_nothing_text" : "crowdfunding.model.keep_text",
                            DayText.local(s.deadline, ctx)))
                ]))
        if s.match > 0 { body.append(H.el("p", [:], [.text(ctx.t("crowdfunding.match_total", money(s.match)))])) }
        if s.stage == .live {
            body += pledgeForm(m, e, ctx)
        }
        if !m.mine.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.your_pledges"))]))
            body.append(
                H.el(
                    "ul", ["class": "plain-list"],
                    m.mine.map { pl in
                        H.el(
                            "li", [:],
                            [
                                .text(ctx.t("crowdfunding.your_pledge", money(pl.amountPence), ctx.t("crowdfunding.pledge_status.\(pl.status)"))),
                                s.stage == .live && [.pledged, .authorised].contains(pl.statusValue)
                                    ? Form.post(
                                        SiteURL.Crowdfunding.cancel(pl.id!), ctx, [Form.button(ctx.t("crowdfunding.cancel"), secondary: true)])
                                    : .empty,
                            ])
                    }))
        }
        body += [
            H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.story"))]),
            H.el(
                "div", ["class": "prose"], m.story.split(separator: "\n", omittingEmptySubsequences: true).map { H.el("p", [:], [.text(String($0))]) }
            ),
            H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.items"))]),
            Lists.table(
                m.items,
                columns: [
                    .init(header: ctx.t("crowdfunding.item")) { .text($0.description) },
                    .init(header: ctx.t("crowdfunding.cost")) { .text(money($0.pence)) },
                ], caption: ctx.t("crowdfunding.items"), empty: ""),
            H.el("p", [:], [.text(ctx.t("crowdfunding.target", money(s.target)))]),
        ]
        if m.overfundingDays > 0 {
            body.append(H.el("p", [:], [.text(ctx.t("crowdfunding.overfunding", String(m.overfundingDays))), .text(" "), .text(m.overfundingUses)]))
        }
        if !m.funds.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.funds"))]))
            for f in m.funds {
                body.append(H.el("h3", ["class": "heading-s"], [.text(f.name)]))
                body.append(H.el("ul", ["lang": "en", "dir": "ltr"], f.rules.map { H.el("li", [:], [.text($0)]) }))
            }
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.backers_heading", String(m.backers.count)))]))
        body.append(
            m.backers.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("crowdfunding.no_backers"))])
                : H.el(
                    "ul", ["class": "plain-list"],
                    m.backers.prefix(200).map { b in
                        H.el(
                            "li", [:],
                            [.text(ctx.t("crowdfunding.backer_line", b.name.isEmpty ? ctx.t("crowdfunding.anonymous") : b.name, money(b.amount)))])
                    }))
        if let by = m.verifiedBy { body.append(H.el("p", ["class": "hint"], [.text(ctx.t("crowdfunding.verified_by", by))])) }
        if let a = m.activity { body.append(H.el("p", [:], [.text(ctx.t("crowdfunding.activity") + " "), H.link(a.title, a.link)])) }
        if let report = m.deliveryReport {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.delivered"))]))
            body.append(H.el("div", ["class": "prose"], report.split(separator: "\n").map { H.el("p", [:], [.text(String($0))]) }))
        }
        body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.updates"))]))
        if m.isCreator {
            body.append(
                Form.post(
                    SiteURL.Crowdfunding.update(s.id), ctx,
                    [
                        Form.field(
                            "body", label: ctx.t("crowdfunding.post_update"), control: .textarea(rows: 4), value: m.values["body"],
                            error: e.message(for: "body"),
                            hint: ctx.t("crowdfunding.post_update_hint")),
                        Form.button(ctx.t("crowdfunding.post_update_button")),
                    ]))
        }
        body.append(
            m.updates.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("crowdfunding.no_updates"))])
                : H.el(
                    "ul", ["class": "plain-list"],
                    m.updates.map { u in
                        H.el(
                            "li", [:],
                            [H.el("p", ["class": "hint"], [.text(DayText.local(Day(u.date), ctx) + " · " + u.by)])]
                                + u.body.split(separator: "\n").map { H.el("p", [:], [.text(String($0))]) })
                    }))
        return Page(title: s.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func pledgeForm(_ m: CrowdfundPages.Project, _ e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        let heading = H.el("h2", ["class": "heading-m", "id": "pledge"], [.text(ctx.t("crowdfunding.pledge_heading"))])
        guard m.signedIn else {
            return [
                heading,
                H.el(
                    "p", [:],
                    [
                        H.link(ctx.t("crowdfunding.sign_in_to_pledge"), SiteURL.Residents.signIn(back: SiteURL.Crowdfunding.project(m.summary.id)))
                    ]),
                H.el("p", ["class": "hint"], [.text(ctx.t("crowdfunding.other_ways"))]),
            ]
        }
        var methods: [Form.Option] = []
        if m.cardAvailable { methods.append(.init(PledgeMethod.card.rawValue, ctx.t("crowdfunding.method.card"))) }
        methods.append(.init(PledgeMethod.offline.rawValue, ctx.t("crowdfunding.method.offline")))
        return [
            heading,
            Form.post(
                SiteURL.Crowdfunding.pledge(m.summary.id), ctx,
                [
                    Form.field(
                        "amount", label: ctx.t("crowdfunding.amount"), control: .text(autocomplete: "off", width: "10"), value: m.values["amount"],
                        error: e.message(for: "amount"), hint: ctx.t("crowdfunding.amount_hint"), required: true),
                    Form.radios(
                        "method", legend: ctx.t("crowdfunding.method"), options: methods,
                        selected: m.values["method"] ?? (m.cardAvailable ? PledgeMethod.card.rawValue : PledgeMethod.offline.rawValue),
                        error: e.message(for: "method"),
                        hint: ctx.t(m.summary.model == .allOrNothing ? "crowdfunding.method_hint_all" : "crowdfunding.method_hint_keep")),
                    Form.field(
                        "shown_name", label: ctx.t("crowdfunding.shown_name"), control: .text(autocomplete: "name"), value: m.values["shown_name"],
                        error: e.message(for: "shown_name")),
                    Form.checkbox("anonymous", label: ctx.t("crowdfunding.anonymous_pledge"), checked: Input.isTrue(m.values["anonymous"])),
                    Form.button(ctx.t("crowdfunding.pledge_button")),
                ]),
        ]
    }

    static func start(_ m: CrowdfundPages.Start, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let v = m.values
        let title = ctx.t(m.editing == nil ? "crowdfunding.start_title" : "crowdfunding.edit_title")
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Crowdfunding.mine, "class": "back-link"], [.text(ctx.t("crowdfunding.mine_title"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("crowdfunding.start_lead"))]),
        ]
        if let refusal = m.refusal {
            body.append(
                H.el(
                    "div", ["class": "notice", "role": "status"],
                    [H.el("p", [:], [.text(ctx.t("crowdfunding.refused_because"))]), H.el("p", [:], [.text(refusal)])]))
        }
        body.append(
            Form.post(
                m.editing.map(SiteURL.Crowdfunding.edit) ?? SiteURL.Crowdfunding.start, ctx,
                [
                    Form.field(
                        "title", label: ctx.t("crowdfunding.f.title"), control: .text(), value: v["title"], error: e.message(for: "title"),
                        required: true),
                    Form.field(
                        "summary", label: ctx.t("crowdfunding.f.summary"), control: .text(), value: v["summary"], error: e.message(for: "summary"),
                        hint: ctx.t("crowdfunding.f.summary_hint"), required: true),
                    Form.field(
                        "story", label: ctx.t("crowdfunding.f.story"), control: .textarea(rows: 8), value: v["story"], error: e.message(for: "story"),
                        hint: ctx.t("crowdfunding.f.story_hint"), required: true),
                    Form.radios(
                        "creator_kind", legend: ctx.t("crowdfunding.f.creator_kind"),
                        options: CreatorKind.allCases.map { .init($0.rawValue, ctx.t("crowdfunding.creator.\($0.rawValue)")) },
                        selected: v["creator_kind"],
                        error: e.message(for: "creator_kind")),
                    Form.field(
                        "group_name", label: ctx.t("crowdfunding.f.group_name"), control: .text(autocomplete: "organization"), value: v["group_name"],
                        error: e.message(for: "group_name"), required: true),
                    Form.field(
                        "ward", label: ctx.t("crowdfunding.f.ward"),
                        control: .select(m.wards.map { .init($0.code, $0.name) }, placeholder: ctx.t("crowdfunding.choose")),
                        value: v["ward"], error: e.message(for: "ward"), required: true),
                    Form.field(
                        "category", label: ctx.t("crowdfunding.f.category"),
                        control: .select(
                            CrowdfundProjectService.categories.map { .init($0, ctx.t("crowdfunding.category.\($0)")) },
                            placeholder: ctx.t("crowdfunding.choose")),
                        value: v["category"], error: e.message(for: "category"), required: true),
                    Form.field(
                        "items", label: ctx.t("crowdfunding.f.items"), control: .textarea(rows: 6), value: v["items"], error: e.message(for: "items"),
                        hint: ctx.t("crowdfunding.f.items_hint"), required: true),
                    Form.radios(
                        "funding_model", legend: ctx.t("crowdfunding.f.funding_model"),
                        options: [
                            .init(FundingModel.allOrNothing.rawValue, ctx.t("crowdfunding.model.all_or_nothing")),
                            .init(FundingModel.keepWhatYouRaise.rawValue, ctx.t("crowdfunding.model.keep")),
                        ], selected: v["funding_model"], error: e.message(for: "funding_model")),
                    Form.field(
                        "deadline", label: ctx.t("crowdfunding.f.deadline"), control: .text(type: "date", width: "10"), value: v["deadline"],
                        error: e.message(for: "deadline"), hint: ctx.t("crowdfunding.f.deadline_hint"), required: true),
                    Form.field(
                        "overfunding_days", label: ctx.t("crowdfunding.f.overfunding_days"), control: .text(type: "number", width: "3"),
                        value: v["overfunding_days"], error: e.message(for: "overfunding_days"), hint: ctx.t("crowdfunding.f.overfunding_hint")),
                    Form.field(
                        "overfunding_uses", label: ctx.t("crowdfunding.f.overfunding_uses"), control: .textarea(rows: 3),
                        value: v["overfunding_uses"],
                        error: e.message(for: "overfunding_uses")),
                    Form.button(ctx.t("crowdfunding.f.send")),
                ]))
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func mine(_ m: CrowdfundPages.Mine, _ ctx: PageContext) -> Page {
        let title = ctx.t("crowdfunding.mine_title")
        return Page(
            title: title,
            body: [
                H.el("a", ["href": SiteURL.Crowdfunding.list, "class": "back-link"], [.text(ctx.t("crowdfunding.back"))]),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.mine_pledges"))]),
                Lists.table(
                    m.pledges,
                    columns: [
                        .init(header: ctx.t("crowdfunding.project")) { H.link($0.project, SiteURL.Crowdfunding.project($0.projectID)) },
                        .init(header: ctx.t("crowdfunding.amount_short")) { .text(money($0.pledge.amountPence)) },
                        .init(header: ctx.t("crowdfunding.status")) { .text(ctx.t("crowdfunding.pledge_status.\($0.pledge.status)")) },
                        .init(header: ctx.t("crowdfunding.action")) { row in
                            row.open && [.pledged, .authorised].contains(row.pledge.statusValue)
                                ? Form.post(
                                    SiteURL.Crowdfunding.cancel(row.pledge.id!), ctx, [Form.button(ctx.t("crowdfunding.cancel"), secondary: true)])
                                : .empty
                        },
                    ], caption: ctx.t("crowdfunding.mine_pledges"), empty: ctx.t("crowdfunding.mine_no_pledges"), scrolls: true),
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.mine_projects"))]),
                Lists.table(
                    m.projects,
                    columns: [
                        .init(header: ctx.t("crowdfunding.project")) { s in
                            s.stage.isPublic ? H.link(s.title, SiteURL.Crowdfunding.project(s.id)) : .text(s.title)
                        },
                        .init(header: ctx.t("crowdfunding.status")) { s in
                            .text(stageText(s.stage, ctx) + (s.stage == .refused ? m.refusals[s.id].map { ": " + $0 } ?? "" : ""))
                        },
                        .init(header: ctx.t("crowdfunding.action")) { s in
                            H.el(
                                "span", [:],
                                [
                                    [.submitted, .refused].contains(s.stage)
                                        ? H.el("span", [:], [H.link(ctx.t("crowdfunding.change"), SiteURL.Crowdfunding.edit(s.id)), .text(" · ")])
                                        : .empty,
                                    H.link(ctx.t("crowdfunding.photos_short"), SiteURL.Crowdfunding.photos(s.id)),
                                ])
                        },
                    ], caption: ctx.t("crowdfunding.mine_projects"), empty: ctx.t("crowdfunding.mine_no_projects"), scrolls: true),
                H.link(ctx.t("crowdfunding.start_link"), SiteURL.Crowdfunding.start),
            ])
    }

    /// The creator's photos of their project: each with its alt text and a button to remove it, and a form to add one
    /// while it has fewer than four.
    static func photos(_ p: CrowdfundProject, photos: [CrowdfundPhotos.Meta], alt: String, errors: [FieldError], _ ctx: PageContext) -> Page {
        let e = ValidationFailure(errors)
        let title = ctx.t("crowdfunding.photos_title", p.title)
        var body: [HNode] = [
            Form.errorSummary(errors, ctx),
            H.el(
                "a", ["href": p.stageValue.isPublic ? SiteURL.Crowdfunding.project(p.id!) : SiteURL.Crowdfunding.mine, "class": "back-link"],
                [.text(p.stageValue.isPublic ? p.title : ctx.t("crowdfunding.mine_title"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("crowdfunding.photos_lead", String(CrowdfundPhotos.maxPhotos)))]),
        ]
        body.append(
            photos.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("crowdfunding.photos_none"))])
                : H.el(
                    "ul", ["class": "plain-list"],
                    photos.map { photo in
                        H.el(
                            "li", ["class": "card"],
                            [
                                image(p.id!, photo),
                                H.el("p", ["class": "hint"], [.text(ctx.t("crowdfunding.photo_alt_is", photo.alt))]),
                                Form.post(
                                    SiteURL.Crowdfunding.removePhoto(p.id!, photo.id), ctx,
                                    [Form.button(ctx.t("crowdfunding.photo_remove"), secondary: true)]),
                            ])
                    }))
        if photos.count < CrowdfundPhotos.maxPhotos {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("crowdfunding.photo_add"))]))
            body.append(
                Form.post(
                    SiteURL.Crowdfunding.photos(p.id!), ctx, PhotoUpload.fields(e, alt: alt, ctx) + [Form.button(ctx.t("photo.button"))],
                    multipart: true))
        }
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }
}
