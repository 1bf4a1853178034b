import Foundation
import ChorusCore

/// What residents see of a round, in their language, without script: the round and its proposals, the proposal
/// form, the ballot (one form; "Update totals" recounts the money left), the receipt and the results.
enum BudgetResidentViews {
    static func money(_ pence: Int64) -> String { MoneyText.pounds(pence) }

    static func phaseText(_ r: BudgetRoundService.Info, _ ctx: PageContext) -> HNode {
        let plan = r.settings.plan(r.phase)
        return H.el(
            "div", ["class": "notice"],
            [
                H.el("h2", ["class": "heading-m"], [.text(BudgetWording.phase(r.phase, ctx))]),
                .if(!plan.text.isEmpty, H.el("p", [:], [.text(plan.text)])),
                .unwrap(r.phase.acceptsBallots ? r.votingCloses : nil) { H.el("p", [:], [.text(ctx.t("pb.voting_closes", $0.description))]) },
            ])
    }

    static func rounds(_ rounds: [BudgetRoundService.Info], _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("pb.rounds_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.rounds_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("pb.rounds_lead"))]),
                rounds.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("pb.no_rounds"))])
                    : H.el(
                        "ul", ["class": "list"],
                        rounds.map { r in
                            H.el("li", [:], [H.link(r.title, SiteURL.Budgeting.publicRound(r.id)), .text(" · " + BudgetWording.phase(r.phase, ctx))])
                        }),
            ])
    }

    static func round(_ m: BudgetPages.Round, _ ctx: PageContext) -> Page {
        let r = m.round
        let actions: [HNode] = [
            .if(r.phase.acceptsProposals, H.el("p", [:], [H.link(ctx.t("pb.propose_link"), SiteURL.Budgeting.propose(r.id), class: "button")])),
            .if(
                r.phase.acceptsBallots,
                H.el(
                    "p", [:],
                    [H.link(ctx.t(m.voted == nil ? "pb.vote_link" : "pb.change_vote_link"), SiteURL.Budgeting.ballot(r.id), class: "button")])),
            .unwrap(m.voted) { H.el("p", [:], [.text(ctx.t("pb.you_voted", $0))]) },
            .if(r.phase == .results, H.el("p", [:], [H.link(ctx.t("pb.results_link"), SiteURL.Budgeting.results(r.id), class: "button")])),
        ]
        let filters = Lists.filterBar(
            action: SiteURL.Budgeting.publicRound(r.id), ctx,
            fields: [
                Form.field(
                    "ward", label: ctx.t("pb.ward"),
                    control: .select(m.wards.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: ctx.t("pb.all_wards")),
                    value: m.ward?.uuidString, error: nil),
                .if(
                    !r.settings.categories.isEmpty,
                    Form.field(
                        "category", label: ctx.t("pb.category"),
                        control: .select(r.settings.categories.map { Form.Option($0, $0) }, placeholder: ctx.t("pb.all_categories")),
                        value: m.category, error: nil)),
            ])
        return Page(
            title: r.title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(r.title)]),
                H.el("p", ["class": "lead"], [.text(r.intro)]),
                phaseText(r, ctx),
                H.el(
                    "ul", ["class": "list"],
                    m.pots.map { pot in
                        H.el("li", [:], [.text(ctx.t("pb.pot_line", pot.name, money(pot.budget), pot.ward ?? ctx.t("pb.whole_area")))])
                    }),
            ] + actions + [
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("pb.proposals"))]),
                filters,
                m.proposals.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("pb.no_proposals"))])
                    : H.el("ol", ["class": "list proposals"], m.proposals.map { proposal($0, roundID: r.id, ctx) }),
            ])
    }

    static func proposal(_ p: BudgetPages.Proposal, roundID: UUID, _ ctx: PageContext) -> HNode {
        H.el(
            "li", ["class": "proposal", "id": "p-" + p.reference],
            [
                H.el("h3", ["class": "heading-s"], [.text(p.title)]),
                H.el(
                    "p", ["class": "hint"],
                    [.text([p.reference, money(p.cost), p.ward ?? ctx.t("pb.whole_area"), p.category].compactMap { $0 }.joined(separator: " · "))]),
                .unwrap(p.photo) { photo in
                    H.void(
                        "img",
                        [
                            "src": SiteURL.Budgeting.photo(roundID, p.reference), "alt": photo.alt, "width": String(photo.width),
                            "height": String(photo.height), "loading": "lazy", "class": "proposal-photo",
                        ])
                },
                H.el("p", [:], [.text(p.description)]),
                .unwrap(p.proposedCost) { was in H.el("p", [:], [.text(ctx.t("pb.cost_changed", money(was), money(p.cost), p.costReason ?? ""))]) },
                H.el(
                    "p", [:],
                    [
                        H.el("strong", [:], [.text(BudgetWording.feasibility(p.feasibility, ctx))]),
                        .unwrap(p.feasibilityReason) { .text(" " + $0) },
                        .unwrap(p.reviewer) { .text(" " + ctx.t("pb.reviewed_by", $0)) },
                    ]),
                .if(p.merged > 0, H.el("p", ["class": "hint"], [.text(ctx.t("pb.merged_count", String(p.merged)))])),
                .if(p.mine, H.el("p", ["class": "hint"], [.text(ctx.t("pb.yours"))])),
                .if(
                    p.canAddPhoto,
                    H.el(
                        "p", [:],
                        [
                            H.link(
                                ctx.t(p.photo == nil ? "pb.photo_add_link" : "pb.photo_change_link"), SiteURL.Budgeting.addPhoto(roundID, p.reference)
                            )
                        ])),
            ])
    }

    static func propose(_ m: BudgetPages.Propose, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let r = m.round
        return Page(
            title: ctx.t("pb.propose_title"),
            body: [
                H.el("a", ["href": SiteURL.Budgeting.publicRound(r.id), "class": "back-link"], [.text(r.title)]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.propose_title"))]),
                H.el("p", ["class": "hint"], [.text(r.title)]),
                Form.post(
                    SiteURL.Budgeting.propose(r.id), ctx,
                    [
                        Form.field(
                            "title", label: ctx.t("pb.proposal_title"), control: .text(), value: m.input["title"], error: e.message(for: "title"),
                            required: true),
                        Form.field(
                            "description", label: ctx.t("pb.proposal_description"), control: .textarea(rows: 6), value: m.input["description"],
                            error: e.message(for: "description"), hint: ctx.t("pb.proposal_description_hint"), required: true),
                        Form.field(
                            "cost", label: ctx.t("pb.proposal_cost"), control: .text(autocomplete: "off", width: "10"), value: m.input["cost"],
                            error: e.message(for: "cost"), hint: ctx.t("pb.proposal_cost_hint"), required: true),
                        Form.field(
                            "ward", label: ctx.t("pb.ward"),
                            control: .select(m.wards.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: ctx.t("pb.whole_area")),
                            value: m.input["ward"], error: e.message(for: "ward")),
                        .if(
                            !r.settings.categories.isEmpty,
                            Form.field(
                                "category", label: ctx.t("pb.category"),
                                control: .select(r.settings.categories.map { Form.Option($0, $0) }, placeholder: ctx.t("pb.no_category")),
                                value: m.input["category"], error: e.message(for: "category"))),
                        m.bot.html(),
                        Form.button(ctx.t("pb.propose_button")),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// The proposer adds a photo to their proposal: a JPEG or PNG, and what it shows in words.
    static func photo(_ r: BudgetRoundService.Info, proposal p: BudgetProposal, alt: String, errors: [FieldError], _ ctx: PageContext) -> Page {
        let e = ValidationFailure(errors)
        return Page(
            title: ctx.t("pb.photo_title"),
            body: [
                H.el("a", ["href": SiteURL.Budgeting.publicRound(r.id), "class": "back-link"], [.text(r.title)]),
                Form.errorSummary(errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.photo_title"))]),
                H.el("p", ["class": "hint"], [.text(p.title)]),
                Form.post(
                    SiteURL.Budgeting.addPhoto(r.id, p.reference), ctx,
                    PhotoUpload.fields(e, alt: alt, ctx) + [Form.button(ctx.t("photo.button"))], multipart: true),
            ],
            status: errors.isEmpty ? .ok : .badRequest)
    }

    static func proposed(_ r: BudgetRoundService.Info, reference: String, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("pb.proposed_title"),
            body: [
                H.el(
                    "div", ["class": "notice"],
                    [
                        H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.proposed_title"))]),
                        H.el("p", [:], [.text(ctx.t("pb.reference")), H.el("strong", ["class": "reference"], [.text(reference)])]),
                    ]),
                H.el("p", [:], [.text(ctx.t("pb.proposed_next"))]),
                H.el("p", [:], [H.link(ctx.t("pb.photo_add_link"), SiteURL.Budgeting.addPhoto(r.id, reference))]),
                H.el("p", [:], [H.link(r.title, SiteURL.Budgeting.publicRound(r.id))]),
            ])
    }

    static func closed(_ r: BudgetRoundService.Info, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("pb.not_now_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.not_now_title"))]),
                phaseText(r, ctx),
                H.el("p", [:], [H.link(r.title, SiteURL.Budgeting.publicRound(r.id))]),
            ],
            status: .conflict)
    }

    static func ballot(_ m: BudgetPages.Ballot, _ ctx: PageContext) -> Page {
        let r = m.round
        let e = ValidationFailure(m.errors)
        let kind = r.rules.kind
        let pots: [HNode] = m.pots.enumerated().map { n, pot in
            let mine = m.choices.filter { c in pot.projects.contains { $0.reference == c.key } }
            let spent = BallotCheck.spent(mine, in: pot.ballotPot)
            let fieldID = Form.fieldID("pot-\(n + 1)")
            let error = e.message(for: "pot-\(n + 1)")
            return H.el(
                "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                [
                    H.el(
                        "fieldset",
                        [
                            "class": "fieldset", "id": fieldID, "tabindex": "-1",
                            // The pot's problem is read with its rules when the error summary's link brings focus here.
                            "aria-describedby": fieldID + "-hint" + (error == nil ? "" : " " + fieldID + "-error"),
                        ],
                        [
                            H.el("legend", ["class": "legend heading-m"], [.text(pot.pot.name)]),
                            H.el(
                                "p", ["class": "hint", "id": fieldID + "-hint"],
                                [.text(BudgetWording.rules(r.rules, budget: pot.pot.budgetPence, ctx))]),
                            .unwrap(error) { msg in
                                H.el(
                                    "p", ["class": "error-message", "id": fieldID + "-error"],
                                    [H.el("span", ["class": "visually-hidden"], [.text(ctx.t("pb.error") + " ")]), .text(msg)])
                            },
                            .if(
                                kind == .knapsack,
                                H.el(
                                    "p", ["class": "money-left", "role": "status"],
                                    [.text(ctx.t("pb.money_left", money(pot.pot.budgetPence - spent), money(spent)))])),
                            H.el(
                                "div", ["class": kind == .approval || kind == .knapsack ? "checkboxes" : "number-choices"],
                                pot.projects.map { p in
                                    choice(
                                        p, kind, value: m.choices[p.reference].map(String.init), label: p.title + " (" + money(p.costPence) + ")",
                                        describe: true, error: e.message(for: BudgetBallotService.errorField(p.reference)))
                                }),
                        ])
                ])
        }
        let ward: HNode =
            m.asksPostcode
            ? Form.field(
                "postcode", label: ctx.t("pb.postcode"), control: .text(autocomplete: "postal-code", width: "10"), value: m.postcode,
                error: e.message(for: "postcode"),
                hint: m.placeID.flatMap { m.wardNames[$0] }.map { ctx.t("pb.postcode_ward", $0) } ?? ctx.t("pb.postcode_hint"))
            : .text("")
        return Page(
            title: ctx.t("pb.ballot_title"),
            body: [
                H.el("a", ["href": SiteURL.Budgeting.publicRound(r.id), "class": "back-link"], [.text(r.title)]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.ballot_title"))]),
                H.el("p", ["class": "hint"], [.text(r.title)]),
                .unwrap(m.existing) { H.el("p", ["class": "notice"], [.text(ctx.t("pb.you_voted", $0))]) },
                .if(m.checked && m.errors.isEmpty, H.el("p", ["class": "notice", "role": "status"], [.text(ctx.t("pb.ready_to_send"))])),
                Form.post(
                    SiteURL.Budgeting.ballot(r.id), ctx,
                    [ward] + pots + [
                        .unwrap(r.settings.minimumAge) { age in
                            Form.checkbox("age", label: ctx.t("pb.age_declare", String(age)), checked: m.ageDeclared, error: e.message(for: "age"))
                        },
                        H.el(
                            "div", ["class": "button-group"],
                            [
                                H.el(
                                    "button", ["type": "submit", "name": "action", "value": "update", "class": "button secondary"],
                                    [.text(ctx.t("pb.update_totals"))]),
                                H.el(
                                    "button", ["type": "submit", "name": "action", "value": "send", "class": "button"], [.text(ctx.t("pb.send_vote"))]
                                ),
                                .if(
                                    r.rules.blankAllowed,
                                    H.el(
                                        "button", ["type": "submit", "name": "action", "value": "blank", "class": "button secondary"],
                                        [.text(ctx.t("pb.send_blank"))])),
                            ]),
                    ]),
            ],
            status: m.errors.isEmpty || m.checked ? .ok : .badRequest)
    }

    /// One project on a ballot (a resident's, or a paper one keyed in): a checkbox, or a number for points or rank,
    /// labelled with its title and cost; `value` is what the voter gave (nil: not chosen); `error`, a number that was
    /// not one (`BudgetBallotService.errorField`).
    static func choice(_ p: BudgetProposal, _ kind: BallotKind, value: String?, label: String, describe: Bool, error: String? = nil) -> HNode {
        let id = Form.fieldID(BudgetBallotService.errorField(p.reference))
        let about: HNode = describe ? H.el("p", ["class": "hint", "id": id + "-hint"], [.text(p.description)]) : .text("")
        let describedBy = Form.describedBy(id, hint: describe ? "" : nil, error: error)
        switch kind {
        case .approval, .knapsack:
            return H.el(
                "div", ["class": "checkbox"],
                [
                    H.void(
                        "input",
                        [
                            "type": "checkbox", "id": id, "name": "choice", "value": p.reference, "aria-describedby": describedBy,
                            "checked": value != nil ? "" : nil,
                        ]),
                    H.el("label", ["for": id], [.text(label)]),
                    about,
                ])
        case .cumulative, .ranked:
            return H.el(
                "div", ["class": "form-group" + (error == nil ? "" : " form-group-error")],
                [
                    H.el("label", ["for": id, "class": "label"], [.text(label)]),
                    about,
                    .unwrap(error) { H.el("p", ["class": "error-message", "id": id + "-error"], [.text($0)]) },
                    H.void(
                        "input",
                        [
                            "type": "text", "inputmode": "numeric", "id": id, "name": BudgetBallotService.field(kind, p.reference),
                            "class": "input input-3", "aria-describedby": describedBy, "aria-invalid": error == nil ? nil : "true",
                            "value": value ?? "",
                        ]),
                ])
        }
    }

    static func voted(_ r: BudgetRoundService.Info, reference: String?, emailed: Bool, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("pb.voted_title"),
            body: [
                H.el(
                    "div", ["class": "notice"],
                    [
                        H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.voted_title"))]),
                        .unwrap(reference) { H.el("p", [:], [.text(ctx.t("pb.reference")), H.el("strong", ["class": "reference"], [.text($0)])]) },
                    ]),
                H.el("p", [:], [.text(ctx.t("pb.voted_next"))]),
                .if(emailed, H.el("p", [:], [.text(ctx.t("pb.voted_emailed"))])),
                H.el("p", [:], [H.link(r.title, SiteURL.Budgeting.publicRound(r.id))]),
            ])
    }
    static func results(_ m: BudgetResults.Page, _ ctx: PageContext) -> Page {
        let r = m.round
        let lookup: HNode = .unwrap(m.lookup) { l in
            H.el(
                "p", ["class": l.found ? "notice" : "warning-panel", "role": "status"],
                [.text(ctx.t(l.found ? "pb.lookup_found" : "pb.lookup_missing", l.reference))])
        }
        let pots: [HNode] = m.pots.map { pot in
            H.el(
                "section", ["class": "pot"],
                [
                    H.el("h2", ["class": "heading-l"], [.text(pot.name + (pot.ward.map { " (" + $0 + ")" } ?? ""))]),
                    H.el(
                        "p", [:],
                        [.text(ctx.t("pb.pot_summary", money(pot.budget), money(pot.spent), NumberText.grouped(pot.voters)))]),
                    Lists.table(
                        pot.projects,
                        columns: [
                            .init(header: ctx.t("pb.project")) { p in .text(p.title + " (" + p.reference + ")") },
                            .init(header: ctx.t("pb.cost")) { .text(money($0.cost)) },
                            .init(header: ctx.t("pb.supporters")) { .text(NumberText.grouped($0.result?.supporters ?? 0)) },
                            .init(header: ctx.t("pb.funded")) { .text(ctx.t($0.funded ? "common.yes" : "common.no")) },
                            .init(header: ctx.t("pb.why")) { p in
                                H.el(
                                    "span", [:],
                                    [
                                        .text(p.result.map { BudgetWording.why($0, ctx) } ?? ""),
                                        .unwrap(p.override) { o in
                                            H.el("strong", [:], [.text(" " + ctx.t(o.fund ? "pb.override_fund" : "pb.override_drop", o.reason))])
                                        },
                                    ])
                            },
                            .init(header: ctx.t("pb.delivery")) { .text(BudgetWording.delivery(of: $0, ctx)) },
                        ], caption: ctx.t("pb.results_caption", pot.name), empty: ctx.t("pb.no_proposals"), scrolls: true),
                ])
        }
        return Page(
            title: ctx.t("pb.results_title", r.title),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("pb.results_title", r.title))]),
                H.el(
                    "p", ["class": "lead"],
                    [.text(ctx.t("pb.results_lead", NumberText.grouped(m.ballots), NumberText.grouped(m.paper), NumberText.grouped(m.blank)))]),
                H.el("p", [:], [.text(BudgetWording.rule(r.rule, seed: r.seed, ctx))]),
                H.el(
                    "form", ["method": "get", "action": SiteURL.Budgeting.results(r.id), "class": "lookup"],
                    [
                        Form.field(
                            "ref", label: ctx.t("pb.lookup_label"), control: .text(autocomplete: "off", width: "10"), value: m.lookup?.reference,
                            error: nil),
                        Form.button(ctx.t("pb.lookup_button"), secondary: true),
                    ]),
                lookup,
            ] + pots + [
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("pb.turnout"))]),
                Lists.table(
                    m.turnout,
                    columns: [
                        .init(header: ctx.t("pb.ward")) { .text($0.ward) },
                        .init(header: ctx.t("pb.ballots")) {
                            .text($0.ballots.text(fewer: ctx.t("pb.fewer_than_5"), notShown: ctx.t("pb.not_shown")))
                        },
                        .init(header: ctx.t("pb.population")) { .text($0.population.map(NumberText.grouped) ?? "") },
                        .init(header: ctx.t("pb.per_1000")) { t in
                            guard let n = t.ballots.value, let people = t.population, people > 0 else { return .text("") }
                            return .text(String(format: "%.1f", Double(n) * 1000 / Double(people)))
                        },
                    ], caption: ctx.t("pb.turnout"), empty: ctx.t("pb.no_wards"), scrolls: true),
            ])
    }
}
