import Foundation
import Plot
import ChorusCore

/// Keeping entries current through a group's own link: the group's form, what it is told when a link cannot be used
/// or its changes are sent, and the staff side (send a link, what links were sent, changes waiting for review).
enum DirectoryUpdateViews {
    /// The group's form: the entry as it stands, every field it may correct, problems named as on the staff form.
    static func form(_ m: DirectoryPages.UpdateForm, _ ctx: PageContext) -> Page {
        let title = ctx.t("directory.update_title", m.item.name)
        let fields = DirectoryViews.fields(
            DirectoryUpdates.fields(for: m.item.kind), kind: m.item.kind, input: m.input, errors: m.errors, choices: m.choices, owners: [], ctx)
        let body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("directory.update_lead", m.item.owner.name))]),
            Form.post(SiteURL.Directory.update(m.token), ctx, fields + [Form.button(ctx.t("directory.update_send"))]),
        ]
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func refused(_ r: DirectoryUpdates.Refusal, _ ctx: PageContext) -> Page {
        let key: String
        switch r {
        case .unknown: key = "unknown"
        case .expired: key = "expired"
        case .used: key = "used"
        }
        let title = ctx.t("directory.update_\(key)_title")
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", [:], [.text(ctx.t("directory.update_\(key)", DirectoryUpdates.validDays))]),
            ],
            status: r == .unknown ? .notFound : .gone, englishOnly: true)
    }

    static func thanks(_ item: DirectoryItem, _ ctx: PageContext) -> Page {
        let title = ctx.t("directory.update_thanks_title")
        return Page(
            title: title,
            body: [
                H.el("div", ["class": "panel"], [H.el("h1", ["class": "heading-xl"], [.text(title)])]),
                H.el("p", [:], [.text(ctx.t("directory.update_thanks", item.owner.name))]),
            ], englishOnly: true)
    }

    /// On an entry's page, for those who keep it: send its contact a link, and the links sent so far.
    static func linkSection(_ m: DirectoryPages.Entry, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["aria-labelledby": "update-link-title", "id": "update-links"],
            [
                H.el("h2", ["id": "update-link-title", "class": "heading-m"], [.text(ctx.t("directory.link_title"))]),
                H.el("p", [:], [.text(ctx.t("directory.link_intro", DirectoryUpdates.validDays))]),
                m.item.email == nil
                    ? H.el("p", ["class": "hint"], [.text(ctx.t("directory.link_no_email"))])
                    : Form.post(
                        SiteURL.Directory.sendUpdateLink(m.item.id), ctx,
                        [Form.button(ctx.t("directory.link_send", m.item.email ?? ""), secondary: true)]),
                .if(
                    !m.links.isEmpty,
                    H.el(
                        "table", ["class": "table"],
                        [
                            H.el("caption", ["class": "visually-hidden"], [.text(ctx.t("directory.link_title"))]),
                            H.el(
                                "thead", [:],
                                [
                                    H.el(
                                        "tr", [:],
                                        ["link_sent_to", "link_sent_on", "link_why", "link_state"].map {
                                            H.el("th", ["scope": "col"], [.text(ctx.t("directory.\($0)"))])
                                        })
                                ]),
                            H.el(
                                "tbody", [:],
                                m.links.map { l in
                                    H.el(
                                        "tr", [:],
                                        [
                                            H.el("td", [:], [.text(l.sentTo)]),
                                            H.el("td", [:], [.text(l.sentAt.map { DayText.long(Day($0)) } ?? "—")]),
                                            H.el("td", [:], [.text(ctx.t(l.byReminder ? "directory.link_by_reminder" : "directory.link_by_staff"))]),
                                            H.el(
                                                "td", [:],
                                                [
                                                    .text(
                                                        ctx.t(
                                                            "directory.link_state.\(l.status == .open && l.expired ? "expired" : l.status.rawValue)"))
                                                ]),
                                        ])
                                }),
                        ])),
            ])
    }

    /// Changes waiting for review, each field before and after, with the buttons for those who may review.
    static func waiting(_ changes: [DirectoryUpdates.Change], showEntry: Bool = false, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["class": "warning-panel", "aria-labelledby": "changes-title", "id": "changes"],
            [H.el("h2", ["id": "changes-title", "class": "heading-m"], [.text(ctx.t("directory.changes_waiting", changes.count))])]
                + changes.map { c in
                    H.el(
                        "div", ["class": "change"],
                        [
                            H.el(
                                "h3", ["class": "heading-s"],
                                [
                                    showEntry ? H.link(c.entry.name, SiteURL.Directory.entry(c.entry.id)) : .text(c.entry.name),
                                    .text(" — " + ctx.t("directory.change_from", c.sentTo, c.submittedAt.map { DayText.long(Day($0)) } ?? "—")),
                                ]),
                            c.fields.isEmpty
                                ? H.el("p", [:], [.text(ctx.t("directory.change_none"))])
                                : H.el(
                                    "table", ["class": "table"],
                                    [
                                        H.el("caption", ["class": "visually-hidden"], [.text(ctx.t("directory.change_caption", c.entry.name))]),
                                        H.el(
                                            "thead", [:],
                                            [
                                                H.el(
                                                    "tr", [:],
                                                    ["change_field", "change_now", "change_proposed"].map {
                                                        H.el("th", ["scope": "col"], [.text(ctx.t("directory.\($0)"))])
                                                    })
                                            ]),
                                        H.el(
                                            "tbody", [:],
                                            c.fields.map { f in
                                                H.el(
                                                    "tr", [:],
                                                    [
                                                        H.el("th", ["scope": "row"], [.text(ctx.t(fieldLabel(f.name)))]),
                                                        H.el("td", [:], [.text(f.before.isEmpty ? "—" : f.before)]),
                                                        H.el("td", [:], [.text(f.after.isEmpty ? "—" : f.after)]),
                                                    ])
                                            }),
                                    ]),
                            .if(
                                c.canReview,
                                H.el(
                                    "div", ["class": "actions"],
                                    [
                                        Form.post(
                                            SiteURL.Directory.approveChange(c.id), ctx,
                                            [Form.button(ctx.t("directory.change_approve", c.entry.name))]),
                                        Form.post(
                                            SiteURL.Directory.rejectChange(c.id), ctx,
                                            [Form.button(ctx.t("directory.change_reject", c.entry.name), secondary: true)]),
                                    ])),
                        ])
                })
    }

    static func fieldLabel(_ name: String) -> String { "directory.field.\(name)" }

    static func changes(_ m: DirectoryPages.Changes, _ ctx: PageContext) -> Page {
        let title = ctx.t("directory.changes_title")
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
        ]
        body.append(m.changes.isEmpty ? H.el("p", [:], [.text(ctx.t("directory.changes_none"))]) : waiting(m.changes, showEntry: true, ctx))
        return Page(title: title, body: body, notice: m.notice)
    }
}
