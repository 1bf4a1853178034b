import Vapor
import Fluent
import ChorusCore

/// Staff accounts. People are never deleted (their history stays attributable); they are deactivated,
/// which also ends their sessions and stops their API tokens working.
struct PeopleResource: AdminResource {
    typealias Record = Person
    struct Clean: Sendable { let email: String; let name: String; let jobTitle: String?; let role: String; let organisationID: UUID }

    let slug = "people"
    let entity = "person"
    let deletable = false
    /// Staff emails and sign-in times are for partnership admins only.
    let readableByAllStaff = false
    let specs: [FieldSpec] = [
        FieldSpec(name: "name", kind: .string(maxLength: 120), required: true, description: "Full name"),
        FieldSpec(name: "email", kind: .email, required: true, description: "Work email; used to sign in"),
        FieldSpec(name: "job_title", kind: .string(maxLength: 120), required: false, description: "Job title"),
        FieldSpec(name: "role", kind: .choice(Role.allCases.map(\.rawValue)), required: true, description: "What they may do in Chorus"),
        FieldSpec(name: "organisation_id", kind: .uuid, required: true, description: "Their organisation"),
    ]
    var filters: [FieldSpec] {
        [
            specs[3], specs[4],
            FieldSpec(name: "status", kind: .choice(["active", "deactivated"]), required: false, description: "Active or deactivated"),
        ]
    }
    let searchFields: [FieldKey] = ["name", "email"]

    func applyFilters(_ q: QueryBuilder<Person>, _ f: [String: String]) {
        if let r = f["role"] { q.filter(\.$role == r) }
        if let o = f["organisation_id"].flatMap(UUID.init(uuidString:)) { q.filter(\.$organisation.$id == o) }
        if let s = f["status"] { q.filter(\.$active == (s != "deactivated")) }
    }
    func sort(_ q: QueryBuilder<Person>) { q.sort(\.$name) }

    func values(_ r: Person) -> [String: String] {
        ["name": r.name, "email": r.email, "job_title": r.jobTitle ?? "", "role": r.role, "organisation_id": r.$organisation.id.uuidString]
    }
    func label(_ r: Person) -> String { "\(r.name) <\(r.email)>" }

    func extraOutput(_ r: Person) -> [String: OutValue] {
        ["active": .bool(r.active), "last_sign_in_at": .opt(r.lastSignInAt.map { ISO8601DateFormatter().string(from: $0) })]
    }
    var extraSchema: [String: Schema] { ["active": .boolean, "last_sign_in_at": .string(format: "date-time", nullable: true)] }

    func options(_ field: String, ctx: PageContext, db: any Database) async throws -> [Form.Option] {
        switch field {
        case "organisation_id":
            return try await Organisation.query(on: db).sort(\.$name).all().map { Form.Option($0.id!.uuidString, $0.name) }
        case "role":
            return Role.allCases.map { Form.Option($0.rawValue, ctx.t("role.\($0.rawValue)")) }
        case "status":
            return [Form.Option("active", ctx.t("people.active")), Form.Option("deactivated", ctx.t("people.deactivated"))]
        default: return []
        }
    }

    func validate(_ input: Input, existing: Person?, on db: any Database) async throws -> Clean {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Full name", max: 120)
        let email = v.email("email", input["email"], label: "Email address", required: true)
        let jobTitle = v.optional("job_title", input["job_title"], label: "Job title", max: 120)
        let role = v.choice("role", input["role"], label: "Role", as: Role.self)
        var orgID: UUID? = nil
        if let raw = input["organisation_id"], let id = UUID(uuidString: raw), try await Organisation.find(id, on: db) != nil {
            orgID = id
        } else {
            v.add("organisation_id", "Select the person's organisation")
        }
        if let email, let other = try await Person.query(on: db).filter(\.$email == email).first(), other.id != existing?.id {
            v.add("email", "Someone already has the email address \(email)")
        }
        if let existing, existing.roleValue == .partnershipAdmin, role != .partnershipAdmin,
            try await Person.query(on: db).filter(\.$role == Role.partnershipAdmin.rawValue).filter(\.$active == true).count() <= 1
        {
            v.add("role", "This is the only active partnership admin; make someone else an admin first")
        }
        try v.check()
        return Clean(email: email!, name: name, jobTitle: jobTitle, role: role!.rawValue, organisationID: orgID!)
    }

    func apply(_ c: Clean, to r: Person) {
        r.email = c.email; r.name = c.name; r.jobTitle = c.jobTitle; r.role = c.role; r.$organisation.id = c.organisationID
        if r.id == nil { r.active = true }
    }

    func lookup(_ records: [Person], on db: any Database) async throws -> [UUID: String] {
        Dictionary(try await Organisation.query(on: db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The list also shows whether the person is active.
    func rowValues(_ r: Person) -> [String: String] { values(r).merging(["active": String(r.active)]) { a, _ in a } }

    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>] {
        [
            .init(header: ctx.t("field.people.name")) { .text($0["name"]) },
            .init(header: ctx.t("field.people.email")) { .text($0["email"]) },
            .init(header: ctx.t("field.people.role")) { .text(ctx.t("role.\($0["role"])")) },
            .init(header: ctx.t("field.people.organisation_id")) { .text($0.name("organisation_id")) },
            .init(header: ctx.t("people.status")) { row in
                row["active"] == "true"
                    ? .text(ctx.t("people.active")) : H.el("strong", ["class": "tag tag-grey"], [.text(ctx.t("people.deactivated"))])
            },
        ]
    }

    func afterCreate(_ r: Person) -> String? { SiteURL.admin(slug).edit(r.id!) }

    func editExtras(_ r: Person) -> (any AdminEditExtras)? {
        PersonAccess(id: r.id!, active: r.active, hasPassword: r.passwordHash != nil)
    }
}

/// Invitations and activation: the people use cases beyond create/update.
enum PeopleService {
    static let invitationLifetime: TimeInterval = 7 * 24 * 60 * 60

    /// A new one-time link for the person to choose a password. Earlier unused links stop working.
    static func invite(_ personID: UUID?, db: any Database, actor: Actor) async throws -> (Person, String) {
        try await db.transaction { db in
            guard let id = personID, let p = try await Person.find(id, on: db), p.active else { throw Abort(.notFound) }
            try await Invitation.query(on: db).filter(\.$person.$id == id).filter(\.$usedAt == nil).set(\.$usedAt, to: Date()).update()
            let token = Tokens.make()
            let inv = Invitation()
            inv.$person.id = id
            inv.tokenHash = Tokens.hash(token)
            inv.expiresAt = Date().addingTimeInterval(invitationLifetime)
            try await inv.create(on: db)
            try await AuditService.record(db, actor: actor, action: .invite, entity: "person", id: id, label: PeopleResource().label(p))
            return (p, token)
        }
    }

    static func setActive(_ personID: UUID?, active: Bool, db: any Database, actor: Actor) async throws -> Person {
        try await db.transaction { db in
            guard let id = personID, let p = try await Person.find(id, on: db) else { throw Abort(.notFound) }
            guard p.active != active else { return p }
            if !active {
                if id == actor.id { throw ValidationFailure([FieldError("active", "You cannot deactivate your own account")]) }
                if p.roleValue == .partnershipAdmin,
                    try await Person.query(on: db).filter(\.$role == Role.partnershipAdmin.rawValue).filter(\.$active == true).count() <= 1
                {
                    throw ValidationFailure([FieldError("active", "This is the only active partnership admin")])
                }
            }
            let before = PeopleResource().values(p).merging(["active": String(p.active)]) { a, _ in a }
            p.active = active
            try await p.update(on: db)
            if !active {
                // Sessions end and API tokens are revoked, so reactivating someone does not bring old tokens back.
                try await StaffSessions.endAll(for: id, on: db)
                try await APIToken.query(on: db).filter(\.$person.$id == id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
            }
            try await AuditService.record(
                db, actor: actor, action: active ? .reactivate : .deactivate, entity: "person", id: id,
                label: PeopleResource().label(p), before: before,
                after: before.merging(["active": String(active)]) { _, b in b })
            return p
        }
    }

    /// Finds the live invitation for a token, or nil (unknown, used or expired).
    static func invitation(token: String, db: any Database) async throws -> Invitation? {
        guard let inv = try await Invitation.query(on: db).filter(\.$tokenHash == Tokens.hash(token)).with(\.$person).first(),
            inv.usedAt == nil, inv.expiresAt > Date(), inv.person.active
        else { return nil }
        return inv
    }

    static func acceptInvitation(token: String, password: String, confirm: String, db: any Database, cost: Int, app: Application) async throws
        -> Person
    {
        var v = Validator()
        if password.count < 12 {
            v.add("password", "Choose a password of at least 12 characters")
        } else if password.count > 200 {
            v.add("password", "Choose a password of at most 200 characters")
        }
        if password != confirm { v.add("confirm", "The two passwords do not match") }
        try v.check()
        let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
        return try await db.transaction { db in
            guard let inv = try await invitation(token: token, db: db) else { throw Abort(.notFound) }
            inv.usedAt = Date()
            try await inv.update(on: db)
            let p = inv.person
            p.passwordHash = hash
            try await p.update(on: db)
            try await StaffSessions.endAll(for: p.id!, on: db)
            try await AuditService.record(
                db, actor: Actor(id: p.id, name: p.name), action: .update, entity: "person", id: p.id,
                label: PeopleResource().label(p), before: ["password": "(unchanged)"], after: ["password": "(set)"])
            return p
        }
    }
}

extension PeopleService {
    /// Active staff as choices for an owner ("Name (Organisation)"), by name.
    static func options(_ db: any Database) async throws -> [Form.Option] {
        try await Person.query(on: db).filter(\.$active == true).sort(\.$name).with(\.$organisation).all()
            .map { Form.Option($0.id!.uuidString, "\($0.name) (\($0.organisation.name))") }
    }
}
