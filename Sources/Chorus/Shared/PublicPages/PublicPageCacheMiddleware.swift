import Vapor
import ChorusCore

/// Serves the routes a feature registers on `FeatureRoutes.publicPages` from `PublicPageCache` to readers who are not
/// signed in; anyone signed in gets the page made for them. Only a `200` with a whole body and no cookie of its own
/// is kept; anything else is served as made, with the reader's token put back in its forms.
struct PublicPageCacheMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method == .GET, req.currentUser == nil else { return try await next.respond(to: req) }
        let cache = req.application.publicPages
        // Read before the page is made: a write that lands while it is being made moves the clock past this reading,
        // so the page is kept under a generation that is already old and never served.
        let reading = await cache.clock.reading(req.db)
        let key = PublicPageCache.Key(address: req.url.string, language: req.language.code, day: Day(Date()))
        if let entry = cache.entry(key, generation: reading.generation) {
            cache.count(.hit)
            return cache.response(entry, for: req)
        }
        var response: Response? = nil
        let outcome = try await cache.make(key, generation: reading.generation) { () async throws -> PublicPageCache.Entry? in
            let made = try await req.withCSRFToken(cache.placeholder) { try await next.respond(to: req) }
            response = made
            guard made.status == .ok, !made.headers.contains(name: .setCookie) else { return nil }
            return cache.entry(from: made, lastModified: reading.changedAt)
        }
        if let entry = outcome.entry {
            cache.count(outcome.made ? .miss : .hit)
            return cache.response(entry, for: req)
        }
        // Not kept: this reader's own answer, or, if another request made it, one made for this reader.
        let made: Response
        if let response { made = response } else { made = try await req.withCSRFToken(cache.placeholder) { try await next.respond(to: req) } }
        cache.count(.notCached)
        if let body = cache.entry(from: made, lastModified: reading.changedAt) {
            made.body = .init(buffer: cache.body(body, token: req.csrfToken))
        }
        return made
    }
}

/// Moves the public pages' clock after every request that may have changed something (any method but GET, HEAD and
/// OPTIONS that was not refused with a 4xx), once its handler has finished and its writes are committed. A request that
/// failed on the server's side may have written part of its work, so it counts too.
struct PublicPagesChangeMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method) else { return try await next.respond(to: req) }
        do {
            let response = try await next.respond(to: req)
            if !(400..<500).contains(response.status.code) { await changed(req) }
            return response
        } catch {
            if !(400..<500).contains((error as? any AbortError)?.status.code ?? 500) { await changed(req) }
            throw error
        }
    }

    private func changed(_ req: Request) async {
        await req.application.publicPages.clock.changed(req.db, logger: req.logger)
    }
}
