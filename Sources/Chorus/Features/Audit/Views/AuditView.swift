import Foundation
import Plot
import ChorusCore

/// The audit log: a filter bar, one row an event with what changed, a pager and the CSV link.
enum AuditView {
    static func list(_ m: AuditPages.List, _ ctx: PageContext) -> Page {
        let filter = m.filter
        let title = ctx.t("audit.title")
        let actions = AuditService.Action.allCases.map { Form.Option($0.rawValue, ctx.t("audit.action.\($0.rawValue)")) }
        let entities = m.entities.map { Form.Option($0, ctx.t("audit.entity.\($0)")) }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Lists.filterBar(
                action: SiteURL.audit, ctx,
                fields: [
                    Form.field(
                        "entity", label: ctx.t("audit.entity"), control: .select(entities, placeholder: ctx.t("list.any")), value: filter["entity"],
                        error: nil),
                    Form.field(
                        "action", label: ctx.t("audit.action"), control: .select(actions, placeholder: ctx.t("list.any")), value: filter["action"],
                        error: nil),
                    Form.field("actor", label: ctx.t("audit.actor"), control: .text(width: "20"), value: filter["actor"], error: nil),
                    Form.field("from", label: ctx.t("audit.from"), control: .text(type: "date"), value: filter["from"], error: nil),
                    Form.field("to", label: ctx.t("audit.to"), control: .text(type: "date"), value: filter["to"], error: nil),
                ] + (filter["entity_id"].map { [H.void("input", ["type": "hidden", "name": "entity_id", "value": $0])] } ?? [])),
            table(m.events.items, caption: title, ctx),
            Lists.pager(m.events, ctx),
            H.el("p", [:], [H.link(ctx.t("list.download_csv"), SiteURL.with(SiteURL.auditCSV, filter.filter { $0.key != "page" }))]),
        ]
        return Page(title: title, body: body)
    }

    /// One record's history: its events newest first, with what changed.
    static func history(_ m: AuditPages.History, _ ctx: PageContext) -> Page {
        let title = "Change history: " + m.title
        let body: [HNode] = [
            H.el("a", ["href": m.back, "class": "back-link"], [.text("Back to " + m.title)]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            table(m.events.items, caption: title, ctx),
            Lists.pager(m.events, ctx),
        ]
        return Page(title: title, body: body)
    }

    static func table(_ events: [AuditPages.Event], caption: String, _ ctx: PageContext) -> HNode {
        let date = DateText.formatter
        return Lists.table(
            events,
            columns: [
                .init(header: ctx.t("audit.when")) { .text(date.string(from: $0.at)) },
                .init(header: ctx.t("audit.actor")) { .text($0.actorName) },
                .init(header: ctx.t("audit.action")) { .text(ctx.t("audit.action.\($0.action)")) },
                .init(header: ctx.t("audit.record")) { e in
                    .group(.text(ctx.t("audit.entity.\(e.entity)") + ": "), .text(e.label))
                },
                .init(header: ctx.t("audit.changes")) { e in
                    e.changes.isEmpty
                        ? .text("—")
                        : H.el(
                            "dl", ["class": "changes"],
                            e.changes.flatMap { c -> [HNode] in
                                [
                                    H.el("dt", [:], [.text(c.field)]),
                                    H.el(
                                        "dd", [:],
                                        [
                                            H.el("del", [:], [.text(c.before ?? "")]), .text(" → "), H.el("ins", [:], [.text(c.after ?? "")]),
                                        ]),
                                ]
                            })
                },
            ], caption: caption, empty: ctx.t("list.empty"))
    }
}
