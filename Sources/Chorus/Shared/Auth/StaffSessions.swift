import Vapor
import Fluent

/// Database-backed browser sessions for staff. The cookie is HttpOnly, SameSite=Lax, and Secure when the
/// public base URL is https. Idle sessions end after `idleTimeout`.
enum StaffSessions {
    static let cookieName = "chorus_session"
    static let idleTimeout: TimeInterval = 12 * 60 * 60
    /// last_seen_at is written at most this often, so ordinary page views do not write to the database.
    static let touchInterval: TimeInterval = 5 * 60

    static func start(for personID: UUID, req: Request, response: Response) async throws {
        let token = Tokens.make()
        let now = Date()
        let s = StaffSession()
        s.tokenHash = Tokens.hash(token)
        s.$person.id = personID
        s.createdAt = now
        s.lastSeenAt = now
        try await s.create(on: req.db)
        response.cookies[cookieName] = cookie(token, secure: req.application.chorusConfig.secureCookies)
    }

    static func end(req: Request, response: Response) async throws {
        if let token = req.cookies[cookieName]?.string {
            try await StaffSession.query(on: req.db).filter(\.$tokenHash == Tokens.hash(token)).delete()
        }
        response.cookies[cookieName] = .expired
    }

    /// Ends every session of a person (on deactivation, and when they set a password from an invitation).
    static func endAll(for personID: UUID, on db: any Database) async throws {
        try await StaffSession.query(on: db).filter(\.$person.$id == personID).delete()
    }

    static func cookie(_ value: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

/// Reads the session cookie and, when it names a live session of an active person, sets `req.currentUser`.
struct SessionUserMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = req.cookies[StaffSessions.cookieName]?.string, !token.isEmpty,
            let session = try await StaffSession.query(on: req.db).filter(\.$tokenHash == Tokens.hash(token)).first()
        {
            let now = Date()
            if now.timeIntervalSince(session.lastSeenAt) > StaffSessions.idleTimeout {
                try await req.gatedWrite { try await session.delete(on: req.db) }
            } else if let user = try await CurrentUser.load(personID: session.$person.id, on: req.db) {
                req.currentUser = user
                if now.timeIntervalSince(session.lastSeenAt) > StaffSessions.touchInterval {
                    session.lastSeenAt = now
                    try await req.gatedWrite { try await session.update(on: req.db) }
                }
            }
        }
        return try await next.respond(to: req)
    }
}
