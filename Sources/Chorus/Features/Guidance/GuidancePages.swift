import Vapor
import Fluent
import ChorusCore

/// Page models of the good-practice library.
enum GuidancePages {
    struct List: Sendable {
        let page: PageOf<GuidanceService.Entry>
        let query: [String: String]
        let canWrite: Bool
        let methods: [Form.Option]
    }

    struct Edit: Sendable {
        /// nil: a new page.
        let id: UUID?
        let input: Input
        let methods: [Form.Option]
        var errors: [FieldError] = []
    }

    static func filter(_ q: [String: String]) -> GuidanceService.Filter {
        func value(_ k: String) -> String? { q[k].flatMap { $0.isEmpty ? nil : $0 } }
        return .init(
            text: value("q").map { String($0.prefix(200)) }, kind: value("kind").flatMap(GuidanceKind.init(rawValue:)),
            method: value("method").flatMap(EngagementMethod.init(rawValue:)))
    }

    static func list(_ q: [String: String], reader: GuidanceService.Reader, methodLabel: (String) -> String, _ db: any Database) async throws -> List
    {
        let page = try await GuidanceService.list(filter(q), reader: reader, window: PageWindow(page: q["page"].flatMap(Int.init)), db)
        var canWrite = false
        if case .staff(let user) = reader { canWrite = GuidanceService.canWrite(user) }
        return List(page: page, query: q, canWrite: canWrite, methods: methodOptions(methodLabel))
    }

    static func methodOptions(_ label: (String) -> String) -> [Form.Option] {
        EngagementMethod.allCases.map { .init($0.rawValue, label($0.rawValue)) }
    }

    static func edit(_ id: UUID?, user: CurrentUser, methodLabel: (String) -> String, _ db: any Database) async throws -> Edit {
        guard GuidanceService.canWrite(user) else { throw Abort(.forbidden, reason: "Only officers and partnership admins write guidance") }
        guard let id else {
            return Edit(
                id: nil, input: Input(values: ["visibility": "staff", "kind": GuidanceKind.methodGuide.rawValue]), methods: methodOptions(methodLabel)
            )
        }
        let e = try await GuidanceService.find(id, reader: .staff(user), db)
        guard GuidanceService.canEdit(user, organisationID: e.organisationID) else {
            throw Abort(.forbidden, reason: "Only the organisation's officers and partnership admins change this page")
        }
        return Edit(
            id: id,
            input: Input(values: [
                "kind": e.kind.rawValue, "title": e.title, "summary": e.summary, "body": e.body, "visibility": e.visibility.rawValue,
                "method": e.method?.rawValue ?? "", "published": e.published ? "true" : "",
            ]), methods: methodOptions(methodLabel))
    }
}
