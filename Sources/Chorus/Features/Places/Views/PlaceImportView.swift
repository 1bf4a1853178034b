import Vapor
import Plot
import ChorusCore

enum PlaceImportView {
    static func form(_ req: Request, errors: [FieldError]) -> Response {
        let failure = ValidationFailure(errors)
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.admin("places").list, "class": "back-link"], [.text(req.t("admin.back_to", req.t("admin.places.title")))]),
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(req.t("admin.places.import"))]),
            H.el("p", [:], [.text(req.t("import.places_intro"))]),
            H.el("pre", ["class": "example"], [.text("code,name,kind,parent_code,population\nE09000099,Harbourside,local_authority,,\nE05099001,Quayside,ward,E09000099,11240")]),
            Form.post(SiteURL.admin("places").importCSV, req, [
                Form.field("file", label: req.t("import.file"), control: .file(accept: ".csv,text/csv"), value: nil,
                           error: failure.message(for: "file"), required: true),
                H.el("div", ["class": "checkbox"], [
                    H.void("input", ["type": "checkbox", "id": "f-valid-only", "name": "valid_only", "value": "yes"]),
                    H.el("label", ["for": "f-valid-only"], [.text(req.t("import.valid_only"))]),
                ]),
                Form.button(req.t("import.submit")),
            ], multipart: true),
        ]
        return Page(title: req.t("admin.places.import"), body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    static func report(_ req: Request, outcome: PlacesImportService.Outcome, validOnly: Bool) -> Response {
        let rejected = outcome.result.rejected
        let clean = rejected.isEmpty
        let title = clean || validOnly ? req.t("import.done_title") : req.t("import.rejected_title")
        var body: [HNode] = [H.el("h1", ["class": "heading-xl"], [.text(title)])]
        if outcome.imported > 0 || clean || validOnly {
            body.append(H.el("div", ["class": "panel panel-confirm", "role": "status"], [
                H.el("p", [:], [.text(req.t("import.imported", outcome.imported))]),
            ]))
        }
        if !rejected.isEmpty {
            body.append(H.el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"], [
                H.el("h2", ["class": "error-summary-title"], [.text(req.t("import.rows_with_problems", rejected.count))]),
                H.el("p", [:], [.text(validOnly ? req.t("import.skipped") : req.t("import.nothing_saved"))]),
            ]))
            body.append(Lists.table(rejected, columns: [
                .init(header: req.t("import.line")) { .text(String($0.line)) },
                .init(header: req.t("field.places.code")) { .text($0.code) },
                .init(header: req.t("import.problems")) { row in
                    H.el("ul", ["class": "plain-list"], row.errors.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                },
            ], caption: req.t("import.rows_with_problems", rejected.count), empty: ""))
        }
        body.append(H.el("p", [:], [
            H.link(req.t("import.again"), SiteURL.admin("places").importCSV, class: "button button-secondary"), .text(" "),
            H.link(req.t("admin.back_to", req.t("admin.places.title")), SiteURL.admin("places").list),
        ]))
        return Page(title: title, body: body, status: clean || validOnly ? .ok : .unprocessableEntity).response(for: req)
    }
}
