import Vapor
import Plot
import ChorusCore

/// Importing a spreadsheet of activities: upload, map columns, see every problem row.
enum ActivityImportView {
    static let uploadURL = "/activities/import"
    static let runURL = "/activities/import/run"

    static func upload(_ req: Request, errors: [FieldError]) -> Response {
        let f = ValidationFailure(errors)
        let title = req.t("import.activities_title")
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.list, "class": "back-link"], [.text(req.t("activity.back"))]),
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(req.t("import.activities_intro"))]),
            H.el("p", [:], [.text(req.t("import.activities_columns"))]),
            H.el("pre", ["class": "example"], [.text(ActivityImport.fields.map(\.field).joined(separator: ","))]),
            Form.post(uploadURL, req, [
                Form.field("file", label: req.t("import.file"), control: .file(accept: ".csv,text/csv"), value: nil,
                           error: f.message(for: "file"), required: true),
                Form.button(req.t("import.next")),
            ], multipart: true),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    static func mapping(_ req: Request, upload: String, header: [String], mapping: [String: Int], rows: Int, errors: [FieldError]) -> Response {
        let title = req.t("import.map_title")
        let options = header.enumerated().map { Form.Option(String($0.offset), $0.element.isEmpty ? req.t("import.column_n", $0.offset + 1) : $0.element) }
        let f = ValidationFailure(errors)
        let fields: [HNode] = ActivityImport.fields.map { field, _ in
            Form.field("map_" + field, label: req.t("import.field.\(field)"), control: .select(options, placeholder: req.t("import.not_in_file")),
                       value: mapping[field].map(String.init), error: f.message(for: "map_" + field))
        }
        let body: [HNode] = [
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(req.t("import.map_intro", rows))]),
            Form.post(runURL, req, [H.void("input", ["type": "hidden", "name": "upload", "value": upload])] + fields + [
                Form.checkbox("valid_only", label: req.t("import.valid_only_activities"), checked: false),
                Form.button(req.t("import.submit")),
            ]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    static func report(_ req: Request, outcome: RegisterImportService.Outcome, validOnly: Bool) -> Response {
        let saved = outcome.problems.isEmpty || validOnly
        let title = saved ? req.t("import.done_title") : req.t("import.rejected_title")
        var body: [HNode] = [H.el("h1", ["class": "heading-xl"], [.text(title)])]
        if saved {
            body.append(H.el("div", ["class": "panel panel-confirm", "role": "status"], [
                H.el("p", [:], [.text(req.t("import.activities_imported", outcome.imported, outcome.rows))]),
            ]))
        }
        if !outcome.problems.isEmpty {
            body.append(H.el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"], [
                H.el("h2", ["class": "error-summary-title"], [.text(req.t("import.rows_with_problems", outcome.problems.count))]),
                H.el("p", [:], [.text(validOnly ? req.t("import.skipped") : req.t("import.nothing_saved"))]),
            ]))
            body.append(Lists.table(outcome.problems, columns: [
                .init(header: req.t("import.line")) { .text(String($0.line)) },
                .init(header: req.t("activity.title")) { .text($0.title) },
                .init(header: req.t("import.problems")) { row in
                    H.el("ul", ["class": "plain-list"], row.errors.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                },
            ], caption: req.t("import.rows_with_problems", outcome.problems.count), empty: ""))
        }
        body.append(H.el("p", [:], [
            H.link(req.t("import.again"), uploadURL, class: "button button-secondary"), .text(" "),
            H.link(req.t("activity.back"), SiteURL.Register.list),
        ]))
        return Page(title: title, body: body, status: saved ? .ok : .unprocessableEntity).response(for: req)
    }
}
