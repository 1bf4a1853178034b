import Vapor

/// Cross-site request forgery protection for every state-changing HTML form.
/// A random value lives in an HttpOnly, SameSite=Strict cookie; each form carries `_csrf`, the HMAC of that
/// value under the session secret. A POST whose field does not match gets 403 and changes nothing.
/// The JSON API is exempt: it authenticates with bearer tokens, which browsers never send on their own.
/// Uploads streamed to disk (`StreamedUpload`) carry the field inside a body read only by their route, which checks it
/// with `Request.checkCSRF(_:)` before it keeps anything.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "chorus_csrf"
    static let fieldName = "_csrf"
    /// POST routes registered with `body: .stream` whose route checks the token itself.
    static let streamedUploadPaths: Set<String> = [SiteURL.Insights.importCSV, SiteURL.Budgeting.check]

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var issued: String? = nil
        let cookieValue: String
        if let existing = req.cookies[Self.cookieName]?.string, existing.count >= 32 {
            cookieValue = existing
        } else {
            cookieValue = Tokens.make()
            issued = cookieValue
        }
        req.storage[CSRFTokenKey.self] = Tokens.hmac(cookieValue, key: req.application.sessionSecret)

        req.storage[CSRFCookieSentKey.self] = issued == nil
        if req.method == .POST && Self.streamedUploadPaths.contains(req.url.path) {
            // Checked by the route once it has read the body (Request.checkCSRF).
        } else if ![.GET, .HEAD, .OPTIONS].contains(req.method) {
            if req.body.data == nil {
                // Forms are read here, before the route, so collect the body now (uploads may be larger). Usually
                // WriteGateMiddleware has already read it, outside the write gate.
                _ = try await req.body.collect(max: BodyLimits.limit(for: req)).get()
            }
            let sent: String?
            if req.headers.contentType == .urlEncodedForm, let body = req.body.data {
                sent = Input.parse(urlEncoded: String(decoding: body.readableBytesView, as: UTF8.self)).values[Self.fieldName]
            } else {
                sent = try? req.content.get(String.self, at: Self.fieldName)
            }
            try req.checkCSRF(sent)
        }
        let response = try await next.respond(to: req)
        if let issued {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: issued, path: "/", isSecure: req.application.chorusConfig.secureCookies,
                isHTTPOnly: true, sameSite: .strict)
        }
        return response
    }
}

private struct CSRFTokenKey: StorageKey { typealias Value = String }
private struct CSRFCookieSentKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The value every form on this page must send back as `_csrf`.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }

    /// Renders `body` with `placeholder` as the page's token, then puts the reader's own back: a cached public page
    /// is made once for every reader, and each copy served gets the token of the reader it goes to.
    func withCSRFToken<T>(_ placeholder: String, _ body: () async throws -> T) async rethrows -> T {
        let own = storage[CSRFTokenKey.self]
        storage[CSRFTokenKey.self] = placeholder
        defer { storage[CSRFTokenKey.self] = own }
        return try await body()
    }

    /// 403 unless the browser sent its CSRF cookie and `sent` is that cookie's token.
    func checkCSRF(_ sent: String?) throws {
        guard storage[CSRFCookieSentKey.self] == true, let sent, Tokens.constantTimeEqual(sent, csrfToken) else {
            throw Abort(.forbidden, reason: "csrf")
        }
    }
}
