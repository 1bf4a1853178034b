import Vapor
import Plot
import ChorusCore

/// The list and edit pages of an admin resource, built from its field specs and columns.
struct AdminViews<R: AdminResource>: Sendable {
    let resource: R

    func list(_ req: Request, page: PageOf<R.Record>, lookup: [UUID: String], filters: [String: String], notice: String?) async throws -> Response {
        let title = req.t("admin.\(resource.slug).title")
        var filterFields: [HNode] = [
            Form.field("q", label: req.t("list.search"), control: .text(type: "search", width: "20"), value: filters["q"], error: nil),
        ]
        for f in resource.filters {
            filterFields.append(Form.field(f.name, label: req.t("field.\(resource.slug).\(f.name)"),
                                           control: .select(try await options(f, req), placeholder: req.t("list.any")),
                                           value: filters[f.name], error: nil))
        }
        let rows = page.items.map { ($0, lookup) }
        let exportFilters = filters.filter { $0.key != "page" && $0.key != "saved" && $0.key != "deleted" }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "actions"], [
                H.link(req.t("admin.\(resource.slug).add"), resource.urls.new, class: "button"),
                .if(resource.slug == "places", H.link(req.t("admin.places.import"), resource.urls.importCSV, class: "button button-secondary")),
            ]),
            Lists.filterBar(action: resource.urls.list, req: req, fields: filterFields),
            Lists.table(rows, columns: resource.columns(req) + [
                Lists.Column(header: req.t("list.actions")) { row in
                    H.el("a", ["href": resource.urls.edit(row.0.id!)], [
                        .text(req.t("admin.edit")), H.el("span", ["class": "visually-hidden"], [.text(" " + resource.label(row.0))]),
                    ])
                },
            ], caption: title, empty: req.t("list.empty")),
            Lists.pager(page, req: req),
            H.el("p", [:], [H.link(req.t("list.download_csv"), SiteURL.with(resource.urls.csv, exportFilters))]),
        ]
        return Page(title: title, body: body, notice: notice).response(for: req)
    }

    func form(_ req: Request, record: R.Record?, values: [String: String], errors: [FieldError]) async throws -> Response {
        let editing = record != nil
        let title = editing ? req.t("admin.\(resource.slug).edit", resource.label(record!)) : req.t("admin.\(resource.slug).add")
        let failure = ValidationFailure(errors)
        var fields: [HNode] = []
        for spec in resource.specs {
            let label = req.t("field.\(resource.slug).\(spec.name)")
            let hintKey = "field.\(resource.slug).\(spec.name).hint"
            let hint = Catalogue.has(hintKey) ? req.t(hintKey) : nil
            let control: Form.Control
            switch spec.kind {
            case .string(let max) where max > 300: control = .textarea()
            case .string: control = .text()
            case .email: control = .text(type: "email", autocomplete: "email")
            case .integer: control = .text(type: "text", width: "10")
            case .choice, .uuid, .date, .boolean, .uuidList, .choiceList:
                control = .select(try await options(spec, req), placeholder: spec.required ? req.t("form.select") : req.t("form.none"))
            }
            fields.append(Form.field(spec.name, label: label, control: control, value: values[spec.name],
                                     error: failure.message(for: spec.name), hint: hint, required: spec.required))
        }
        let action = record.map { resource.urls.update($0.id!) } ?? resource.urls.list
        var body: [HNode] = [
            H.el("a", ["href": resource.urls.list, "class": "back-link"], [.text(req.t("admin.back_to", req.t("admin.\(resource.slug).title")))]),
            // A refused delete is explained beside the delete button; every other problem is summarised here.
            Form.errorSummary(resource.deletable ? errors.filter { $0.field != "delete" } : errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(action, req, fields + [Form.button(req.t("form.save"))]),
        ]
        if let record, let id = record.id {
            body += try await resource.editExtras(req, record)
            if resource.deletable {
                let deleteError = failure.message(for: "delete")
                body.append(H.el("section", ["class": "danger-zone", "aria-labelledby": "delete-title"], [
                    H.el("h2", ["id": "delete-title", "class": "heading-m"], [.text(req.t("admin.delete_title"))]),
                    .unwrap(deleteError) { H.el("p", ["class": "error-message", "id": "f-delete", "role": "alert"], [.text($0)]) },
                    Form.post(resource.urls.delete(id), req, [Form.button(req.t("admin.delete", resource.label(record)), warning: true)]),
                ]))
            }
            body.append(H.el("p", [:], [H.link(req.t("admin.history"), SiteURL.auditEntity(resource.entity, id))]))
        }
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    private func options(_ spec: FieldSpec, _ req: Request) async throws -> [Form.Option] {
        if case .choice(let values) = spec.kind {
            let custom = try await resource.options(spec.name, req: req)
            return custom.isEmpty ? values.map { Form.Option($0, req.t("choice.\($0)")) } : custom
        }
        return try await resource.options(spec.name, req: req)
    }
}
