import Vapor
import Fluent
import ChorusCore

/// The feature's use cases: every query and write is here (handlers and views never touch the database). Other
/// features reach this one only through functions like these, never its tables.
enum TemplateService {
    static let entity = "template_note"
    static let maxText = 2000

    /// One declaration of the input: the HTML form, the JSON API, its OpenAPI schema and validation all read it.
    static let specs: [FieldSpec] = [
        FieldSpec(name: "title", kind: .string(maxLength: 200), required: true, description: "What the note is about"),
        FieldSpec(name: "text", kind: .string(maxLength: maxText), required: true, description: "The note"),
    ]

    struct Note: Sendable, Equatable { let id: UUID; let title: String; let text: String }

    /// The notes of the reader's organisation, newest first.
    static func notes(for user: CurrentUser, _ db: any Database) async throws -> [Note] {
        try await TemplateNote.query(on: db).filter(\.$organisation.$id == user.organisationID).sort(\.$createdAt, .descending).sort(\.$id)
            .limit(500).all().map(note)
    }

    /// A note of the reader's organisation, or 404 (another organisation's note does not exist for them).
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> Note {
        guard let id, let n = try await TemplateNote.find(id, on: db), n.$organisation.id == user.organisationID else { throw Abort(.notFound) }
        return note(n)
    }

    /// Checks the input (every problem named by its field) and saves the note with its audit entry, in one
    /// transaction: nothing is half-saved.
    static func create(_ input: Input, user: CurrentUser, on db: any Database) async throws -> Note {
        var v = Validator()
        let title = v.required("title", input["title"], label: "Title", max: 200)
        let text = v.required("text", input["text"], label: "Note", max: maxText, multiline: true)
        try v.check()
        let n = TemplateNote()
        n.$organisation.id = user.organisationID
        n.title = title
        n.text = text
        try await db.transaction { tx in
            try await n.create(on: tx)
            try await AuditService.record(tx, actor: user.actor, action: .create, entity: entity, id: n.id, label: title)
        }
        return note(n)
    }

    private static func note(_ n: TemplateNote) -> Note { Note(id: n.id!, title: n.title, text: n.text) }
}
