import Vapor
import Plot
import ChorusCore

enum AuditView {
    static func list(_ req: Request, page: PageOf<AuditEvent>, filter: [String: String]) -> Response {
        let title = req.t("audit.title")
        let date = DateText.formatter
        let actions = AuditService.Action.allCases.map { Form.Option($0.rawValue, req.t("audit.action.\($0.rawValue)")) }
        let entities = Features.auditEntities.map { Form.Option($0, req.t("audit.entity.\($0)")) }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Lists.filterBar(action: SiteURL.audit, req: req, fields: [
                Form.field("entity", label: req.t("audit.entity"), control: .select(entities, placeholder: req.t("list.any")), value: filter["entity"], error: nil),
                Form.field("action", label: req.t("audit.action"), control: .select(actions, placeholder: req.t("list.any")), value: filter["action"], error: nil),
                Form.field("actor", label: req.t("audit.actor"), control: .text(width: "20"), value: filter["actor"], error: nil),
                Form.field("from", label: req.t("audit.from"), control: .text(type: "date"), value: filter["from"], error: nil),
                Form.field("to", label: req.t("audit.to"), control: .text(type: "date"), value: filter["to"], error: nil),
            ] + (filter["entity_id"].map { [H.void("input", ["type": "hidden", "name": "entity_id", "value": $0])] } ?? [])),
            Lists.table(page.items, columns: [
                .init(header: req.t("audit.when")) { .text(date.string(from: $0.at)) },
                .init(header: req.t("audit.actor")) { .text($0.actorName) },
                .init(header: req.t("audit.action")) { .text(req.t("audit.action.\($0.action)")) },
                .init(header: req.t("audit.record")) { e in
                    .group(.text(req.t("audit.entity.\(e.entity)") + ": "), .text(e.label))
                },
                .init(header: req.t("audit.changes")) { e in
                    let changes = AuditService.changes(e)
                    return changes.isEmpty ? .text("—") : H.el("dl", ["class": "changes"], changes.flatMap { c -> [HNode] in [
                        H.el("dt", [:], [.text(c.field)]),
                        H.el("dd", [:], [
                            H.el("del", [:], [.text(c.before ?? "")]), .text(" → "), H.el("ins", [:], [.text(c.after ?? "")]),
                        ]),
                    ] })
                },
            ], caption: title, empty: req.t("list.empty")),
            Lists.pager(page, req: req),
            H.el("p", [:], [H.link(req.t("list.download_csv"), SiteURL.with(SiteURL.auditCSV, filter.filter { $0.key != "page" }))]),
        ]
        return Page(title: title, body: body).response(for: req)
    }
}
