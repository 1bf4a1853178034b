import Vapor
import Fluent

/// The signed-in resident, as plain values. Set only from the resident cookie, which is never a staff session: a
/// resident's session cannot open staff pages (they read `currentUser`, which only the staff cookie sets).
struct CurrentResident: Sendable {
    let id: UUID
    let reference: String
    let email: String?
    let displayName: String?
    let language: String
    /// When staff act for a resident (assisted digital), who they are: both names go to the audit log.
    var actingStaff: CurrentUser? = nil

    /// For the audit log: the resident's reference, never their email or name.
    var actor: Actor {
        if let staff = actingStaff { return Actor(id: staff.id, name: "\(staff.name) (\(staff.organisationName)) for resident \(reference)") }
        return Actor(id: nil, name: "resident \(reference)")
    }
}

/// Database-backed sessions for residents, in a cookie of their own (HttpOnly, SameSite=Lax, Secure on https).
/// A session ends after 30 idle days or when the resident signs out or deletes their account.
enum ResidentSessions {
    static let cookieName = "chorus_resident"
    static let idleTimeout: TimeInterval = 30 * 86_400
    static let touchInterval: TimeInterval = 60 * 60

    static func start(for residentID: UUID, req: Request, response: Response, on db: any Database) async throws {
        let token = Tokens.make()
        let now = Date()
        let s = ResidentSession()
        s.tokenHash = Tokens.hash(token)
        s.$resident.id = residentID
        s.createdAt = now
        s.lastSeenAt = now
        try await s.create(on: db)
        response.cookies[cookieName] = StaffSessions.cookie(token, secure: req.application.chorusConfig.secureCookies)
    }

    static func end(req: Request, response: Response) async throws {
        if let token = req.cookies[cookieName]?.string {
            try await ResidentSession.query(on: req.db).filter(\.$tokenHash == Tokens.hash(token)).delete()
        }
        response.cookies[cookieName] = .expired
    }
}

/// Reads the resident cookie and, when it names a live session, sets `req.currentResident`.
struct ResidentSessionMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = req.cookies[ResidentSessions.cookieName]?.string, !token.isEmpty,
            let session = try await ResidentSession.query(on: req.db).filter(\.$tokenHash == Tokens.hash(token)).with(\.$resident).first()
        {
            let now = Date()
            if now.timeIntervalSince(session.lastSeenAt) > ResidentSessions.idleTimeout {
                try await req.gatedWrite { try await session.delete(on: req.db) }
            } else if session.resident.id != nil {
                req.currentResident = CurrentResident(session.resident)
                if now.timeIntervalSince(session.lastSeenAt) > ResidentSessions.touchInterval {
                    session.lastSeenAt = now
                    try await req.gatedWrite { try await session.update(on: req.db) }
                }
            }
        }
        return try await next.respond(to: req)
    }
}

/// Lets through only a signed-in resident; anyone else is sent to the residents' sign-in page, and back here after.
struct ResidentGuard: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.currentResident != nil else {
            // Any feature's residents-only page, not only the account's: a 401 would send them to the staff sign-in.
            return req.redirect(to: SiteURL.Residents.signIn(back: req.url.path + (req.url.query.map { "?" + $0 } ?? "")))
        }
        return try await next.respond(to: req)
    }
}

private struct CurrentResidentKey: StorageKey { typealias Value = CurrentResident }

extension Request {
    var currentResident: CurrentResident? {
        get { storage[CurrentResidentKey.self] }
        set { storage[CurrentResidentKey.self] = newValue }
    }

    func requireResident() throws -> CurrentResident {
        guard let r = currentResident else { throw Abort(.unauthorized) }
        return r
    }
}
