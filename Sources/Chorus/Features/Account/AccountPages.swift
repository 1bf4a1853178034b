import Vapor
import Fluent
import ChorusCore

/// The page models of signing in, invitations and API tokens: plain values a view renders with a `PageContext`
/// (views never see a request, the database or a Fluent model).
enum AccountPages {
    struct SignIn: Sendable {
        /// Why the last attempt was turned away (each has its own status code).
        enum Refusal: Sendable { case incomplete, wrongCredentials, locked }
        let email: String
        /// Where to go once signed in, as asked (the form carries it only through `SiteURL.safeBack`).
        let back: String
        var errors: [FieldError] = []
        var refused: Refusal? = nil
    }

    struct Invitation: Sendable {
        let name: String
        let email: String
        let token: String
        var errors: [FieldError] = []
    }

    struct Tokens: Sendable {
        let tokens: [AccountService.TokenSummary]
        /// A token just made: its secret, shown this once.
        var newSecret: String? = nil
        var errors: [FieldError] = []
    }

    /// The live invitation for a token, or nil (unknown, used or expired).
    static func invitation(token: String, errors: [FieldError] = [], _ db: any Database) async throws -> Invitation? {
        guard let inv = try await PeopleService.invitation(token: token, db: db) else { return nil }
        return Invitation(name: inv.person.name, email: inv.person.email, token: token, errors: errors)
    }

    static func tokens(for user: CurrentUser, newSecret: String? = nil, errors: [FieldError] = [], _ db: any Database) async throws -> Tokens {
        Tokens(tokens: try await AccountService.tokens(for: user, db: db), newSecret: newSecret, errors: errors)
    }
}
