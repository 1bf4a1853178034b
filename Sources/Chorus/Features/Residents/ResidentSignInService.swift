import Fluent
import SQLKit
import Foundation
import ChorusCore

/// Signing residents in without a password: a six-digit code and a link, sent by email, single use, for 15 minutes,
/// stored hashed. Every address gets the same answer and the same email whether or not it has an account (the
/// account is made when the code is first used), so the form tells nobody who takes part. Codes are limited per
/// address and per client, and five wrong codes end a code.
enum ResidentSignInService {
    static let emailKind = "resident_sign_in"

    /// How many codes an address, and a client, may ask for within `window`.
    struct Limits: Sendable, Equatable {
        var perAddress = 5
        var perClient = 30
        var window: TimeInterval = 3600
    }

    enum Requested: Sendable, Equatable {
        case sent(request: UUID)
        /// Too many codes asked for: try again in this many minutes.
        case limited(minutes: Int)
    }

    /// Reads the form's `email`; the error names the field, in the reader's language.
    static func validate(_ input: Input, language: UILanguage) throws -> String {
        let email = (input["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard Validation.isPlausibleEmail(email), email.count <= 254 else {
            throw ValidationFailure([FieldError("email", Catalogue.text("resident.email_invalid", language))])
        }
        return email
    }

    /// Records a code for the address and queues its email, unless the address or the client asked too often.
    static func request(
        email: String, client: String, language: UILanguage, limits: Limits, now: Date, mail: MailContext, _ db: any Database
    ) async throws -> Requested {
        try await db.transaction { tx in
            let since = now.addingTimeInterval(-limits.window)
            let byAddress = try await ResidentSignInCode.query(on: tx).filter(\.$email == email).filter(\.$createdAt > since).all(\.$createdAt)
            let byClient = try await ResidentSignInCode.query(on: tx).filter(\.$clientAddress == client).filter(\.$createdAt > since)
                .all(\.$createdAt)
            for (times, limit) in [(byAddress, limits.perAddress), (byClient, limits.perClient)] where times.count >= limit {
                let free = (times.min() ?? now).addingTimeInterval(limits.window)
                return .limited(minutes: max(1, Int((free.timeIntervalSince(now) / 60).rounded(.up))))
            }
            let code = SignInCode.make()
            let link = Tokens.make()
            let row = ResidentSignInCode()
            row.id = UUID()
            row.email = email; row.codeHash = codeHash(code, request: row.id!, secret: mail.secret); row.linkHash = Tokens.hash(link)
            row.clientAddress = client; row.language = language.code; row.attempts = 0; row.createdAt = now
            try await row.create(on: tx)
            let minutes = Int(SignInCode.lifetime / 60)
            try await OutboxService.queueTransactional(
                to: email, subject: Catalogue.format(Catalogue.text("resident.email_subject", language), [code]),
                body: Catalogue.format(
                    Catalogue.text("resident.email_body", language), [code, mail.baseURL + SiteURL.Residents.link(link), String(minutes)]),
                kind: emailKind, reference: row.id!, why: Catalogue.text("resident.email_why", language), on: tx)
            return .sent(request: row.id!)
        }
    }

    /// A code's stored hash: keyed by the server's secret and the request, so a copy of the database alone does not
    /// give the code away by trying all million.
    static func codeHash(_ code: String, request: UUID, secret: String) -> String {
        Tokens.hmac("resident-code:" + request.uuidString.lowercased() + ":" + code, key: secret)
    }

    enum Checked: Sendable, Equatable {
        case signedIn(resident: UUID)
        case refused(SignInCode.Outcome)
        case invalidCode
    }

    /// Checks a typed code against its request. A wrong code counts against the request (five end it); the right
    /// one is used up and signs the resident in, making their account the first time.
    static func check(request: UUID?, typed: String?, now: Date, secret: String, _ db: any Database) async throws -> Checked {
        guard let code = SignInCode.normalise(typed ?? "") else { return .invalidCode }
        return try await db.transaction { tx in
            guard let request, let row = try await ResidentSignInCode.find(request, on: tx) else { return .refused(.expired) }
            let matches = Tokens.constantTimeEqual(codeHash(code, request: request, secret: secret), row.codeHash)
            let outcome = row.outcome(matches: matches, now: now)
            switch outcome {
            case .accepted:
                return .signedIn(resident: try await use(row, now: now, tx))
            case .wrong, .tooManyAttempts:
                if !matches {
                    row.attempts += 1
                    try await row.update(on: tx)
                }
                return .refused(outcome)
            case .expired, .used:
                return .refused(outcome)
            }
        }
    }

    /// Whether a link would sign in now (for the page that asks the resident to press "Sign in"), or why not.
    static func linkState(_ token: String, now: Date, _ db: any Database) async throws -> SignInCode.Outcome {
        try await byLink(token, db)?.outcome(matches: true, now: now) ?? .expired
    }

    /// Signs in by the emailed link (posted from its page, so a mail scanner that opens links does not use it up).
    static func follow(link token: String, now: Date, _ db: any Database) async throws -> Checked {
        try await db.transaction { tx in
            guard let row = try await byLink(token, tx) else { return .refused(.expired) }
            let outcome = row.outcome(matches: true, now: now)
            guard outcome == .accepted else { return .refused(outcome) }
            return .signedIn(resident: try await use(row, now: now, tx))
        }
    }

    /// The code an emailed link stands for (links are stored hashed).
    private static func byLink(_ token: String, _ db: any Database) async throws -> ResidentSignInCode? {
        try await ResidentSignInCode.query(on: db).filter(\.$linkHash == Tokens.hash(token)).first()
    }

    /// Uses the code up and finds or makes the address's account.
    private static func use(_ row: ResidentSignInCode, now: Date, _ tx: any Database) async throws -> UUID {
        // Conditional, so two tabs posting the same code at once sign in once.
        guard let sql = tx as? any SQLDatabase,
            try await sql.update(ResidentSignInCode.schema).set("used_at", to: SQLBind(now)).where("id", .equal, SQLBind(row.id!))
                .where("used_at", .is, SQLLiteral.null).returning("id").first() != nil
        else { throw ResidentAccountService.Conflict() }
        if let existing = try await Resident.query(on: tx).filter(\.$email == row.email).first(), let id = existing.id {
            existing.lastActiveAt = now
            try await existing.update(on: tx)
            return id
        }
        let r = try await ResidentAccountService.create(email: row.email, language: row.language, now: now, tx)
        try await AuditService.record(
            tx, actor: CurrentResident(r).actor, action: .create, entity: ResidentAccountService.entity, id: r.id, label: r.reference)
        return r.id!
    }
}
