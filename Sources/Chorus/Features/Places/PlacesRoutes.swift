import Vapor
import ChorusCore

enum PlacesRoutes {
    static func register(admin: any RoutesBuilder, api: any RoutesBuilder, docs: APIDocs) {
        let routes = AdminRoutes(resource: PlacesResource())
        routes.registerHTML(admin)
        routes.registerAPI(api, docs: docs)

        admin.get("places", "import") { req in PlaceImportView.form(req, errors: []) }
        admin.post("places", "import") { req in
            let user = try req.requireUser()
            let validOnly = (try? req.content.get(String.self, at: "valid_only")) == "yes"
            guard let file = try? req.content.get(File.self, at: "file"), file.data.readableBytes > 0 else {
                return PlaceImportView.form(req, errors: [FieldError("file", req.t("import.choose_file"))])
            }
            guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
                return PlaceImportView.form(req, errors: [FieldError("file", req.t("import.not_text"))])
            }
            do {
                let outcome = try await PlacesImportService.run(csv: text, validOnly: validOnly, db: req.db, actor: user.actor)
                return PlaceImportView.report(req, outcome: outcome, validOnly: validOnly)
            } catch let e as FieldError {
                return PlaceImportView.form(req, errors: [e])
            }
        }
    }
}
