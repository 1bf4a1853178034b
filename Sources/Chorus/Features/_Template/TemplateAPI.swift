import Vapor
import ChorusCore

/// The JSON API: `docs.route` registers each operation and documents it in OpenAPI from the same declaration.
enum TemplateAPI {
    static func routes(_ r: FeatureRoutes) {
        r.docs.addSchema("TemplateNote", TemplateNoteDTO.schema)
        r.docs.addSchema(
            "TemplateNoteInput",
            .object(
                Dictionary(uniqueKeysWithValues: TemplateService.specs.map { ($0.name, $0.schema(nullable: false)) }),
                required: TemplateService.specs.filter(\.required).map(\.name)))
        r.docs.route(
            r.api, .GET, "/template-notes", summary: "Your organisation's notes", tag: "template",
            response: .object(["items": .array(.ref("TemplateNote"))], required: ["items"]), handler: list)
        r.docs.route(
            r.api, .POST, "/template-notes", summary: "Add a note", tag: "template", request: .ref("TemplateNoteInput"),
            response: .ref("TemplateNote"), success: .created, handler: create)
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let notes = try await TemplateService.notes(for: req.requireUser(), req.db)
        return try APIResponse.json(["items": notes.map(TemplateNoteDTO.init)])
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let input = try Input.json(req, specs: TemplateService.specs)
        let note = try await TemplateService.create(input, user: req.requireUser(), on: req.db)
        return try APIResponse.json(TemplateNoteDTO(note), status: .created)
    }
}
