import Vapor
import ChorusCore

/// Places: the admin resource (list, forms, CSV, API: `AdminRoutes`) and importing a CSV of places. Handlers parse
/// the upload, call `PlacesImportService`, and render a pure view.
enum PlacesController {
    typealias URLs = SiteURL.Places.Route

    static func routes(_ r: FeatureRoutes) {
        let resource = AdminRoutes(resource: PlacesResource())
        resource.registerHTML(r.admin)
        resource.registerAPI(r.api, docs: r.docs)
        r.admin.get(URLs.importCSV, use: importForm)
        r.admin.post(URLs.importCSV, use: importCSV)
    }

    @Sendable static func importForm(_ req: Request) async throws -> Response {
        PlaceImportView.form(PlacesPages.ImportForm(), req.page).response(req.page)
    }

    @Sendable static func importCSV(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let validOnly = (try? req.content.get(String.self, at: "valid_only")) == "yes"
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
            return formWithProblem(req, FieldError("file", req.t("import.choose_file")))
        }
        guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            return formWithProblem(req, FieldError("file", req.t("import.not_text")))
        }
        do {
            let outcome = try await PlacesImportService.run(csv: text, validOnly: validOnly, db: req.db, actor: user.actor)
            return PlaceImportView.report(PlacesPages.ImportReport(outcome: outcome, validOnly: validOnly), req.page).response(req.page)
        } catch let e as FieldError {
            return formWithProblem(req, e)
        }
    }

    /// The upload form again, with what was wrong with the file.
    static func formWithProblem(_ req: Request, _ error: FieldError) -> Response {
        PlaceImportView.form(PlacesPages.ImportForm(errors: [error]), req.page).response(req.page)
    }
}
