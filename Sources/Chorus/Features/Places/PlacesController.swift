import Vapor
import Fluent
import ChorusCore

/// Places: the admin resource (list, forms, CSV, API: `AdminRoutes`), importing a CSV of places and importing ward
/// boundaries (GeoJSON). Handlers parse the upload, call `PlacesImportService` / `WardBoundaryImportService`, and
/// render a pure view.
enum PlacesController {
    typealias URLs = SiteURL.Places.Route

    static func routes(_ r: FeatureRoutes) {
        let resource = AdminRoutes(resource: PlacesResource())
        resource.registerHTML(r.admin)
        resource.registerAPI(r.api, docs: r.docs)
        r.admin.get(URLs.importCSV, use: importForm)
        r.admin.post(URLs.importCSV, use: importCSV)
        r.admin.get(URLs.importBoundaries, use: boundaryForm)
        r.admin.post(URLs.importBoundaries, use: importBoundaries).userInfo[BodyLimits.maxBodyKey] =
            WardBoundaryImportService.maxBytes + 64 * 1024
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

    @Sendable static func boundaryForm(_ req: Request) async throws -> Response {
        try await boundaryPage(req, errors: [])
    }

    @Sendable static func importBoundaries(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
            return try await boundaryPage(req, errors: [FieldError("file", "Choose a GeoJSON file to upload")])
        }
        guard file.data.readableBytes <= WardBoundaryImportService.maxBytes else {
            return try await boundaryPage(
                req,
                errors: [
                    FieldError(
                        "file",
                        "The file is larger than \(WardBoundaryImportService.maxBytes / (1024 * 1024)) MB; use a generalised (BGC) download or fewer wards"
                    )
                ])
        }
        let data = Data(file.data.readableBytesView)
        do {
            let outcome = try await WardBoundaryImportService.run(json: data, db: req.db, actor: user.actor)
            return BoundaryImportView.report(PlacesPages.BoundaryImportReport(outcome: outcome), req.page).response(req.page)
        } catch let e as FieldError {
            return try await boundaryPage(req, errors: [e])
        }
    }

    /// The boundary upload form, with what was wrong with the file if anything.
    static func boundaryPage(_ req: Request, errors: [FieldError]) async throws -> Response {
        let wards = try await Place.query(on: req.db).filter(\.$kind == PlaceKind.ward.rawValue).count()
        let withBoundary = try await WardBoundary.query(on: req.db).count()
        return BoundaryImportView.form(PlacesPages.BoundaryImportForm(errors: errors, wards: wards, withBoundary: withBoundary), req.page)
            .response(req.page)
    }
}
