import Foundation
import Plot
import ChorusCore

/// Importing a CSV of places: the upload form, then what was imported and every problem row.
enum PlaceImportView {
    static func form(_ m: PlacesPages.ImportForm, _ ctx: PageContext) -> Page {
        let errors = m.errors
        let failure = ValidationFailure(errors)
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.admin("places").list, "class": "back-link"], [.text(ctx.t("admin.back_to", ctx.t("admin.places.title")))]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(ctx.t("admin.places.import"))]),
            H.el("p", [:], [.text(ctx.t("import.places_intro"))]),
            H.el("p", [:], [H.link(ctx.t("admin.places.import_boundaries"), SiteURL.Places.importBoundaries)]),
            H.el(
                "pre", ["class": "example"],
                [.text("code,name,kind,parent_code,population\nE09000099,Harbourside,local_authority,,\nE05099001,Quayside,ward,E09000099,11240")]),
            Form.post(
                SiteURL.Places.importCSV, ctx,
                [
                    Form.field(
                        "file", label: ctx.t("import.file"), control: .file(accept: ".csv,text/csv"), value: nil,
                        error: failure.message(for: "file"), required: true),
                    H.el(
                        "div", ["class": "checkbox"],
                        [
                            H.void("input", ["type": "checkbox", "id": "f-valid-only", "name": "valid_only", "value": "yes"]),
                            H.el("label", ["for": "f-valid-only"], [.text(ctx.t("import.valid_only"))]),
                        ]),
                    Form.button(ctx.t("import.submit")),
                ], multipart: true),
        ]
        return Page(title: ctx.t("admin.places.import"), body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    static func report(_ m: PlacesPages.ImportReport, _ ctx: PageContext) -> Page {
        let (outcome, validOnly) = (m.outcome, m.validOnly)
        let rejected = outcome.result.rejected
        let clean = rejected.isEmpty
        let title = clean || validOnly ? ctx.t("import.done_title") : ctx.t("import.rejected_title")
        var body: [HNode] = [H.el("h1", ["class": "heading-xl"], [.text(title)])]
        if outcome.imported > 0 || clean || validOnly {
            body.append(
                H.el(
                    "div", ["class": "panel panel-confirm", "role": "status"],
                    [
                        H.el("p", [:], [.text(ctx.t("import.imported", outcome.imported))])
                    ]))
        }
        if !rejected.isEmpty {
            body.append(
                H.el(
                    "div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                    [
                        H.el("h2", ["class": "error-summary-title"], [.text(ctx.t("import.rows_with_problems", rejected.count))]),
                        H.el("p", [:], [.text(validOnly ? ctx.t("import.skipped") : ctx.t("import.nothing_saved"))]),
                    ]))
            body.append(
                Lists.table(
                    rejected,
                    columns: [
                        .init(header: ctx.t("import.line")) { .text(String($0.line)) },
                        .init(header: ctx.t("field.places.code")) { .text($0.code) },
                        .init(header: ctx.t("import.problems")) { row in
                            H.el("ul", ["class": "plain-list"], row.errors.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                        },
                    ], caption: ctx.t("import.rows_with_problems", rejected.count), empty: ""))
        }
        body.append(
            H.el(
                "p", [:],
                [
                    H.link(ctx.t("import.again"), SiteURL.Places.importCSV, class: "button button-secondary"), .text(" "),
                    H.link(ctx.t("admin.back_to", ctx.t("admin.places.title")), SiteURL.admin("places").list),
                ]))
        return Page(title: title, body: body, status: clean || validOnly ? .ok : .unprocessableEntity)
    }
}
