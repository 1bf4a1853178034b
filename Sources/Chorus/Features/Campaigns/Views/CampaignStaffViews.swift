import Foundation
import Plot
import ChorusCore

/// Staff pages for campaigns (English): every campaign, writing one, its page (actions by level, status, links,
/// updates, counts by level and ward), and an action's form.
enum CampaignStaffViews {
    static let statusNames: [CampaignStatus: String] = [.draft: "Draft", .live: "Live: taking pledges", .closed: "Closed"]
    static let levelNames: [ActionLevel: String] = [.home: "At home", .street: "On my street", .community: "In my community"]
    static let themeNames: [CampaignTheme: String] = [
        .litter: "Waste and litter", .beActive: "Be active", .goodNeighbours: "Good neighbours", .other: "Something else",
    ]

    static func manage(_ m: CampaignPages.Manage, _ ctx: PageContext) -> Page {
        let title = "Campaigns"
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", ["class": "lead"], [.text("\"Home, street, community\" campaigns: actions residents pledge to, at three levels.")]),
                H.el(
                    "p", [:],
                    (m.canCreate ? [H.link("Start a campaign", SiteURL.Campaigns.create), .text(" · ")] : [])
                        + [H.link("Public page", SiteURL.Campaigns.list)]),
                Lists.table(
                    m.rows,
                    columns: [
                        .init(header: "Campaign") { H.link($0.title, SiteURL.Campaigns.manageCampaign($0.id)) },
                        .init(header: "Organisation") { .text($0.organisation) },
                        .init(header: "Theme") { .text(themeNames[$0.theme] ?? $0.theme.rawValue) },
                        .init(header: "Status") { .text(statusNames[$0.status] ?? $0.status.rawValue) },
                        .init(header: "Actions") { .text(String($0.actions)) },
                        .init(header: "Pledges (done)") { .text("\($0.total.pledged) (\($0.total.done))") },
                    ], caption: "Campaigns", empty: "No campaigns yet.", scrolls: true),
            ])
    }

    static func form(_ m: CampaignPages.Form, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let v = m.values
        let title = m.editing == nil ? "Start a campaign" : "Change the campaign"
        return Page(
            title: title,
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el(
                    "a", ["href": m.editing.map(SiteURL.Campaigns.manageCampaign) ?? SiteURL.Campaigns.manage, "class": "back-link"],
                    [.text("Back")]),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                Form.post(
                    m.editing.map(SiteURL.Campaigns.edit) ?? SiteURL.Campaigns.create, ctx,
                    [
                        Form.field("title", label: "Title", control: .text(), value: v["title"], error: e.message(for: "title"), required: true),
                        Form.radios(
                            "theme", legend: "Theme", options: CampaignTheme.allCases.map { .init($0.rawValue, themeNames[$0] ?? $0.rawValue) },
                            selected: v["theme"], error: e.message(for: "theme")),
                        Form.field(
                            "summary", label: "Summary (one sentence residents see in the list)", control: .text(), value: v["summary"],
                            error: e.message(for: "summary"), required: true),
                        Form.field(
                            "introduction", label: "Introduction (why, and what difference it makes)", control: .textarea(rows: 6),
                            value: v["introduction"], error: e.message(for: "introduction"), required: true),
                        Picker.field(
                            "activity", label: "Register activity that receives residents' comments (optional)", choices: m.activities, selected: nil,
                            typed: v["activity"], error: e.message(for: "activity"),
                            hint:
                                "An activity of your organisation: each comment left with a pledge becomes one of its insights. Without one, comments stay on the pledge."
                        ),
                        Form.button(m.editing == nil ? "Save as a draft" : "Save the changes"),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func campaign(_ m: CampaignPages.ManageCampaign, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let s = m.campaign
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Campaigns.manage, "class": "back-link"], [.text("All campaigns")]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            H.el(
                "p", [:],
                [
                    .text("\(statusNames[s.status] ?? s.status.rawValue) · \(themeNames[s.theme] ?? "") · \(s.organisation) · "),
                    s.status.isPublic ? H.link("Public page", SiteURL.Campaigns.campaign(s.id)) : .text("not public yet"),
                ]),
            H.el("p", [:], [.text(s.summary)]),
        ]
        if let activity = m.activityTitle {
            body.append(H.el("p", [:], [.text("Comments left with pledges become insights of the register activity: " + activity)]))
        } else {
            body.append(
                H.el(
                    "p", ["class": "notice", "id": "no-activity"],
                    [
                        .text(
                            "This campaign has no register activity, so comments left with pledges are kept on the pledge only and do not reach the insight store. Choose an activity in the campaign's details."
                        )
                    ]))
        }
        if m.canEdit {
            var buttons: [HNode] = [H.link("Change the details", SiteURL.Campaigns.edit(s.id))]
            for next in CampaignStatus.allCases where s.status.canMove(to: next) {
                let label = next == .live ? (s.status == .draft ? "Publish: start taking pledges" : "Reopen") : "Close: stop taking pledges"
                buttons.append(
                    Form.post(
                        SiteURL.Campaigns.status(s.id), ctx,
                        [H.void("input", ["type": "hidden", "name": "to", "value": next.rawValue]), Form.button(label, secondary: next != .live)]))
            }
            body.append(H.el("div", ["id": "f-status"], buttons))
            if let error = e.message(for: "status") { body.append(H.el("p", ["class": "error-message"], [.text(error)])) }
        }
        body.append(H.el("h2", ["class": "heading-l", "id": "actions"], [.text("Actions")]))
        for level in ActionLevel.allCases {
            let actions = m.actions.filter { $0.level == level }
            body.append(H.el("h3", ["class": "heading-m"], [.text(levelNames[level] ?? level.rawValue)]))
            body.append(
                Lists.table(
                    actions,
                    columns: [
                        .init(header: "Action") { a in m.canEdit ? H.link(a.title, SiteURL.Campaigns.editAction(s.id, a.id)) : .text(a.title) },
                        .init(header: "Pledges") { .text(String($0.counts.pledged)) },
                        .init(header: "Done") { .text(String($0.counts.done)) },
                        .init(header: "By groups") { .text(String($0.counts.groups)) },
                    ], caption: "Actions " + (levelNames[level] ?? "").lowercased(), empty: "No actions at this level yet."))
            if m.canEdit {
                body.append(
                    H.el(
                        "p", [:],
                        [
                            H.link(
                                "Add an action " + (levelNames[level] ?? "").lowercased(),
                                SiteURL.with(SiteURL.Campaigns.newAction(s.id), ["level": level.rawValue]))
                        ]))
            }
        }
        body.append(H.el("h2", ["class": "heading-l", "id": "counts"], [.text("Counts")]))
        body.append(
            Lists.table(
                ActionLevel.allCases.map { ($0, m.tally.level($0)) } + [(nil, m.tally.total)],
                columns: [
                    .init(header: "Level") { .text($0.0.flatMap { levelNames[$0] } ?? "All levels") },
                    .init(header: "Pledges") { .text(String($0.1.pledged)) },
                    .init(header: "Done") { .text(String($0.1.done)) },
                    .init(header: "By groups") { .text(String($0.1.groups)) },
                ], caption: "Pledges by level", empty: ""))
        let wardRows =
            m.wards.compactMap { w in m.tally.byWard[w.code].map { (w.name, $0) } }
            + (m.tally.noWard.pledged > 0 ? [("No ward", m.tally.noWard)] : [])
        body.append(
            Lists.table(
                wardRows,
                columns: [
                    .init(header: "Ward") { .text($0.0) },
                    .init(header: "Pledges") { .text(String($0.1.pledged)) },
                    .init(header: "Done") { .text(String($0.1.done)) },
                ], caption: "Pledges by ward (exact; the public page shows 1 to 4 as \"fewer than 5\")", empty: "No pledges yet.", scrolls: true))
        body.append(
            H.el(
                "p", [:],
                [
                    H.link("Counts by action and ward (CSV)", SiteURL.Campaigns.countsCSV(s.id)), .text(" · "),
                    H.link("Comments and group names (CSV)", SiteURL.Campaigns.commentsCSV(s.id)),
                ]))
        if m.canEdit {
            body += links(m, e, ctx)
        }
        body.append(H.el("h2", ["class": "heading-l", "id": "update"], [.text("Updates to pledgers")]))
        if m.canEdit && s.status.isPublic {
            body.append(
                Form.post(
                    SiteURL.Campaigns.staffUpdate(s.id), ctx,
                    [
                        Form.field(
                            "body", label: "Update (public, and emailed to the \(m.wantUpdates) pledgers who asked for updates)",
                            control: .textarea(rows: 4), value: m.input?["body"], error: e.message(for: "body")),
                        Form.button("Post the update"),
                    ]))
        }
        body.append(
            Lists.table(
                m.updates,
                columns: [
                    .init(header: "When") { .text(DayText.long(Day($0.date))) }, .init(header: "By") { .text($0.by) },
                    .init(header: "Update") { .text($0.body) },
                ], caption: "Updates posted", empty: "No updates yet."))
        return Page(title: s.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func links(_ m: CampaignPages.ManageCampaign, _ e: ValidationFailure, _ ctx: PageContext) -> [HNode] {
        let typed = m.input?.list("linked_activity")
        let shown: [String?] = typed.map { $0.map { Optional($0) } } ?? m.linkedActivities.map { m.activities.label(of: $0) }
        let pickers = (shown + [nil]).enumerated().map { i, value in
            Picker.field(
                "linked_activity", label: i == 0 ? "Register activity" : "Another register activity", choices: m.activities, selected: nil,
                typed: value ?? "", error: i == 0 ? e.message(for: "linked_activity") : nil, id: i == 0 ? nil : "f-linked-activity-\(i + 1)",
                list: "linked-activities")
        }
        return [
            H.el("h2", ["class": "heading-l", "id": "links"], [.text("Linked crowdfunding projects and activities")]),
            Form.post(
                SiteURL.Campaigns.links(m.campaign.id), ctx,
                [
                    m.projects.isEmpty
                        ? H.el("p", ["class": "hint"], [.text("No crowdfunding projects are taking pledges or funded yet.")])
                        : Form.checkboxes(
                            "project", legend: "Crowdfunding projects residents could back",
                            options: m.projects.map { .init($0.id.uuidString, $0.title) },
                            selected: Set((m.input?.list("project") ?? m.linkedProjects.map(\.uuidString))), error: e.message(for: "project")),
                    Picker.datalist("linked-activities", m.activities),
                ] + pickers + [Form.button("Save the links")]),
        ]
    }

    static func actionForm(_ m: CampaignPages.ActionForm, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let v = m.values
        let title = m.editing == nil ? "Add an action" : "Change the action"
        return Page(
            title: title,
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("a", ["href": SiteURL.Campaigns.manageCampaign(m.campaignID) + "#actions", "class": "back-link"], [.text(m.campaign)]),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                Form.post(
                    m.editing.map { SiteURL.Campaigns.editAction(m.campaignID, $0) } ?? SiteURL.Campaigns.newAction(m.campaignID), ctx,
                    [
                        Form.radios(
                            "level", legend: "Where it is done",
                            options: ActionLevel.allCases.map { .init($0.rawValue, levelNames[$0] ?? $0.rawValue) },
                            selected: v["level"], error: e.message(for: "level")),
                        Form.field(
                            "action_title", label: "What to do (a short instruction: \"Pick up litter on your street for 10 minutes\")",
                            control: .text(), value: v["action_title"], error: e.message(for: "action_title"), required: true),
                        Form.field(
                            "how_to", label: "How to do it (steps, what you need, keeping safe)", control: .textarea(rows: 8), value: v["how_to"],
                            error: e.message(for: "how_to"), required: true),
                        Form.field(
                            "poster", label: "Poster text (printed large in the toolkit)", control: .textarea(rows: 4), value: v["poster"],
                            error: e.message(for: "poster"), required: true),
                        Form.field(
                            "letter", label: "Letter text (to neighbours, printed on its own page)", control: .textarea(rows: 8), value: v["letter"],
                            error: e.message(for: "letter"), required: true),
                        Form.button(m.editing == nil ? "Add the action" : "Save the action"),
                    ]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }
}
