import Foundation
import Plot
import ChorusCore

/// Staff pages for crowdfunding (English): every project by stage, one project's checking, pledges and ledger, and
/// the organisation's match funds with the pledge each project's rules give.
enum CrowdfundStaffViews {
    static func money(_ pence: Int64) -> String { MoneyText.pounds(pence) }

    static let stageNames: [CrowdfundStage: String] = [
        .draft: "Draft", .submitted: "Waiting for checking", .refused: "Refused", .live: "Taking pledges", .collecting: "Collecting",
        .funded: "Funded", .unsuccessful: "Unsuccessful", .delivered: "Delivered",
    ]

    static let checklistQuestions: [String: String] = [
        "group_real": "The person or group is real, and has a bank account or a partner to hold the money for them",
        "costs_realistic": "The costed items are realistic and add up to what the project needs",
        "permissions": "Permissions (landowner, planning, licences) are in place or not needed",
        "safeguarding": "Safeguarding, insurance and risks are covered for what the project will do",
        "public_benefit": "The project benefits the public here and is not for private gain",
    ]

    static func manage(_ m: CrowdfundPages.Manage, _ ctx: PageContext) -> Page {
        let title = "Crowdfunding"
        let stages = CrowdfundStage.allCases.filter { (m.counts[$0] ?? 0) > 0 || $0 == .submitted }
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el(
                    "p", [:],
                    [
                        H.link("Match funds", SiteURL.Crowdfunding.funds), .text(" · "),
                        H.link("Ledger of every project (CSV)", SiteURL.Crowdfunding.ledgerCSV),
                        .text(" · "), H.link("Public page", SiteURL.Crowdfunding.list),
                    ]),
                H.el(
                    "ul", ["class": "plain-list inline-list"],
                    [H.el("li", [:], [H.link("All (\(m.counts.values.reduce(0, +)))", SiteURL.Crowdfunding.manage)])]
                        + stages.map { s in
                            H.el(
                                "li", [:],
                                [
                                    H.link(
                                        "\(stageNames[s] ?? s.rawValue) (\(m.counts[s] ?? 0))",
                                        SiteURL.with(SiteURL.Crowdfunding.manage, ["stage": s.rawValue]))
                                ])
                        }),
                Lists.table(
                    m.rows,
                    columns: [
                        .init(header: "Project") { H.link($0.title, SiteURL.Crowdfunding.manageProject($0.id)) },
                        .init(header: "By") { .text($0.groupName) },
                        .init(header: "Ward") { .text($0.ward ?? "") },
                        .init(header: "Stage") { .text(stageNames[$0.stage] ?? $0.stage.rawValue) },
                        .init(header: "Pledged of target") { .text("\(money($0.standing)) of \(money($0.target))") },
                        .init(header: "Deadline") { .text(DayText.long($0.deadline)) },
                    ], caption: "Crowdfunded projects", empty: "No projects at this stage.", scrolls: true),
            ])
    }

    static func project(_ m: CrowdfundPages.ManageProject, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let p = m.project, s = m.summary, t = m.totals
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Crowdfunding.manage, "class": "back-link"], [.text("All projects")]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            H.el(
                "p", [:],
                [
                    .text(
                        "\(stageNames[s.stage] ?? s.stage.rawValue) · by \(p.groupName) (\(p.creatorKind)) · \(s.ward ?? "no ward") · deadline \(DayText.long(s.deadline)) · "
                    ),
                    s.stage.isPublic ? H.link("Public page", SiteURL.Crowdfunding.project(s.id)) : .text("not public yet"),
                ]),
            H.el("p", [:], [.text(p.summary)]),
            H.el("h2", ["class": "heading-m"], [.text("Money (from the ledger)")]),
            Lists.table(
                [
                    ("Target", p.targetPence), ("Pledged by residents and groups, not yet collected", t.crowd.outstanding),
                    ("Match funds pledged, not yet paid", t.match.outstanding), ("Collected and held", t.crowd[.collected] + t.match[.collected]),
                    ("Paid out to the project", t.crowd[.paidOut] + t.match[.paidOut]), ("Provider fees", t.crowd[.fees]),
                    ("Failed charges", t.crowd[.failed]), ("Withdrawn or released", t.crowd[.cancelled]),
                    ("Refunded", t.crowd[.refunded]),
                ],
                columns: [.init(header: "") { .text($0.0) }, .init(header: "Amount") { .text(money($0.1)) }], caption: "Money", empty: ""),
            H.el("h2", ["class": "heading-m"], [.text("Costed items")]),
            Lists.table(
                m.items, columns: [.init(header: "Item") { .text($0.description) }, .init(header: "Cost") { .text(money($0.pence)) }],
                caption: "Costed items",
                empty: ""),
            H.el("h2", ["class": "heading-m"], [.text("Story")]),
            H.el("div", ["class": "prose"], p.story.split(separator: "\n").map { H.el("p", [:], [.text(String($0))]) }),
            H.el("h2", ["class": "heading-m", "id": "photos"], [.text("Photos (\(m.photos.count))")]),
        ]
        body.append(
            m.photos.isEmpty
                ? H.el("p", ["class": "empty"], [.text("No photos.")])
                : H.el(
                    "ul", ["class": "plain-list"],
                    m.photos.map { photo in
                        H.el(
                            "li", [:],
                            [
                                CrowdfundResidentViews.image(s.id, photo),
                                H.el("p", ["class": "hint"], [.text("Alt text: " + photo.alt)]),
                                m.canManage
                                    ? Form.post(
                                        SiteURL.Crowdfunding.staffRemovePhoto(s.id, photo.id), ctx, [Form.button("Remove the photo", warning: true)])
                                    : .empty,
                            ])
                    }))
        if s.stage == .submitted && m.canManage {
            body += [
                H.el("h2", ["class": "heading-m", "id": "check"], [.text("Check the project")]),
                Form.post(
                    SiteURL.Crowdfunding.verify(s.id), ctx,
                    CrowdfundProjectService.checklist.map { key in
                        Form.checkbox(
                            "check_\(key)", label: checklistQuestions[key] ?? key, checked: Input.isTrue(m.input?["check_\(key)"]),
                            error: e.message(for: "check_\(key)"))
                    } + [
                        Picker.field(
                            "activity", label: "Register activity it belongs to (optional)", choices: m.activities, selected: nil,
                            typed: m.input?["activity"],
                            error: e.message(for: "activity"), hint: "Engagement around the project: start typing the activity's title"),
                        Form.button("Verify: it starts taking pledges"),
                    ]),
                Form.post(
                    SiteURL.Crowdfunding.refuse(s.id), ctx,
                    [
                        Form.field(
                            "reasons", label: "Or refuse it: the reasons (the creator reads them)", control: .textarea(rows: 4),
                            value: m.input?["reasons"],
                            error: e.message(for: "reasons")),
                        Form.button("Refuse", warning: true),
                    ]),
            ]
        } else if let by = p.verifiedByName {
            body.append(H.el("p", [:], [.text((s.stage == .refused ? "Refused by " : "Verified by ") + by + (p.refusal.map { ": " + $0 } ?? ""))]))
            if let title = m.activityTitle { body.append(H.el("p", [:], [.text("Register activity: " + title)])) }
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "pledges"], [.text("Pledges (\(m.pledges.count))")]))
        body.append(
            Lists.table(
                m.pledges,
                columns: [
                    .init(header: "When") { .text(DayText.long(Day($0.createdAt))) },
                    .init(header: "Shown as") { .text($0.shownName.isEmpty ? "Anonymous" : $0.shownName) },
                    .init(header: "How") { .text($0.method) },
                    .init(header: "Amount") { .text(money($0.amountPence)) },
                    .init(header: "Status") { .text($0.status + ($0.lastError.map { " (\($0))" } ?? "")) },
                    // Only staff who may return money see how to reach the backer.
                    .init(header: "Contact") { .text(m.canManage ? ($0.contact ?? "") : "") },
                    .init(header: "Action") { pl in
                        guard m.canManage, pl.methodValue == .offline else { return .empty }
                        if pl.statusValue == .pledged {
                            return Form.post(
                                SiteURL.Crowdfunding.mark(s.id, pl.id!), ctx,
                                [
                                    H.void("input", ["type": "hidden", "name": "what", "value": "received"]),
                                    Form.button("Money received", secondary: true),
                                ])
                        }
                        if pl.statusValue == .refundDue {
                            return Form.post(
                                SiteURL.Crowdfunding.mark(s.id, pl.id!), ctx,
                                [
                                    H.void("input", ["type": "hidden", "name": "what", "value": "refunded"]),
                                    Form.button("Money returned", secondary: true),
                                ])
                        }
                        return .empty
                    },
                ], caption: "Pledges", empty: "No pledges yet.", scrolls: true))
        if m.canManage && s.stage == .live {
            body += [
                H.el("h2", ["class": "heading-m", "id": "record"], [.text("Record a pledge by cash, cheque or bank transfer")]),
                Form.post(
                    SiteURL.Crowdfunding.record(s.id), ctx,
                    [
                        Form.field(
                            "amount", label: "Amount", control: .text(width: "10"), value: m.input?["amount"], error: e.message(for: "amount"),
                            required: true),
                        Form.field(
                            "shown_name", label: "Name to show (leave empty for anonymous)", control: .text(), value: m.input?["shown_name"],
                            error: e.message(for: "shown_name")),
                        Form.field(
                            "contact", label: "Contact for a refund (email, phone or address)", control: .text(), value: m.input?["contact"],
                            error: e.message(for: "contact"), required: true),
                        Form.checkbox("received", label: "The money has been received", checked: Input.isTrue(m.input?["received"])),
                        Form.button("Record the pledge"),
                    ]),
            ]
        }
        if m.canManage && s.stage.isPublic {
            body += [
                H.el("h2", ["class": "heading-m", "id": "update"], [.text("Post an update to backers")]),
                Form.post(
                    SiteURL.Crowdfunding.staffUpdate(s.id), ctx,
                    [
                        Form.field(
                            "body", label: "Update (emailed to everyone who pledged online)", control: .textarea(rows: 4), value: m.input?["body"],
                            error: e.message(for: "body")),
                        Form.button("Post the update"),
                    ]),
            ]
        }
        if m.canManage && [.funded, .delivered].contains(s.stage) {
            body += [
                H.el("h2", ["class": "heading-m", "id": "report"], [.text("Delivery report")]),
                Form.post(
                    SiteURL.Crowdfunding.report(s.id), ctx,
                    [
                        Form.field(
                            "report", label: "What the project delivered (public)", control: .textarea(rows: 6),
                            value: m.input?["report"] ?? p.deliveryReport,
                            error: e.message(for: "report")),
                        Form.button("Publish the report"),
                    ]),
            ]
        }
        return Page(title: s.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func funds(_ m: CrowdfundPages.Funds, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let i = m.input
        let body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Crowdfunding.manage, "class": "back-link"], [.text("Crowdfunding")]),
            H.el("h1", ["class": "heading-xl"], [.text("Match funds")]),
            Lists.table(
                m.funds,
                columns: [
                    .init(header: "Fund") { H.link($0.fund.name, SiteURL.Crowdfunding.fund($0.fund.id!)) },
                    .init(header: "Budget") { .text(money($0.fund.budgetPence)) },
                    .init(header: "Pledged") { .text(money($0.committed)) },
                    .init(header: "Round") {
                        .text("\(DayText.long(Day(ordinal: $0.fund.opensDay))) to \(DayText.long(Day(ordinal: $0.fund.closesDay)))")
                    },
                ], caption: "Your organisation's match funds", empty: "No match funds yet."),
            H.el("h2", ["class": "heading-m", "id": "new"], [.text("Start a match fund")]),
            H.el("p", [:], [.text("The rules are published on every project the fund matches, and compute its pledge: you approve or decline it.")]),
            Form.post(
                SiteURL.Crowdfunding.funds, ctx,
                [
                    Form.field("name", label: "Name", control: .text(), value: i?["name"], error: e.message(for: "name"), required: true),
                    Form.field(
                        "description", label: "What the fund is for", control: .textarea(rows: 3), value: i?["description"],
                        error: e.message(for: "description"),
                        required: true),
                    Form.field(
                        "funder_identifier", label: "Your organisation's identifier (org-id, for 360Giving)", control: .text(width: "20"),
                        value: i?["funder_identifier"], error: e.message(for: "funder_identifier"),
                        hint: "Such as GB-LAE-HBR for a council, GB-CHC-1234567 for a charity",
                        required: true),
                    Form.field(
                        "budget", label: "Budget", control: .text(width: "10"), value: i?["budget"], error: e.message(for: "budget"), required: true),
                    Form.field(
                        "pence_per_pound", label: "Pence for each £1 residents pledge", control: .text(type: "number", width: "4"),
                        value: i?["pence_per_pound"] ?? "100",
                        error: e.message(for: "pence_per_pound"), required: true),
                    Form.field(
                        "percent_of_target", label: "At most this share of a project's target (%)", control: .text(type: "number", width: "3"),
                        value: i?["percent_of_target"] ?? "50", error: e.message(for: "percent_of_target"), required: true),
                    Form.field(
                        "cap_per_project", label: "At most for one project", control: .text(width: "10"), value: i?["cap_per_project"],
                        error: e.message(for: "cap_per_project"), required: true),
                    Form.field(
                        "cap_per_creator", label: "At most for one group or resident across projects", control: .text(width: "10"),
                        value: i?["cap_per_creator"],
                        error: e.message(for: "cap_per_creator"), required: true),
                    Form.field(
                        "opens", label: "Round opens", control: .text(type: "date", width: "10"), value: i?["opens"], error: e.message(for: "opens"),
                        required: true),
                    Form.field(
                        "closes", label: "Round closes", control: .text(type: "date", width: "10"), value: i?["closes"],
                        error: e.message(for: "closes"), required: true),
                    Form.checkboxes(
                        "categories", legend: "Categories (none ticked: any)",
                        options: CrowdfundProjectService.categories.map { .init($0, $0.replacingOccurrences(of: "_", with: " ")) },
                        selected: Set(i?.list("categories") ?? []), error: e.message(for: "categories")),
                    Form.checkboxes(
                        "wards", legend: "Wards (none ticked: anywhere)", options: m.wards.map { .init($0.code, $0.name) },
                        selected: Set(i?.list("wards") ?? []),
                        error: e.message(for: "wards")),
                    Form.checkboxes(
                        "creator_kinds", legend: "Projects by (none ticked: anyone)",
                        options: [.init("resident", "Residents"), .init("group", "Community groups"), .init("charity", "Charities and CICs")],
                        selected: Set(i?.list("creator_kinds") ?? []), error: e.message(for: "creator_kinds")),
                    Form.field(
                        "need_weighting", label: "Extra share of the target in the ward of highest need (percentage points)",
                        control: .text(type: "number", width: "3"),
                        value: i?["need_weighting"] ?? "0", error: e.message(for: "need_weighting")),
                    Form.field(
                        "need_index", label: "Need index by ward (one line each: ward code, score; higher is more need)", control: .textarea(rows: 5),
                        value: i?["need_index"], error: e.message(for: "need_index"),
                        hint: "For example the Index of Multiple Deprivation score rolled up to wards"),
                    Form.button("Start the fund"),
                ]),
        ]
        return Page(title: "Match funds", body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static let limitNames: [MatchFundRules.Limit: String] = [
        .crowd: "what residents pledged", .percentOfTarget: "the share of the target", .projectCap: "the most for one project",
        .creatorCap: "the most for one group", .budget: "what is left of the budget", .target: "the target",
    ]
    static let ineligibleNames: [MatchFundRules.Ineligible: String] = [
        .category: "its category is not one the fund backs", .ward: "its ward is not one the fund backs",
        .creatorKind: "the fund does not back projects by this kind of creator", .fundSpent: "the fund's budget is spent",
        .creatorCapReached: "the group has had the most the fund gives one group",
    ]

    static func fund(_ m: CrowdfundPages.Fund, _ ctx: PageContext) -> Page {
        let f = m.fund
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Crowdfunding.funds, "class": "back-link"], [.text("Match funds")]),
            H.el("h1", ["class": "heading-xl"], [.text(f.name)]),
            H.el("p", [:], [.text(f.fundDescription)]),
            H.el("h2", ["class": "heading-m"], [.text("Rules (published on each project)")]),
            H.el("ul", [:], m.rules.map { H.el("li", [:], [.text($0)]) }),
            H.el(
                "p", [:],
                [
                    .text("Awards for 360Giving: "), H.link("CSV", SiteURL.Crowdfunding.grantsCSV(f.id!)), .text(" · "),
                    H.link("JSON", SiteURL.Crowdfunding.grantsJSON(f.id!)),
                ]),
            H.el("h2", ["class": "heading-m"], [.text("Projects in the round")]),
        ]
        if m.offers.isEmpty { body.append(H.el("p", ["class": "empty"], [.text("No projects in this round yet.")])) }
        for o in m.offers {
            let s = o.project
            var block: [HNode] = [
                H.el(
                    "h3", ["class": "heading-s", "id": "p-\(s.id.uuidString.lowercased())"],
                    [H.link(s.title, SiteURL.Crowdfunding.manageProject(s.id))]),
                H.el(
                    "p", [:],
                    [
                        .text(
                            "\(stageNames[s.stage] ?? "") · \(s.ward ?? "no ward") · \(money(s.standing - s.match)) from residents of \(money(s.target))"
                        )
                    ]),
            ]
            if o.offer.eligible {
                block.append(
                    H.el(
                        "p", [:],
                        [
                            .text(
                                "The rules give \(money(o.offer.amount)) now (share \(o.offer.sharePercent)%; at most \(money(o.offer.ceiling)))"
                                    + (o.offer.limitedBy.map { ", limited by \(limitNames[$0] ?? $0.rawValue)" } ?? "") + ".")
                        ]))
            } else {
                block.append(
                    H.el(
                        "p", [:],
                        [.text("Not eligible: " + o.offer.ineligible.map { ineligibleNames[$0] ?? $0.rawValue }.joined(separator: "; ") + ".")]))
            }
            if let d = o.decision {
                block.append(H.el("p", [:], [.text("\(d.status == "approved" ? "Approved" : "Declined") by \(d.decidedByName): \(d.reason)")]))
            }
            if m.canManage && [.submitted, .live].contains(s.stage) {
                let own = m.errorProject == s.id
                let e = ValidationFailure(own ? m.errors : [])
                let suffix = "-" + s.id.uuidString.prefix(8).lowercased()
                block.append(
                    Form.post(
                        SiteURL.Crowdfunding.decide(f.id!, s.id), ctx,
                        [
                            H.el(
                                "div", ["class": "form-group"],
                                [
                                    H.el("label", ["class": "label", "for": "f-decision" + suffix], [.text("Decision")]),
                                    H.el(
                                        "select", ["id": "f-decision" + suffix, "name": "decision", "class": "select"],
                                        (o.offer.eligible ? [H.el("option", ["value": "approve"], [.text("Approve the computed pledge")])] : [])
                                            + [H.el("option", ["value": "decline"], [.text("Decline")])]),
                                ]),
                            Form.field(
                                "reason", label: "Reason (recorded with the decision)", control: .textarea(rows: 2), value: nil,
                                error: e.message(for: "reason")
                                    ?? e.message(for: "decision"), id: "f-reason" + suffix),
                            Form.button("Save the decision"),
                        ]))
            }
            body.append(H.el("section", ["class": "card"], block))
        }
        return Page(title: f.name, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }
}
