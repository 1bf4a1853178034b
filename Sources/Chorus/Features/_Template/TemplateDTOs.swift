import Foundation

/// What the API returns: a Codable value, never a Fluent model.
struct TemplateNoteDTO: Codable, Sendable {
    let id: UUID
    let title: String
    let text: String

    init(_ n: TemplateService.Note) { id = n.id; title = n.title; text = n.text }

    static let schema = Schema.object(["id": .string(format: "uuid"), "title": .string(), "text": .string()], required: ["id", "title", "text"])
}
