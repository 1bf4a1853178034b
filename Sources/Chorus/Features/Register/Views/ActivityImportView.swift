import Foundation
import Plot
import ChorusCore

/// Importing a spreadsheet of activities: upload, map columns, see every problem row.
enum ActivityImportView {
    static func upload(_ m: RegisterPages.ImportUpload, _ ctx: PageContext) -> Page {
        let errors = m.errors
        let f = ValidationFailure(errors)
        let title = ctx.t("import.activities_title")
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.list, "class": "back-link"], [.text(ctx.t("activity.back"))]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("import.activities_intro"))]),
            H.el("p", [:], [.text(ctx.t("import.activities_columns"))]),
            H.el("pre", ["class": "example"], [.text(ActivityImport.fields.map(\.field).joined(separator: ","))]),
            Form.post(
                SiteURL.Register.importCSV, ctx,
                [
                    Form.field(
                        "file", label: ctx.t("import.file"), control: .file(accept: ".csv,text/csv"), value: nil,
                        error: f.message(for: "file"), required: true),
                    Form.button(ctx.t("import.next")),
                ], multipart: true),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    static func mapping(_ m: RegisterPages.ImportMapping, _ ctx: PageContext) -> Page {
        let (upload, header, mapping, rows, errors) = (m.upload, m.header, m.mapping, m.rows, m.errors)
        let title = ctx.t("import.map_title")
        let options = header.enumerated().map {
            Form.Option(String($0.offset), $0.element.isEmpty ? ctx.t("import.column_n", $0.offset + 1) : $0.element)
        }
        let f = ValidationFailure(errors)
        let fields: [HNode] = ActivityImport.fields.map { field, _ in
            Form.field(
                "map_" + field, label: ctx.t("import.field.\(field)"), control: .select(options, placeholder: ctx.t("import.not_in_file")),
                value: mapping[field].map(String.init), error: f.message(for: "map_" + field))
        }
        let body: [HNode] = [
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", [:], [.text(ctx.t("import.map_intro", rows))]),
            Form.post(
                SiteURL.Register.importRun, ctx,
                [H.void("input", ["type": "hidden", "name": "upload", "value": upload])] + fields + [
                    Form.checkbox("valid_only", label: ctx.t("import.valid_only_activities"), checked: false),
                    Form.button(ctx.t("import.submit")),
                ]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    static func report(_ m: RegisterPages.ImportReport, _ ctx: PageContext) -> Page {
        let (outcome, validOnly) = (m.outcome, m.validOnly)
        let saved = outcome.problems.isEmpty || validOnly
        let title = saved ? ctx.t("import.done_title") : ctx.t("import.rejected_title")
        var body: [HNode] = [H.el("h1", ["class": "heading-xl"], [.text(title)])]
        if saved {
            body.append(
                H.el(
                    "div", ["class": "panel panel-confirm", "role": "status"],
                    [
                        H.el("p", [:], [.text(ctx.t("import.activities_imported", outcome.imported, outcome.rows))])
                    ]))
        }
        if !outcome.problems.isEmpty {
            body.append(
                H.el(
                    "div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                    [
                        H.el("h2", ["class": "error-summary-title"], [.text(ctx.t("import.rows_with_problems", outcome.problems.count))]),
                        H.el("p", [:], [.text(validOnly ? ctx.t("import.skipped") : ctx.t("import.nothing_saved"))]),
                    ]))
            body.append(
                Lists.table(
                    outcome.problems,
                    columns: [
                        .init(header: ctx.t("import.line")) { .text(String($0.line)) },
                        .init(header: ctx.t("activity.title")) { .text($0.title) },
                        .init(header: ctx.t("import.problems")) { row in
                            H.el("ul", ["class": "plain-list"], row.errors.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                        },
                    ], caption: ctx.t("import.rows_with_problems", outcome.problems.count), empty: ""))
        }
        body.append(
            H.el(
                "p", [:],
                [
                    H.link(ctx.t("import.again"), SiteURL.Register.importCSV, class: "button button-secondary"), .text(" "),
                    H.link(ctx.t("activity.back"), SiteURL.Register.list),
                ]))
        return Page(title: title, body: body, status: saved ? .ok : .unprocessableEntity)
    }
}
