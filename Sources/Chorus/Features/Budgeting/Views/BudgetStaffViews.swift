import Foundation
import ChorusCore

/// Staff pages for participatory budgeting rounds (English, docs/development.md): the list, the settings form, the
/// round's page (pots, phase, proposals, results), one proposal's decisions, and keying in paper ballots.
enum BudgetStaffViews {
    static func money(_ pence: Int64) -> String { MoneyText.pounds(pence) }

    static let phaseNames: [BudgetPhase: String] = [
        .draft: "Draft", .proposals: "Proposals open", .review: "Feasibility review", .voting: "Voting open", .counting: "Voting closed",
        .results: "Results published",
    ]

    static func list(_ rows: [BudgetRoundService.Row], _ ctx: PageContext) -> Page {
        Page(
            title: "Participatory budgeting",
            body: [
                H.el("h1", ["class": "heading-xl"], [.text("Participatory budgeting")]),
                H.el(
                    "p", [:],
                    [H.link("New round", SiteURL.Budgeting.new, class: "button"), .text(" "), H.link("Check an outcome", SiteURL.Budgeting.check)]),
                Lists.table(
                    rows,
                    columns: [
                        .init(header: "Round") { H.link($0.info.title, SiteURL.Budgeting.round($0.info.id)) },
                        .init(header: "Phase") { .text(phaseNames[$0.info.phase] ?? "") },
                        .init(header: "Proposals") { .text(NumberText.grouped($0.proposals)) },
                        .init(header: "Ballots") { .text(NumberText.grouped($0.ballots)) },
                    ], caption: "Rounds", empty: "No rounds yet."),
            ])
    }

    struct FormModel: Sendable {
        let round: BudgetRoundService.Info?
        let activities: PickerChoices
        let input: Input
        let errors: [FieldError]
    }

    static func settingsFields(_ m: FormModel, _ ctx: PageContext) -> [HNode] {
        let e = ValidationFailure(m.errors)
        let i = m.input
        func text(_ name: String, _ label: String, hint: String? = nil, width: String? = nil, required: Bool = false) -> HNode {
            Form.field(name, label: label, control: .text(width: width), value: i[name], error: e.message(for: name), hint: hint, required: required)
        }
        return [
            Form.field(
                "activity_id", label: "Activity",
                control: .select(m.activities.items.map { Form.Option($0.id.uuidString, $0.label) }, placeholder: "Choose"),
                value: i["activity_id"], error: e.message(for: "activity_id"),
                hint: "The register activity this round is part of: its plan, dates and privacy notice apply.", required: true),
            text("title", "Title", required: true),
            Form.field(
                "intro", label: "Introduction", control: .textarea(rows: 4), value: i["intro"], error: e.message(for: "intro"), required: true),
            Form.field(
                "ballot_kind", label: "Ballot",
                control: .select(
                    [
                        Form.Option("approval", "Approval: tick the projects you support"),
                        Form.Option("knapsack", "Knapsack: choose projects up to the pot's money"),
                        Form.Option("cumulative", "Cumulative: share out points"),
                        Form.Option("ranked", "Ranked: number your choices 1, 2, 3…"),
                    ], placeholder: nil),
                value: i["ballot_kind"], error: e.message(for: "ballot_kind")),
            text("minimum", "Fewest choices in a pot", hint: "0 for none.", width: "4"),
            text("maximum", "Most choices in a pot", hint: "Empty for no limit.", width: "4"),
            text("points", "Points each voter shares out (cumulative)", width: "4"),
            text("max_points_per_project", "Most points on one project (cumulative)", hint: "Empty for no limit.", width: "4"),
            Form.checkbox("blank_allowed", label: "Voters may send a blank ballot", checked: Input.isTrue(i["blank_allowed"])),
            Form.field(
                "outcome_rule", label: "Outcome rule",
                control: .select(BudgetRule.allCases.map { Form.Option($0.rawValue, $0.label) }, placeholder: nil), value: i["outcome_rule"],
                error: e.message(for: "outcome_rule"), hint: "docs/pb-rules.md explains each rule."),
            text("tie_seed", "Tie seed", hint: "Published when voting opens; exact ties follow the order it draws. Empty: lower reference first."),
            text("voting_closes_on", "Voting closes on", hint: "yyyy-mm-dd. The last day ballots are taken.", width: "10"),
            text("minimum_age", "Minimum age", hint: "Voters declare they are this old. Empty for none.", width: "4"),
            Form.field(
                "categories", label: "Categories", control: .textarea(rows: 2), value: i["categories"], error: e.message(for: "categories"),
                hint: "Separated by commas, like: Parks, Streets, Young people."),
        ]
            + BudgetPhase.allCases.filter { $0 != .draft }.flatMap { phase -> [HNode] in
                let name = phaseNames[phase] ?? ""
                return [
                    Form.field(
                        "text_" + phase.rawValue, label: "What residents read: " + name, control: .textarea(rows: 2),
                        value: i["text_" + phase.rawValue],
                        error: e.message(for: "text_" + phase.rawValue)),
                    text("starts_" + phase.rawValue, name + ": planned start", hint: "yyyy-mm-dd, shown to residents as the plan.", width: "10"),
                    text("ends_" + phase.rawValue, name + ": planned end", hint: "yyyy-mm-dd.", width: "10"),
                ]
            }
    }

    static func form(_ m: FormModel, _ ctx: PageContext) -> Page {
        Page(
            title: "New participatory budgeting round",
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text("New participatory budgeting round")]),
                Form.post(SiteURL.Budgeting.new, ctx, settingsFields(m, ctx) + [Form.button("Create the round")]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func overview(_ m: BudgetStaffPages.Overview, _ ctx: PageContext) -> Page {
        let i = m.info
        let e = ValidationFailure(m.errors)
        let next = i.phase.next
        let phase: HNode = H.el(
            "section", [:],
            [
                H.el("h2", ["class": "heading-l"], [.text("Phase: " + (phaseNames[i.phase] ?? ""))]),
                .unwrap(e.message(for: "phase")) { H.el("p", ["class": "error-message", "id": "f-phase"], [.text($0)]) },
                .if(!m.blockers.isEmpty && next != nil, H.el("ul", ["class": "list"], m.blockers.map { H.el("li", [:], [.text($0)]) })),
                .unwrap(m.canEdit ? next : nil) { n in
                    Form.post(SiteURL.Budgeting.advance(i.id), ctx, [Form.button("Move to: " + (phaseNames[n] ?? ""), warning: n == .results)])
                },
                .if(i.phase.isPublic, H.el("p", [:], [H.link("The round as residents see it", SiteURL.Budgeting.publicRound(i.id))])),
                .if(i.phase.acceptsBallots && m.canEdit, H.el("p", [:], [H.link("Key in a paper ballot", SiteURL.Budgeting.paper(i.id))])),
                H.el("p", [:], [.text("Ballots: " + NumberText.grouped(m.ballots))]),
            ])
        let pots: HNode = H.el(
            "section", [:],
            [
                H.el("h2", ["class": "heading-l"], [.text("Pots")]),
                Lists.table(
                    m.pots,
                    columns: [
                        .init(header: "Pot") { .text($0.name) },
                        .init(header: "Money") { .text(money($0.budgetPence)) },
                        .init(header: "Who votes in it") { pot in
                            .text(pot.placeID.flatMap { id in m.wards.first { $0.id == id }?.name } ?? "The whole area")
                        },
                        .init(header: "Population") { pot in .text(m.population(of: pot).map { NumberText.grouped($0) } ?? "Not known") },
                        .init(header: "Pabulib file") { pot in
                            H.el(
                                "span", [:],
                                [
                                    H.link("Download", SiteURL.Budgeting.export(i.id, pot: pot.id!)), .text(" · "),
                                    H.link("with wards", SiteURL.Budgeting.export(i.id, pot: pot.id!, ward: true)),
                                ])
                        },
                    ], caption: "Pots", empty: "No pots yet: add one."),
                .if(
                    m.canEdit && !i.phase.ballotFixed,
                    Form.post(
                        SiteURL.Budgeting.pots(i.id), ctx,
                        [
                            Form.field(
                                "pot_name", label: "Pot name", control: .text(), value: m.input["pot_name"], error: e.message(for: "pot_name")),
                            Form.field(
                                "pot_budget", label: "Money", control: .text(width: "10"), value: m.input["pot_budget"],
                                error: e.message(for: "pot_budget"),
                                hint: "In pounds, like £50,000."),
                            Form.field(
                                "pot_ward", label: "Ward",
                                control: .select(m.wards.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: "The whole area"),
                                value: m.input["pot_ward"], error: e.message(for: "pot_ward")),
                            Form.button("Add the pot", secondary: true),
                        ])),
            ])
        let proposals: HNode = H.el(
            "section", [:],
            [
                H.el("h2", ["class": "heading-l"], [.text("Proposals")]),
                Lists.table(
                    m.proposals,
                    columns: [
                        .init(header: "Proposal") { r in
                            H.link(r.proposal.reference + ": " + r.proposal.title, SiteURL.Budgeting.proposal(i.id, r.proposal.id!))
                        },
                        .init(header: "Cost") { .text(money($0.proposal.costPence)) },
                        .init(header: "Pot") { .text($0.pot ?? "None") },
                        .init(header: "Ward") { .text($0.ward ?? "") },
                        .init(header: "From") { .text($0.from) },
                        .init(header: "Status") { .text($0.proposal.status) },
                        .init(header: "Feasibility") { .text($0.proposal.feasibility.replacingOccurrences(of: "_", with: " ")) },
                    ], caption: "Proposals", empty: "No proposals yet."),
                .if(
                    m.canEdit && !i.phase.ballotFixed,
                    H.el(
                        "details", ["class": "details"],
                        [
                            H.el("summary", [:], [.text("Add a proposal for a group or service")]),
                            Form.post(
                                SiteURL.Budgeting.addProposal(i.id), ctx,
                                [
                                    Form.field(
                                        "on_behalf_of", label: "Proposed by", control: .text(), value: m.input["on_behalf_of"],
                                        error: e.message(for: "on_behalf_of"), hint: "The group or service, shown with the proposal."),
                                    Form.field(
                                        "title", label: "Title", control: .text(), value: nil, error: e.message(for: "title"), id: "f-p-title"),
                                    Form.field(
                                        "description", label: "Description", control: .textarea(rows: 3), value: nil,
                                        error: e.message(for: "description"),
                                        id: "f-p-description"),
                                    Form.field(
                                        "cost", label: "Cost", control: .text(width: "10"), value: nil, error: e.message(for: "cost"), id: "f-p-cost"),
                                    Form.field(
                                        "ward", label: "Ward",
                                        control: .select(m.wards.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: "The whole area"),
                                        value: nil, error: e.message(for: "ward"), id: "f-p-ward"),
                                    Form.button("Add the proposal", secondary: true),
                                ]),
                        ])),
            ])
        let results: HNode = .unwrap(m.results) { r in
            H.el(
                "section", [:],
                [H.el("h2", ["class": "heading-l"], [.text("Results")])]
                    + r.pots.map { pot in
                        Lists.table(
                            pot.projects,
                            columns: [
                                .init(header: "Project") { .text($0.reference + ": " + $0.title) },
                                .init(header: "Cost") { .text(money($0.cost)) },
                                .init(header: "Supporters") { .text(NumberText.grouped($0.result?.supporters ?? 0)) },
                                .init(header: "Funded") { .text($0.funded ? "Yes" : "No") },
                                .init(header: "Why") { p in
                                    .text(p.result.map { BudgetCheck.why($0, scoreWord: "votes", money: { BudgetWording.money($0) }) } ?? "")
                                },
                            ], caption: pot.name + ": " + money(pot.spent) + " of " + money(pot.budget) + " funded", empty: "No projects.")
                    })
        }
        return Page(
            title: i.title,
            body: [
                H.el("a", ["href": SiteURL.Budgeting.list, "class": "back-link"], [.text("All rounds")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(i.title)]),
                phase, pots, proposals, results,
                .if(
                    m.canEdit,
                    H.el(
                        "details", ["class": "details"],
                        [
                            H.el("summary", [:], [.text("Settings")]),
                            Form.post(
                                SiteURL.Budgeting.settings(i.id), ctx,
                                settingsFields(.init(round: i, activities: m.activities, input: m.input, errors: m.errors), ctx) + [
                                    Form.button("Save settings")
                                ]),
                        ])),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func proposal(_ m: BudgetStaffPages.Proposal, _ ctx: PageContext) -> Page {
        let p = m.proposal
        let e = ValidationFailure(m.errors)
        let fixed = m.info.phase.ballotFixed
        return Page(
            title: p.reference + ": " + p.title,
            body: [
                H.el("a", ["href": SiteURL.Budgeting.round(m.info.id), "class": "back-link"], [.text(m.info.title)]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(p.title)]),
                H.el("p", ["class": "hint"], [.text(p.reference + " · " + money(p.costPence) + " · " + p.status + " · " + p.feasibility)]),
                H.el("p", [:], [.text(p.description)]),
                photo(m, e, ctx),
                .unwrap(m.mergedInto) { H.el("p", ["class": "notice"], [.text("Merged into " + $0.reference + ": " + $0.title)]) },
                .if(
                    !fixed && p.status == BudgetProposalService.Status.submitted.rawValue,
                    Form.post(
                        SiteURL.Budgeting.moderate(m.info.id, p.id!), ctx,
                        [
                            H.el("h2", ["class": "heading-m"], [.text("Moderation")]),
                            Form.field(
                                "reason", label: "Reason (needed to reject; the proposer reads it)", control: .textarea(rows: 2),
                                value: m.input["reason"],
                                error: e.message(for: "reason")),
                            H.el(
                                "div", ["class": "button-group"],
                                [
                                    H.el(
                                        "button", ["type": "submit", "name": "decision", "value": "publish", "class": "button"], [.text("Publish")]),
                                    H.el(
                                        "button", ["type": "submit", "name": "decision", "value": "reject", "class": "button warning"],
                                        [.text("Reject")]),
                                ]),
                        ])),
                .if(
                    !fixed && p.status == BudgetProposalService.Status.published.rawValue,
                    Form.post(
                        SiteURL.Budgeting.review(m.info.id, p.id!), ctx,
                        [
                            H.el("h2", ["class": "heading-m"], [.text("Feasibility review")]),
                            Form.field(
                                "feasibility", label: "Feasibility",
                                control: .select(
                                    [
                                        Form.Option("pending", "Not reviewed yet"), Form.Option("feasible", "Feasible"),
                                        Form.Option("not_feasible", "Not feasible"),
                                    ],
                                    placeholder: nil), value: m.input["feasibility"], error: e.message(for: "feasibility")),
                            Form.field(
                                "feasibility_reason", label: "Reason (published with your name)", control: .textarea(rows: 3),
                                value: m.input["feasibility_reason"], error: e.message(for: "feasibility_reason")),
                            Form.field("cost", label: "Cost", control: .text(width: "10"), value: m.input["cost"], error: e.message(for: "cost")),
                            Form.field(
                                "cost_reason", label: "Reason for a changed cost (published)", control: .textarea(rows: 2),
                                value: m.input["cost_reason"],
                                error: e.message(for: "cost_reason")),
                            Form.field(
                                "pot", label: "Pot", control: .select(m.pots.map { Form.Option($0.id!.uuidString, $0.name) }, placeholder: "Choose"),
                                value: m.input["pot"], error: e.message(for: "pot")),
                            Form.button("Save the review"),
                        ])),
                .if(
                    !fixed && p.status != BudgetProposalService.Status.merged.rawValue && !m.others.isEmpty,
                    Form.post(
                        SiteURL.Budgeting.merge(m.info.id, p.id!), ctx,
                        [
                            H.el("h2", ["class": "heading-m"], [.text("Merge with a similar proposal")]),
                            Form.field(
                                "into", label: "Merge into",
                                control: .select(
                                    m.others.map { Form.Option($0.id!.uuidString, $0.reference + ": " + $0.title) }, placeholder: "Choose"),
                                value: m.input["into"], error: e.message(for: "into"), hint: "Both proposers stay on record."),
                            Form.button("Merge", secondary: true),
                        ])),
                .if(m.info.phase == .results && p.status == BudgetProposalService.Status.published.rawValue, afterResults(m, e, ctx)),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// The proposal's photo with its alt text and a button to remove it (moderation), and a form to add or replace it.
    static func photo(_ m: BudgetStaffPages.Proposal, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let p = m.proposal
        return H.el(
            "section", [:],
            [
                H.el("h2", ["class": "heading-m"], [.text("Photo")]),
                .unwrap(m.photo) { photo in
                    H.el(
                        "div", [:],
                        [
                            H.void(
                                "img",
                                [
                                    "src": SiteURL.Budgeting.photo(m.info.id, p.reference), "alt": photo.alt, "width": String(photo.width),
                                    "height": String(photo.height), "class": "proposal-photo",
                                ]),
                            H.el("p", ["class": "hint"], [.text("Alt text: " + photo.alt)]),
                            Form.post(SiteURL.Budgeting.removePhoto(m.info.id, p.id!), ctx, [Form.button("Remove the photo", warning: true)]),
                        ])
                },
                Form.post(
                    SiteURL.Budgeting.staffPhoto(m.info.id, p.id!), ctx,
                    [
                        Form.field(
                            "image", label: m.photo == nil ? "Add a photo" : "Replace the photo", control: .file(accept: "image/jpeg,image/png"),
                            value: nil,
                            error: e.message(for: "image"), hint: "JPEG or PNG, up to 8 MB. Location and device details are removed."),
                        Form.field(
                            "image_alt", label: "What the photo shows (alt text)", control: .text(), value: nil, error: e.message(for: "image_alt")),
                        Form.button("Save the photo", secondary: true),
                    ], multipart: true),
            ])
    }

    /// Once results are published: a decision on the outcome (fund or drop, with the reason) and the delivery.
    static func afterResults(_ m: BudgetStaffPages.Proposal, _ e: ValidationFailure, _ ctx: PageContext) -> HNode {
        let p = m.proposal
        return H.el(
            "div", [:],
            [
                Form.post(
                    SiteURL.Budgeting.override(m.info.id, p.id!), ctx,
                    [
                        H.el("h2", ["class": "heading-m"], [.text("Decision on the outcome")]),
                        Form.field(
                            "override", label: "Decision",
                            control: .select(
                                [
                                    Form.Option("none", "As the count decided"), Form.Option("fund", "Fund it by decision"),
                                    Form.Option("drop", "Do not fund it, by decision"),
                                ], placeholder: nil), value: m.input["override"], error: e.message(for: "override")),
                        Form.field(
                            "override_reason", label: "Reason (residents read it on the results page)", control: .textarea(rows: 2),
                            value: m.input["override_reason"], error: e.message(for: "override_reason")),
                        Form.button("Record the decision", secondary: true),
                    ]),
                Form.post(
                    SiteURL.Budgeting.delivery(m.info.id, p.id!), ctx,
                    [
                        H.el("h2", ["class": "heading-m"], [.text("Delivery")]),
                        Form.field(
                            "delivery_action", label: "Delivered by the action",
                            control: .select(
                                m.actions.map { Form.Option($0.id.uuidString, $0.title + " (" + $0.status.label + "): " + $0.decision) },
                                placeholder: "No action: set the state below"),
                            value: m.input["delivery_action"], error: e.message(for: "delivery_action"),
                            hint: m.actions.isEmpty
                                ? "No decision is linked to this round's activity yet: record one in Decisions and link the activity, then its actions appear here."
                                : "Its status is then the project's, and the project joins the activity's decision and action trail."),
                        Form.field(
                            "delivery", label: "State (without an action)",
                            control: .select(
                                BudgetProposalService.Delivery.allCases.map {
                                    Form.Option($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " "))
                                },
                                placeholder: "Choose"), value: m.input["delivery"], error: e.message(for: "delivery")),
                        Form.field(
                            "delivery_note", label: "Note (residents read it)", control: .textarea(rows: 2), value: m.input["delivery_note"],
                            error: e.message(for: "delivery_note")),
                        Form.button("Save delivery", secondary: true),
                    ]),
            ])
    }

    static func paper(_ m: BudgetStaffPages.Paper, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let kind = m.info.rules.kind
        let ticked = Set(m.input.list("choice"))
        let pots: [HNode] = m.pots.enumerated().map { n, pot in
            H.el(
                "fieldset", ["class": "fieldset", "id": Form.fieldID("pot-\(n + 1)")],
                [
                    H.el("legend", ["class": "legend"], [.text(pot.pot.name + " (" + money(pot.pot.budgetPence) + ")")]),
                    .unwrap(e.message(for: "pot-\(n + 1)")) { H.el("p", ["class": "error-message"], [.text($0)]) },
                ]
                    + pot.projects.map { p in
                        let name = BudgetBallotService.field(kind, p.reference)
                        let given = kind == .approval || kind == .knapsack ? (ticked.contains(p.reference) ? "1" : nil) : m.input[name]
                        return BudgetResidentViews.choice(
                            p, kind, value: given, label: p.reference + ": " + p.title + " (" + money(p.costPence) + ")", describe: false,
                            error: e.message(for: BudgetBallotService.errorField(p.reference)))
                    })
        }
        return Page(
            title: "Key in a paper ballot",
            body: [
                H.el("a", ["href": SiteURL.Budgeting.round(m.info.id), "class": "back-link"], [.text(m.info.title)]),
                Form.errorSummary(m.errors, ctx),
                .unwrap(m.stored) {
                    H.el("p", ["class": "notice", "role": "status"], [.text("Stored: ballot " + $0 + ". Write it on the paper ballot.")])
                },
                H.el("h1", ["class": "heading-xl"], [.text("Key in a paper ballot")]),
                H.el(
                    "p", [:],
                    [
                        .text(
                            "The voter is recorded by name and postcode, so the same person cannot vote twice. Only the pots the postcode's ward votes "
                                + "in count; choices in another ward's pot are not stored.")
                    ]),
                Form.post(
                    SiteURL.Budgeting.paper(m.info.id), ctx,
                    [
                        Form.field(
                            "resident_reference", label: "Resident's reference (an assisted vote)", control: .text(width: "10"),
                            value: m.input["resident_reference"], error: e.message(for: "resident_reference"),
                            hint:
                                "For a registered resident you are helping: the ballot is theirs, recorded with your name. Otherwise leave it empty "
                                + "and give the voter's name and postcode."),
                        Form.field(
                            "voter_name", label: "Voter's name", control: .text(), value: m.input["voter_name"], error: e.message(for: "voter_name")),
                        Form.field(
                            "voter_postcode", label: "Voter's postcode", control: .text(width: "10"), value: m.input["voter_postcode"],
                            error: e.message(for: "voter_postcode")),
                        .unwrap(m.info.settings.minimumAge) { age in
                            Form.checkbox(
                                "age", label: "The voter declares they are \(age) or older", checked: Input.isTrue(m.input["age"]),
                                error: e.message(for: "age"))
                        },
                    ] + pots + [
                        .if(m.info.rules.blankAllowed, Form.checkbox("blank", label: "A blank ballot", checked: Input.isTrue(m.input["blank"]))),
                        Form.button("Store the ballot"),
                    ]),
                H.el("h2", ["class": "heading-l"], [.text("Check a voter in person")]),
                .unwrap(m.verified) {
                    H.el("p", ["class": "notice", "role": "status"], [.text("Ballot " + $0 + " is marked as checked in person.")])
                },
                H.el(
                    "p", [:],
                    [
                        .text(
                            "Where a voter shows staff who they are and where they live (at an event, a library), mark their ballot as checked by "
                                + "its reference. Ballots of this round checked so far: \(NumberText.grouped(m.verifiedCount)).")
                    ]),
                Form.post(
                    SiteURL.Budgeting.verify(m.info.id), ctx,
                    [
                        Form.field(
                            "verify_reference", label: "Ballot reference", control: .text(width: "10"), value: m.input["verify_reference"],
                            error: e.message(for: "verify_reference")),
                        Form.button("Mark as checked in person", secondary: true),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }
}
