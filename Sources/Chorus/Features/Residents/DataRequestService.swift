import Fluent
import Vapor
import ChorusCore

/// Subject access and erasure requests received offline (a letter, a call, an email to the council), and the staff
/// side of residents: finding one by email or reference, registering someone without email (assisted digital) and
/// acting for them. Every action goes to the audit log with the member of staff's name and the resident's reference.
enum DataRequestService {
    static let entity = "data_request"

    enum Kind: String, CaseIterable, Sendable {
        case access, erasure
        var label: String { self == .access ? "Subject access (a copy of their data)" : "Erasure (delete their data)" }
    }

    struct Summary: Sendable {
        let id: UUID
        let kind: Kind
        let requester: String
        let email: String?
        let residentID: UUID?
        let reference: String?
        let received: Day
        let due: Day
        let closedAt: Date?
        let outcome: String?
    }

    /// Open requests first (soonest due first), then closed ones, newest first.
    static func list(_ db: any Database) async throws -> [Summary] {
        let rows = try await DataRequest.query(on: db).with(\.$resident).all()
        let open = rows.filter { $0.closedAt == nil }.sorted { $0.dueDay < $1.dueDay }
        let closed = rows.filter { $0.closedAt != nil }.sorted { $0.createdAt > $1.createdAt }
        return (open + closed).map(summary)
    }

    static func find(_ id: UUID?, _ db: any Database) async throws -> Summary {
        guard let id, let r = try await DataRequest.query(on: db).filter(\.$id == id).with(\.$resident).first() else { throw Abort(.notFound) }
        return summary(r)
    }

    private static func summary(_ r: DataRequest) -> Summary {
        Summary(
            id: r.id!, kind: Kind(rawValue: r.kind) ?? .access, requester: r.requester, email: r.email, residentID: r.$resident.id,
            reference: r.resident?.reference, received: Day(ordinal: r.receivedDay), due: Day(ordinal: r.dueDay), closedAt: r.closedAt,
            outcome: r.outcome)
    }

    /// Records a request: `kind`, `requester` (who asked and how), `who` (their email or reference), `received` (a date).
    /// The deadline is one calendar month from receipt, moved to the next working day (`DataRequestDeadline`).
    static func record(_ input: Input, staff: CurrentUser, now: Date, _ db: any Database) async throws -> UUID {
        var v = Validator()
        let kind = v.choice("kind", input["kind"], label: "Kind of request", as: Kind.self)
        let requester = v.required("requester", input["requester"], label: "Who asked, and how", max: 200)
        let who = (input["who"] ?? "").trimmedWhitespace
        var email: String? = nil
        var resident: Resident? = nil
        if who.isEmpty {
            v.add("who", "Enter the resident's email address or reference")
        } else if let reference = ResidentReference.normalise(who) {
            resident = try await Resident.query(on: db).filter(\.$reference == reference).first()
            if resident == nil { v.add("who", "No resident has the reference \(reference)") }
        } else if Validation.isPlausibleEmail(who.lowercased()) {
            email = who.lowercased()
            resident = try await Resident.query(on: db).filter(\.$email == email!).first()
        } else {
            v.add("who", "Enter an email address like name@example.org or a reference like R-7K3M-9QXD")
        }
        let received = (input["received"] ?? "").isEmpty ? Day(now) : Day(iso: input["received"] ?? "")
        if received == nil { v.add("received", "Enter the date received as YYYY-MM-DD") }
        if let received, received > Day(now) { v.add("received", "The date received cannot be in the future") }
        try v.check()
        let (found, address) = (resident, email ?? resident?.email)
        return try await db.transaction { tx in
            let r = DataRequest()
            r.kind = kind!.rawValue; r.requester = requester; r.email = address; r.$resident.id = found?.id
            r.receivedDay = received!.ordinal; r.dueDay = DataRequestDeadline.due(received: received!).ordinal
            r.$recordedBy.id = staff.id; r.createdAt = now
            try await r.create(on: tx)
            try await AuditService.record(tx, actor: staff.actor, action: .create, entity: entity, id: r.id, label: "\(kind!.rawValue) request")
            return r.id!
        }
    }

    static func close(_ id: UUID?, outcome raw: String?, staff: CurrentUser, now: Date, _ db: any Database) async throws {
        var v = Validator()
        let outcome = v.required("outcome", raw, label: "What was done", max: 2000, multiline: true)
        try v.check()
        try await db.transaction { tx in
            guard let id, let r = try await DataRequest.find(id, on: tx) else { throw Abort(.notFound) }
            guard r.closedAt == nil else { return }
            r.closedAt = now; r.outcome = outcome
            try await r.update(on: tx)
            try await AuditService.record(tx, actor: staff.actor, action: .update, entity: entity, id: id, label: "closed \(r.kind) request")
        }
    }

    // MARK: - Residents, for staff

    struct Found: Sendable {
        let id: UUID
        let reference: String
        let email: String?
        let name: String?
        let assisted: Bool
    }

    /// A resident by exact email address or reference (never a partial match: staff find the person who asked,
    /// they do not browse residents).
    static func search(_ q: String, _ db: any Database) async throws -> [Found] {
        let text = q.trimmedWhitespace
        guard !text.isEmpty else { return [] }
        let query = Resident.query(on: db)
        if let reference = ResidentReference.normalise(text) {
            query.filter(\.$reference == reference)
        } else {
            query.filter(\.$email == text.lowercased())
        }
        return try await query.all().map { Found(id: $0.id!, reference: $0.reference, email: $0.email, name: $0.displayName, assisted: $0.assisted) }
    }

    /// Registers a resident who has no email (or cannot use it): `name`, `phone`, optional `email` and `postcode`.
    static func registerAssisted(_ input: Input, staff: CurrentUser, now: Date, _ db: any Database) async throws -> UUID {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 80)
        let phone = v.optional("phone", input["phone"], label: "Phone", max: 40)
        let email = v.email("email", input["email"], label: "Email address", required: false)
        let language = UILanguage.named(input["language"]) ?? .english
        if let email, try await Resident.query(on: db).filter(\.$email == email).first() != nil {
            v.add("email", "A resident already has this email address: find them instead")
        }
        try v.check()
        return try await db.transaction { tx in
            let r = try await ResidentAccountService.create(email: email, language: language.code, now: now, tx)
            r.displayName = name; r.phone = phone; r.assisted = true; r.$registeredBy.id = staff.id
            try await r.update(on: tx)
            try await AuditService.record(
                tx, actor: staff.actor, action: .create, entity: ResidentAccountService.entity, id: r.id, label: "\(r.reference) (assisted digital)")
            return r.id!
        }
    }

    /// A consent given on paper, by phone or in person, recorded by staff for the resident.
    static func recordConsent(_ residentID: UUID, _ input: Input, staff: CurrentUser, now: Date, _ db: any Database) async throws {
        var v = Validator()
        let purpose = ConsentPurpose.named(input["purpose"] ?? "")
        if purpose == nil { v.add("purpose", "Choose what they agreed to") }
        let channel = v.choice("channel", input["channel"], label: "How they agreed", as: ConsentChannel.self)
        if channel == .web { v.add("channel", "Choose paper, phone or in person: residents give online consent themselves") }
        let language = UILanguage.named(input["language"]) ?? .english
        try v.check()
        try await db.transaction { tx in
            let r = try await ResidentAccountService.find(residentID, tx)
            try await ResidentAccountService.giveConsent(residentID, purpose!, language: language, channel: channel!, staff: staff, now: now, tx)
            let acting = CurrentResident(r, actedForBy: staff)
            try await AuditService.record(
                tx, actor: acting.actor, action: .update, entity: ResidentAccountService.entity, id: residentID,
                label: "consent recorded (\(channel!.rawValue)): \(purpose!.key)")
        }
    }
}
