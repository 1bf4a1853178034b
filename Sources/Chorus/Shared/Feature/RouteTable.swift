import Vapor

extension URLPattern {
    /// The pattern as Vapor path components (`:id` a parameter).
    var pathComponents: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }
}

/// A controller's route table is a list of lines like `r.staff.get(SiteURL.Feedback.Route.list, use: list)`: the path
/// comes from the same `URLPattern` that builds links, the handler is a named function.
extension RoutesBuilder {
    typealias Handler = @Sendable (Request) async throws -> Response

    @discardableResult
    func get(_ pattern: URLPattern, use handler: @escaping Handler) -> Route {
        on(.GET, pattern.pathComponents, use: handler)
    }

    @discardableResult
    func post(_ pattern: URLPattern, use handler: @escaping Handler) -> Route {
        on(.POST, pattern.pathComponents, use: handler)
    }
}
