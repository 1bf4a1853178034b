import Vapor
import Fluent
import ChorusCore

/// Signing in (with throttling), API tokens.
enum AccountService {
    static let throttle = SignInThrottle()
    static let dummyHash: String = (try? Bcrypt.hash("no such account", cost: 12)) ?? ""

    enum SignInResult: Sendable {
        case success(personID: UUID)
        case wrongCredentials
        case locked(minutes: Int)
    }

    static func signIn(email rawEmail: String, password: String, address: String, req: Request) async throws -> SignInResult {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let now = Date()
        let since = now.addingTimeInterval(-throttle.window)
        // The attempt is written down before the failures are counted, so parallel attempts see each other: the k-th
        // attempt to be stored sees at least k-1 others, and no more than the limit ever reach the password check
        // (counting first and inserting after let 20 parallel guesses on PostgreSQL all through). A locked attempt's row
        // is removed again; a failed one stays as the failure; a successful one is cleared with the account's failures.
        let attempt = SignInFailure()
        attempt.account = email
        attempt.address = address
        attempt.at = now
        try await req.gatedWrite { try await attempt.create(on: req.db) }
        let attemptID = try attempt.requireID()
        let accountFailures = try await SignInFailure.query(on: req.db).filter(\.$account == email).filter(\.$at > since)
            .filter(\.$id != attemptID).all().map(\.at)
        let addressFailures = try await SignInFailure.query(on: req.db).filter(\.$address == address).filter(\.$at > since)
            .filter(\.$id != attemptID).all().map(\.at)
        if case let .locked(wait) = throttle.decide(accountFailures: accountFailures, addressFailures: addressFailures, now: now) {
            try await req.gatedWrite { try await attempt.delete(on: req.db) }
            return .locked(minutes: Int((wait / 60).rounded(.up)))
        }
        let person = try await Person.query(on: req.db).filter(\.$email == email).filter(\.$active == true).first()
        // Verify against a fixed hash when there is no such person, so timing does not reveal which emails exist.
        let hash = person?.passwordHash ?? dummyHash
        let ok = try await req.application.threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
        guard ok, let person, person.passwordHash != nil, let id = person.id else {
            try await req.gatedWrite {
                try await SignInFailure.query(on: req.db).filter(\.$at < now.addingTimeInterval(-24 * 3600)).delete()
            }
            return .wrongCredentials
        }
        try await req.gatedWrite {
            try await req.db.transaction { db in
                try await SignInFailure.query(on: db).filter(\.$account == email).delete()
                person.lastSignInAt = now
                try await person.update(on: db)
                try await AuditService.record(
                    db, actor: Actor(id: id, name: person.name), action: .signIn, entity: "person", id: id,
                    label: PeopleResource().label(person))
            }
        }
        return .success(personID: id)
    }

    struct TokenSummary: Sendable {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: Date
        let lastUsedAt: Date?
        let revokedAt: Date?
    }

    static func tokens(for user: CurrentUser, db: any Database) async throws -> [TokenSummary] {
        try await APIToken.query(on: db).filter(\.$person.$id == user.id).sort(\.$createdAt, .descending).all().map {
            TokenSummary(id: $0.id!, name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt, revokedAt: $0.revokedAt)
        }
    }

    /// Creates a token and returns its secret, which is shown once and never stored.
    static func createToken(name raw: String?, user: CurrentUser, db: any Database) async throws -> String {
        var v = Validator()
        let name = v.required("name", raw, label: "Token name", max: 80)
        try v.check()
        let secret = Tokens.make(prefix: "chorus_")
        try await db.transaction { db in
            let t = APIToken()
            t.$person.id = user.id
            t.name = name
            t.tokenHash = Tokens.hash(secret)
            t.prefix = String(secret.prefix(14))
            t.createdAt = Date()
            try await t.create(on: db)
            try await AuditService.record(db, actor: user.actor, action: .tokenCreate, entity: "api_token", id: t.id, label: name)
        }
        return secret
    }

    static func revokeToken(_ id: UUID?, user: CurrentUser, db: any Database) async throws {
        try await db.transaction { db in
            guard let id, let t = try await APIToken.query(on: db).filter(\.$id == id).filter(\.$person.$id == user.id).first() else {
                throw Abort(.notFound)
            }
            guard t.revokedAt == nil else { return }
            t.revokedAt = Date()
            try await t.update(on: db)
            try await AuditService.record(db, actor: user.actor, action: .tokenRevoke, entity: "api_token", id: id, label: t.name)
        }
    }
}

/// Authenticates /api/v1 requests by `Authorization: Bearer <personal API token>`.
struct APITokenMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization?.token,
            let token = try await APIToken.query(on: req.db).filter(\.$tokenHash == Tokens.hash(bearer)).filter(\.$revokedAt == nil).first(),
            let user = try await CurrentUser.load(personID: token.$person.id, on: req.db)
        {
            req.currentUser = user
            if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 } ?? true) {
                token.lastUsedAt = Date()
                try await req.gatedWrite { try await token.update(on: req.db) }
            }
        }
        return try await next.respond(to: req)
    }
}
