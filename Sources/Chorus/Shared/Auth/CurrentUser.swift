import Vapor
import Fluent
import ChorusCore

/// The signed-in staff member, as plain values (no Fluent model leaves the auth layer).
public struct CurrentUser: Sendable {
    public let id: UUID
    public let name: String
    public let email: String
    public let role: Role
    public let organisationID: UUID
    public let organisationName: String

    /// What this person may read of insights and what is built from them: their organisation's wall.
    public var wall: SharingWall { .organisation(organisationID) }
}

/// Who made a change, for the audit log: a person, or the system (seeding, command line).
public struct Actor: Sendable {
    public let id: UUID?
    public let name: String
    public static let system = Actor(id: nil, name: "system")
}

extension CurrentUser {
    var actor: Actor { Actor(id: id, name: "\(name) (\(organisationName))") }
}

private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

extension Request {
    public var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The signed-in user, or an error that the error middleware turns into a sign-in redirect (HTML) or 401 (API).
    func requireUser() throws -> CurrentUser {
        guard let u = currentUser else { throw Abort(.unauthorized) }
        return u
    }
}

extension CurrentUser {
    static func load(personID: UUID, on db: any Database) async throws -> CurrentUser? {
        guard
            let p = try await Person.query(on: db).filter(\.$id == personID).filter(\.$active == true)
                .with(\.$organisation).first(), let id = p.id
        else { return nil }
        return CurrentUser(
            id: id, name: p.name, email: p.email, role: p.roleValue,
            organisationID: p.$organisation.id, organisationName: p.organisation.name)
    }
}

/// Lets through only people whose role passes `allowed`; others get 403 (signed in) or 401 (not signed in).
struct RoleGuard: AsyncMiddleware {
    let allowed: @Sendable (Role) -> Bool
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = try req.requireUser()
        guard allowed(user.role) else { throw Abort(.forbidden) }
        return try await next.respond(to: req)
    }
    static let partnershipAdmin = RoleGuard { $0.canAdministerPartnership }
    static let anyStaff = RoleGuard { _ in true }
}
