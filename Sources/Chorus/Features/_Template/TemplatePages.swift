import Vapor
import Fluent
import ChorusCore

/// Page models: plain `Sendable` values built by the service, rendered by pure views.
enum TemplatePages {
    struct List: Sendable {
        var notes: [TemplateService.Note]
        var errors: [FieldError] = []
        var input: Input? = nil
    }

    static func list(user: CurrentUser, errors: [FieldError] = [], input: Input? = nil, _ db: any Database) async throws -> List {
        List(notes: try await TemplateService.notes(for: user, db), errors: errors, input: input)
    }
}
