import Foundation
import Plot
import ChorusCore

/// Importing ward boundaries from GeoJSON: the upload form, then what was imported or every problem feature
/// (nothing is saved unless every feature is good). Staff page, English.
enum BoundaryImportView {
    static let title = "Import ward boundaries (GeoJSON)"

    static func form(_ m: PlacesPages.BoundaryImportForm, _ ctx: PageContext) -> Page {
        let failure = ValidationFailure(m.errors)
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.admin("places").list, "class": "back-link"], [.text(ctx.t("admin.back_to", ctx.t("admin.places.title")))]),
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead"],
                [
                    .text(
                        "Ward boundaries draw the maps of fatigue, activities, insights and themes by ward. \(m.withBoundary) of \(m.wards) wards have a boundary."
                    )
                ]),
            H.el(
                "p", [:],
                [
                    .text(
                        "Upload a GeoJSON FeatureCollection as ONS Open Geography publishes ward boundaries (for example \u{201C}Wards (May 2023) Boundaries UK BGC\u{201D}, downloaded as GeoJSON in longitude and latitude, WGS84). Each feature is a Polygon or MultiPolygon whose properties give the ward's GSS code and name as WD23CD and WD23NM (any year's WDnnCD/WDnnNM, or code and name). Features for wards that are not in places are refused: import the places first. The file may hold the whole country; cut it to your wards first, as only wards in places are accepted."
                    )
                ]),
            H.el(
                "p", [:],
                [
                    .text(
                        "Every feature is checked before anything is saved: if any feature has a problem, nothing is saved and each problem is listed. A good file replaces the boundaries of the wards it names and leaves the others. At most \(WardBoundaryImportService.maxBytes / (1024 * 1024)) MB and \(NumberText.grouped(GeoBoundaries.maxFeatures)) features."
                    )
                ]),
            H.el(
                "pre", ["class": "example"],
                [
                    .text(
                        "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\",\n   \"properties\": {\"WD23CD\": \"E05099001\", \"WD23NM\": \"Quayside\"},\n   \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[-1.41, 50.9], [-1.39, 50.9], [-1.39, 50.91], [-1.41, 50.9]]]}}\n]}"
                    )
                ]),
            Form.post(
                SiteURL.Places.importBoundaries, ctx,
                [
                    Form.field(
                        "file", label: "GeoJSON file", control: .file(accept: ".geojson,.json,application/geo+json,application/json"), value: nil,
                        error: failure.message(for: "file"), required: true),
                    Form.button("Check and import"),
                ], multipart: true),
        ]
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    static func report(_ m: PlacesPages.BoundaryImportReport, _ ctx: PageContext) -> Page {
        let outcome = m.outcome
        let rejected = outcome.result.rejected
        let clean = rejected.isEmpty
        let heading = clean ? "Ward boundaries imported" : "Ward boundaries not imported"
        var body: [HNode] = [H.el("h1", ["class": "heading-xl"], [.text(heading)])]
        if clean {
            body.append(
                H.el(
                    "div", ["class": "panel panel-confirm", "role": "status"],
                    [
                        H.el(
                            "p", [:],
                            [
                                .text(
                                    "Boundaries of \(outcome.imported) \(outcome.imported == 1 ? "ward" : "wards") imported (\(outcome.replaced) replaced)."
                                )
                            ])
                    ]))
        } else {
            let n = rejected.count
            body.append(
                H.el(
                    "div", ["class": "error-summary", "role": "alert", "tabindex": "-1"],
                    [
                        H.el("h2", ["class": "error-summary-title"], [.text(n == 1 ? "1 feature has problems" : "\(n) features have problems")]),
                        H.el("p", [:], [.text("Nothing from this file was saved. Correct the features below and upload the file again.")]),
                    ]))
            body.append(
                Lists.table(
                    rejected,
                    columns: [
                        .init(header: "Feature") { .text(String($0.feature)) },
                        .init(header: "Code") { .text($0.code) },
                        .init(header: "Problems") { row in
                            H.el("ul", ["class": "plain-list"], row.errors.map { H.el("li", [:], [.text("\($0.field): \($0.message)")]) })
                        },
                    ], caption: "Features with problems", empty: ""))
        }
        body.append(
            H.el(
                "p", [:],
                [
                    H.link("Import another file", SiteURL.Places.importBoundaries, class: "button button-secondary"), .text(" "),
                    H.link("See the fatigue map", SiteURL.Register.fatigue), .text(" "),
                    H.link(ctx.t("admin.back_to", ctx.t("admin.places.title")), SiteURL.admin("places").list),
                ]))
        return Page(title: heading, body: body, status: clean ? .ok : .unprocessableEntity, englishOnly: true)
    }
}
