import Foundation
import Plot
import ChorusCore

/// The list and edit pages of an admin resource, from its page models (`AdminPages`) and, for the list, the resource's
/// columns over plain rows.
enum AdminView {
    static func list(_ m: AdminPages.List, columns: [Lists.Column<AdminRow>], _ ctx: PageContext) -> Page {
        let resource = m.resource
        let filters = m.filters
        let title = ctx.t("admin.\(resource.slug).title")
        var filterFields: [HNode] = [
            Form.field("q", label: ctx.t("list.search"), control: .text(type: "search", width: "20"), value: filters["q"], error: nil)
        ]
        for f in resource.filters {
            filterFields.append(
                Form.field(
                    f.name, label: ctx.t("field.\(resource.slug).\(f.name)"),
                    control: .select(m.filterOptions[f.name] ?? [], placeholder: ctx.t("list.any")),
                    value: filters[f.name], error: nil))
        }
        let exportFilters = filters.filter { $0.key != "page" && $0.key != "saved" && $0.key != "deleted" }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "actions"],
                [
                    H.link(ctx.t("admin.\(resource.slug).add"), resource.urls.new, class: "button"),
                    .if(resource.slug == "places", H.link(ctx.t("admin.places.import"), resource.urls.importCSV, class: "button button-secondary")),
                    .if(
                        resource.slug == "places",
                        H.link(ctx.t("admin.places.import_boundaries"), SiteURL.Places.importBoundaries, class: "button button-secondary")),
                ]),
            Lists.filterBar(action: resource.urls.list, ctx, fields: filterFields),
            Lists.table(
                m.rows.items,
                columns: columns + [
                    Lists.Column(header: ctx.t("list.actions")) { row in
                        H.el(
                            "a", ["href": resource.urls.edit(row.id)],
                            [
                                .text(ctx.t("admin.edit")), H.el("span", ["class": "visually-hidden"], [.text(" " + row.label)]),
                            ])
                    }
                ], caption: title, empty: ctx.t("list.empty")),
            Lists.pager(m.rows, ctx),
            H.el("p", [:], [H.link(ctx.t("list.download_csv"), SiteURL.with(resource.urls.csv, exportFilters))]),
        ]
        return Page(title: title, body: body, notice: m.notice)
    }

    static func form(_ m: AdminPages.Editor, _ ctx: PageContext) -> Page {
        let resource = m.resource
        let errors = m.errors
        let title = m.record.map { ctx.t("admin.\(resource.slug).edit", $0.label) } ?? ctx.t("admin.\(resource.slug).add")
        let failure = ValidationFailure(errors)
        var fields: [HNode] = []
        for spec in resource.specs {
            let label = ctx.t("field.\(resource.slug).\(spec.name)")
            let hintKey = "field.\(resource.slug).\(spec.name).hint"
            let hint = Catalogue.has(hintKey) ? ctx.t(hintKey) : nil
            let control: Form.Control
            switch spec.kind {
            case .string(let max) where max > 300: control = .textarea()
            case .string: control = .text()
            case .email: control = .text(type: "email", autocomplete: "email")
            case .integer: control = .text(type: "text", width: "10")
            case .choice, .uuid, .date, .boolean, .uuidList, .choiceList:
                control = .select(m.options[spec.name] ?? [], placeholder: spec.required ? ctx.t("form.select") : ctx.t("form.none"))
            }
            fields.append(
                Form.field(
                    spec.name, label: label, control: control, value: m.values[spec.name],
                    error: failure.message(for: spec.name), hint: hint, required: spec.required))
        }
        let action = m.record.map { resource.urls.update($0.id) } ?? resource.urls.list
        var body: [HNode] = [
            H.el("a", ["href": resource.urls.list, "class": "back-link"], [.text(ctx.t("admin.back_to", ctx.t("admin.\(resource.slug).title")))]),
            // A refused delete is explained beside the delete button; every other problem is summarised here.
            Form.errorSummary(resource.deletable ? errors.filter { $0.field != "delete" } : errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(action, ctx, fields + [Form.button(ctx.t("form.save"))]),
        ]
        if let record = m.record {
            body += m.extras?.nodes(ctx) ?? []
            if resource.deletable {
                let deleteError = failure.message(for: "delete")
                body.append(
                    H.el(
                        "section", ["class": "danger-zone", "aria-labelledby": "delete-title"],
                        [
                            H.el("h2", ["id": "delete-title", "class": "heading-m"], [.text(ctx.t("admin.delete_title"))]),
                            .unwrap(deleteError) { H.el("p", ["class": "error-message", "id": "f-delete", "role": "alert"], [.text($0)]) },
                            Form.post(resource.urls.delete(record.id), ctx, [Form.button(ctx.t("admin.delete", record.label), warning: true)]),
                        ]))
            }
            body.append(H.el("p", [:], [H.link(ctx.t("admin.history"), SiteURL.auditEntity(resource.entity, record.id))]))
        }
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }
}
