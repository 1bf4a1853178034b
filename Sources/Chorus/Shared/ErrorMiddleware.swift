import Vapor
import ChorusCore

/// Turns every error into a page a person can act on, or a JSON error for /api/v1. User error is never a 500:
/// validation and decoding failures are 400 (naming the field); unknown ids are 404; missing sign-in is a
/// redirect to the sign-in page (HTML) or 401 (API). Unexpected errors are logged and shown as a friendly 500.
struct ChorusErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return handle(error, req)
        }
    }

    static func isAPI(_ req: Request) -> Bool { req.url.path.hasPrefix("/api/") }

    /// SQLite's "FOREIGN KEY constraint failed" or PostgreSQL's SQLSTATE 23503.
    static func isForeignKeyViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("FOREIGN KEY constraint failed") || text.contains("23503") || text.contains("foreignKeyViolation")
    }

    /// SQLite's "UNIQUE constraint failed" or PostgreSQL's SQLSTATE 23505.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("UNIQUE constraint failed") || text.contains("23505") || text.contains("uniqueViolation")
    }

    func handle(_ error: any Error, _ req: Request) -> Response {
        var status: HTTPResponseStatus = .internalServerError
        var message = "Something went wrong on our side."
        var fields: [FieldError] = []
        var headers = HTTPHeaders()
        switch error {
        case let failure as ValidationFailure:
            status = .badRequest
            fields = failure.errors
            message = fields.first?.message ?? "The request has problems"
        case let conflict as StoredConflict:
            // Well formed, but at odds with what is stored (a name already used, an id that is not there): the fields say which.
            status = .conflict
            fields = conflict.errors
            message = fields.first?.message ?? "The request conflicts with what is stored"
        case let failure as FieldError:
            status = .badRequest
            fields = [failure]
            message = failure.message
        case let decoding as DecodingError:
            status = .badRequest
            let f = DecodingDiagnosis.fieldError(decoding)
            fields = [f]
            message = f.message
        case let abort as any AbortError:
            status = abort.status
            message = abort.reason
            headers = abort.headers
        default:
            if Self.isUniqueViolation(error) {
                // Two requests raced past the uniqueness check; the database kept the data consistent.
                status = .conflict
                message = "A record with these details already exists"
            } else if Self.isForeignKeyViolation(error) {
                // A record still in use slipped past its delete check; the database refused, nothing changed.
                status = .conflict
                message = "This record is still in use"
                req.logger.warning("foreign key refused a change on \(req.method) \(req.url.path)")
            } else {
                req.logger.report(error: error)
            }
        }
        if status == .internalServerError { req.logger.error("500 on \(req.method) \(req.url.path): \(String(reflecting: error))") }

        if Self.isAPI(req) {
            if status == .unauthorized {
                headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"chorus\"")
                message = "Send a personal API token as 'Authorization: Bearer <token>'"
            }
            if status == .internalServerError { message = "Internal error" }
            let body = APIErrorBody(status: status, message: message, fields: fields)
            let response = Response(status: status, headers: headers)
            try? response.content.encode(body, as: .json)
            return response
        }
        if status == .unauthorized {
            let back = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
            // Residents' pages send residents to their own sign-in, never the staff one.
            if req.url.path.hasPrefix(SiteURL.Residents.account) { return req.redirect(to: SiteURL.Residents.signIn(back: back)) }
            return req.redirect(to: SiteURL.with(SiteURL.signIn, ["back": back]))
        }
        return ErrorPage.render(status: status, reason: message, req: req)
    }
}

/// Friendly error pages in the reader's language.
enum ErrorPage {
    static func render(status: HTTPResponseStatus, reason: String, req: Request) -> Response {
        let key: String
        switch status.code {
        case 403: key = reason == "csrf" ? "error.csrf" : "error.403"
        case 404: key = "error.404"
        case 400..<500: key = "error.400"
        default: key = "error.500"
        }
        var body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(req.t(key + ".title"))]),
            H.el("p", [:], [.text(req.t(key + ".body"))]),
        ]
        if key == "error.400", !reason.isEmpty { body.append(H.el("p", ["class": "error-detail"], [.text(reason)])) }
        body.append(H.el("p", [:], [H.link(req.t("error.home"), SiteURL.home)]))
        return Page(title: req.t(key + ".title"), body: body, status: status).response(for: req)
    }
}
