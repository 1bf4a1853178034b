import Fluent
import Vapor
import ChorusCore

/// A resident's account: making it (by signing in, or by staff for someone without email), their profile, their
/// equality answers and consents, and deleting it. What the resident reads is in their language; errors name the field.
enum ResidentAccountService {
    static let entity = "resident"

    /// Two requests raced for the same one-time thing (a code used twice at once): the loser is told to try again.
    struct Conflict: AbortError {
        var status: HTTPResponseStatus { .conflict }
        var reason: String { "This was done a moment ago in another window." }
    }

    static func create(email: String?, language: String, now: Date, _ db: any Database) async throws -> Resident {
        let r = Resident()
        r.reference = ResidentReference.make()
        r.email = email
        r.language = language
        r.assisted = false
        r.createdAt = now
        r.lastActiveAt = now
        try await r.create(on: db)
        return r
    }

    static func find(_ id: UUID, _ db: any Database) async throws -> Resident {
        guard let r = try await Resident.find(id, on: db) else { throw Abort(.notFound) }
        return r
    }

    // MARK: - Profile

    struct Profile: Sendable {
        let reference: String
        let email: String?
        let displayName: String?
        let postcodeSector: String?
        let ward: String?
        let language: String
        let assisted: Bool
        let createdAt: Date
    }

    /// A resident by their reference as typed (read back forgivingly), for staff acting for them; nil when none.
    /// The addresses of these residents (those with one), for the emails another feature sends them.
    static func emails(of ids: [UUID], _ db: any Database) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        var out: [String] = []
        for chunk in ids.chunked(500) { out += try await Resident.query(on: db).filter(\.$id ~~ chunk).all().compactMap(\.email) }
        return out
    }

    static func byReference(_ typed: String, _ db: any Database) async throws -> Resident? {
        guard let reference = ResidentReference.normalise(typed) else { return nil }
        return try await Resident.query(on: db).filter(\.$reference == reference).first()
    }

    /// The ward a resident gave with their postcode, if they did (a ballot's pots depend on it).
    static func wardID(_ id: UUID, _ db: any Database) async throws -> UUID? { try await find(id, db).$place.id }

    static func profile(_ id: UUID, _ db: any Database) async throws -> Profile {
        let r = try await find(id, db)
        var ward: PlacesReads.Ward? = nil
        if let place = r.$place.id { ward = try await WardFinder.ward(place, db) }
        return Profile(
            reference: r.reference, email: r.email, displayName: r.displayName, postcodeSector: r.postcodeSector, ward: ward?.name,
            language: r.language, assisted: r.assisted, createdAt: r.createdAt)
    }

    /// Saves `display_name`, `postcode` and `language`. A postcode is kept as its sector ("HS1 1") and the ward it is
    /// in; the full postcode is never stored.
    static func updateProfile(_ id: UUID, _ input: Input, language ui: UILanguage, actor: Actor, now: Date, _ db: any Database) async throws {
        var errors: [FieldError] = []
        let name = (input["display_name"] ?? "").trimmedWhitespaceAndNewlines
        if name.unicodeScalars.count > 80 || Validation.hasLineBreaks(name) || Validation.hasControlCharacters(name) {
            errors.append(FieldError("display_name", Catalogue.text("resident.name_invalid", ui)))
        }
        let postcode = (input["postcode"] ?? "").trimmedWhitespace
        var sector: String? = nil
        var placeID: UUID? = nil
        if !postcode.isEmpty {
            let found = try await WardFinder.find(["postcode": postcode], db)
            if let ward = found.ward {
                sector = Postcode.sector(postcode) ?? Postcode.outward(postcode)
                placeID = ward.id
            } else {
                let key = found.problem == .postcodeInvalid ? "resident.postcode_invalid" : "resident.postcode_not_here"
                errors.append(FieldError("postcode", Catalogue.text(key, ui)))
            }
        }
        let language = UILanguage.named(input["language"]) ?? ui
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let (keptSector, ward) = (sector, placeID)
        try await db.transaction { tx in
            let r = try await find(id, tx)
            let before = audited(r)
            r.displayName = name.isEmpty ? nil : name
            r.postcodeSector = keptSector
            r.$place.id = ward
            r.language = language.code
            r.lastActiveAt = now
            try await r.update(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: entity, id: id, label: r.reference, before: before, after: audited(r))
        }
    }

    /// What the audit log keeps of a change to an account: which fields changed, never their values (the audit log
    /// outlives the account, and must not keep what erasure removed).
    private static func audited(_ r: Resident) -> [String: String] {
        [
            "display_name": r.displayName == nil ? "" : "set", "postcode_sector": r.postcodeSector == nil ? "" : "set",
            "language": r.language,
        ]
    }

    // MARK: - Equality answers

    static func equality(_ id: UUID, _ db: any Database) async throws -> [String: String] {
        guard let row = try await ResidentEquality.query(on: db).filter(\.$resident.$id == id).first() else { return [:] }
        return AuditService.decode(row.answers)
    }

    /// Saves the equality answers (each optional; "prefer not to say" offered), with the explicit consent they need
    /// (`consent` ticked), recorded with its wording. Staff recording paper answers pass their channel and name.
    static func saveEquality(
        _ id: UUID, _ input: Input, language: UILanguage, channel: ConsentChannel, staff: CurrentUser?, actor: Actor, now: Date,
        _ db: any Database
    ) async throws {
        let (answers, found) = EqualityFields.read(input, language: language)
        var errors = found
        if input["consent"] != "yes" { errors.append(FieldError("consent", Catalogue.text("resident.equality_consent_needed", language))) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let json = AuditService.encode(answers)
        try await db.transaction { tx in
            let row = try await ResidentEquality.query(on: tx).filter(\.$resident.$id == id).first() ?? ResidentEquality()
            row.$resident.id = id
            row.answers = json
            row.answeredAt = now
            try await row.save(on: tx)
            try await giveConsent(id, .equalityMonitoring, language: language, channel: channel, staff: staff, now: now, tx)
            try await AuditService.record(tx, actor: actor, action: .update, entity: entity, id: id, label: "equality answers")
        }
    }

    // MARK: - Consents

    struct Consent: Sendable {
        let id: UUID
        let purpose: String
        let version: Int
        let wording: String
        let channel: String
        let recordedBy: String?
        let givenAt: Date
        let withdrawnAt: Date?
    }

    static func consents(_ id: UUID, _ db: any Database) async throws -> [Consent] {
        try await ConsentRecord.query(on: db).filter(\.$resident.$id == id).sort(\.$givenAt, .descending).all().map {
            Consent(
                id: $0.id!, purpose: $0.purpose, version: $0.version, wording: $0.wording, channel: $0.channel, recordedBy: $0.recordedByName,
                givenAt: $0.givenAt, withdrawnAt: $0.withdrawnAt)
        }
    }

    /// Records a consent unless the same purpose and version is already given and not withdrawn. The wording stored
    /// is the exact text shown, in the language shown.
    static func giveConsent(
        _ id: UUID, _ purpose: ConsentPurpose, language: UILanguage, channel: ConsentChannel, staff: CurrentUser?, now: Date, _ db: any Database
    ) async throws {
        let live = try await ConsentRecord.query(on: db).filter(\.$resident.$id == id).filter(\.$purpose == purpose.key)
            .filter(\.$version == purpose.version).filter(\.$withdrawnAt == nil).first()
        guard live == nil else { return }
        let c = ConsentRecord()
        c.$resident.id = id
        c.purpose = purpose.key
        c.version = purpose.version
        c.wording = Catalogue.text(purpose.wordingKey, language)
        c.language = language.code
        c.channel = channel.rawValue
        c.$recordedBy.id = staff?.id
        c.recordedByName = staff?.actor.name
        c.givenAt = now
        try await c.create(on: db)
    }

    /// Withdraws a consent and stops what it allowed: equality answers are deleted; email updates stop.
    static func withdraw(_ consentID: UUID?, resident id: UUID, by: String?, actor: Actor, now: Date, _ db: any Database) async throws {
        try await db.transaction { tx in
            guard let consentID,
                let c = try await ConsentRecord.query(on: tx).filter(\.$id == consentID).filter(\.$resident.$id == id).first()
            else { throw Abort(.notFound) }
            guard c.withdrawnAt == nil else { return }
            c.withdrawnAt = now
            c.withdrawnByName = by
            try await c.update(on: tx)
            switch c.purpose {
            case ConsentPurpose.equalityMonitoring.key:
                try await ResidentEquality.query(on: tx).filter(\.$resident.$id == id).delete()
            case ConsentPurpose.emailUpdates.key:
                if let email = try await find(id, tx).email { try await SubscriptionService.removeAll(email: email, tx) }
            default: break
            }
            try await AuditService.record(tx, actor: actor, action: .update, entity: entity, id: id, label: "consent withdrawn: \(c.purpose)")
        }
    }

    // MARK: - Deleting

    /// Deletes the account everywhere (every feature's records through the registry), in one transaction.
    /// `scope` says whether what they contributed stays without their name or goes too.
    static func delete(_ id: UUID, scope: ErasureScope, actor: Actor, _ db: any Database) async throws -> [PersonalDataKind: Int] {
        try await db.transaction { tx in
            let r = try await find(id, tx)
            let counts = try await PersonalDataRegistry.erase([ResidentKey(id: id, email: r.email)], scope: scope, tx)
            try await AuditService.record(
                tx, actor: actor, action: .delete, entity: entity, id: id,
                label: "\(r.reference) (\(scope == .contributions ? "with" : "without") contributions)")
            return counts
        }
    }
}
