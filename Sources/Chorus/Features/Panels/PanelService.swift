import Vapor
import Fluent
import ChorusCore

/// Panels and their members: staff create a panel and add members from paper or phone forms; residents join online
/// (signed in, so their email is confirmed), update their profile or leave. Every read and write of the panel,
/// member and household tables is here or in `PanelLetterService` / `PanelSelectionService`.
enum PanelService {
    static let entity = "panel"
    static let memberEntity = "panel_member"

    struct Summary: Sendable, Equatable {
        let id: UUID; let name: String; let intro: String; let open: Bool; let maxPerHousehold: Int; let members: Int
    }

    /// A member as staff see them (their own organisation's panel only).
    struct Member: Sendable, Equatable {
        let id: UUID
        let name: String
        let channel: String
        let ward: String?
        let profile: [String: String]
        let household: String?
        let joined: Date
    }

    // MARK: panels

    static func panels(for user: CurrentUser, _ db: any Database) async throws -> [Summary] {
        let rows = try await Panel.query(on: db).filter(\.$organisation.$id == user.organisationID).sort(\.$createdAt, .descending).all()
        return try await summaries(rows, db)
    }

    /// Panels residents may join, newest first.
    static func openPanels(_ db: any Database) async throws -> [Summary] {
        try await summaries(try await Panel.query(on: db).filter(\.$open == true).sort(\.$createdAt, .descending).all(), db)
    }

    private static func summaries(_ rows: [Panel], _ db: any Database) async throws -> [Summary] {
        var out: [Summary] = []
        for p in rows {
            let n = try await PanelMember.query(on: db).filter(\.$panelID == p.id!).count()
            out.append(Summary(id: p.id!, name: p.name, intro: p.intro, open: p.open, maxPerHousehold: p.maxPerHousehold, members: n))
        }
        return out
    }

    /// A panel of the reader's organisation, or 404.
    static func find(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> Panel {
        guard let id, let p = try await Panel.find(id, on: db), p.$organisation.id == user.organisationID else { throw Abort(.notFound) }
        return p
    }

    /// An open panel, as residents see it, or 404.
    static func findOpen(_ id: UUID?, _ db: any Database) async throws -> Panel {
        guard let id, let p = try await Panel.find(id, on: db), p.open else { throw Abort(.notFound) }
        return p
    }

    static func summary(_ p: Panel, _ db: any Database) async throws -> Summary { try await summaries([p], db)[0] }

    static func create(_ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> Panel {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 200)
        let intro = v.required("intro", input["intro"], label: "What the panel is for", max: 4000, multiline: true)
        let perHousehold = v.integer("max_per_household", input["max_per_household"], label: "People per household", range: 1...10, required: true)
        try v.check()
        let p = Panel()
        p.$organisation.id = user.organisationID
        p.name = name
        p.intro = intro
        p.open = Input.isTrue(input["open"])
        p.maxPerHousehold = perHousehold ?? 2
        p.createdAt = now
        p.updatedAt = now
        try await db.transaction { tx in
            try await p.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: p.id, label: name,
                after: ["open": p.open ? "yes" : "no", "max_per_household": String(p.maxPerHousehold)])
        }
        return p
    }

    // MARK: members

    static func members(of panel: Panel, _ db: any Database) async throws -> [Member] {
        let rows = try await PanelMember.query(on: db).filter(\.$panelID == panel.id!).sort(\.$createdAt).all()
        let wards = Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let households = Set(rows.compactMap(\.householdID))
        let codes = Dictionary(
            try await PanelHousehold.query(on: db).filter(\.$id ~~ households).all().map { ($0.id!, $0.code) }, uniquingKeysWith: { a, _ in a })
        return rows.map { m in
            Member(
                id: m.id!, name: m.shownName, channel: m.channel, ward: m.placeID.flatMap { wards[$0] }, profile: m.answers,
                household: m.householdID.flatMap { codes[$0] },
                joined: m.createdAt)
        }
    }

    /// How many members give each answer, per category (the pool against the targets).
    static func counts(_ members: [Member]) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for m in members {
            for (k, v) in m.profile { out[k, default: [:]][v, default: 0] += 1 }
            out[PanelProfileQuestions.ward, default: [:]][m.ward ?? "", default: 0] += 1
        }
        return out
    }

    /// Reads and checks the profile answers and ward of a membership form (fields named as the questions, and `ward`).
    static func readProfile(_ input: Input, _ v: inout ChorusCore.Validator, _ db: any Database) async throws -> (
        profile: [String: String], wardID: UUID?
    ) {
        var profile = Dictionary(uniqueKeysWithValues: PanelProfileQuestions.all.map { ($0.key, input[$0.key] ?? "") })
        for key in PanelProfileQuestions.problems(in: profile) {
            profile[key] = nil
            v.add(key, "Choose an answer (\"Prefer not to say\" is one)")
        }
        let code = input[PanelProfileQuestions.ward] ?? ""
        let ward = try await PlacesReads.wards(db).first { $0.code == code }
        if ward == nil { v.add(PanelProfileQuestions.ward, "Choose the ward you live in") }
        return (profile, ward?.id)
    }

    /// Staff add someone from a paper or phone form: their name, a contact (email or phone), the profile and the
    /// consent they gave, with who keyed it in.
    static func addMember(_ panel: Panel, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> PanelMember {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 200)
        let contact = v.required("contact", input["contact"], label: "Email or phone", max: 200)
        let channel = v.choice("channel", input["channel"], label: "How they joined", as: ConsentChannel.self)
        if channel == .web { v.add("channel", "Choose paper, phone or in person: residents joining online use the panel's page") }
        let (profile, wardID) = try await readProfile(input, &v, db)
        if !Input.isTrue(input["consent"]) { v.add("consent", "Tick to confirm they agreed to the words on the form") }
        try v.check()
        let m = PanelMember()
        m.panelID = panel.id!
        m.name = name
        m.contact = contact
        m.placeID = wardID
        m.answers = profile
        m.channel = (channel ?? .paper).rawValue
        m.consentWording = Catalogue.text("panels.consent.v1", .english)
        m.addedByName = user.actor.name
        m.createdAt = now
        m.updatedAt = now
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: memberEntity, id: m.id, label: "\(panel.name): a member added")
        }
        return m
    }

    // MARK: residents

    /// The resident's membership of a panel, if any.
    static func membership(_ panel: Panel, resident: UUID, _ db: any Database) async throws -> PanelMember? {
        try await PanelMember.query(on: db).filter(\.$panelID == panel.id!).filter(\.$residentID == resident).first()
    }

    /// A resident joins (or, already a member, updates their profile); returns whether they joined just now. A household
    /// code from a letter is optional; it must be one this panel drew, and registers at most the panel's number of people
    /// per household.
    @discardableResult
    static func join(
        _ panel: Panel, _ input: Input, resident: CurrentResident, language: UILanguage, now: Date = Date(), on db: any Database
    ) async throws -> Bool {
        var v = Validator()
        let (profile, wardID) = try await readProfile(input, &v, db)
        let existing = try await membership(panel, resident: resident.id, db)
        if existing == nil && !Input.isTrue(input["consent"]) { v.add("consent", "Tick to agree, or you cannot join the panel") }
        var household: PanelHousehold? = nil
        let typed = (input["code"] ?? "").trimmingCharacters(in: .whitespaces)
        if existing == nil, !typed.isEmpty {
            if let code = PanelCodes.normaliseHouseholdCode(typed),
                let h = try await PanelHousehold.query(on: db).filter(\.$panelID == panel.id!).filter(\.$code == code).filter(\.$lotteryID != nil)
                    .first()
            {
                let taken = try await PanelMember.query(on: db).filter(\.$householdID == h.id!).count()
                if taken >= panel.maxPerHousehold {
                    v.add("code", "This letter's code has already been used by \(taken) people, the most one household can register")
                }
                household = h
            } else {
                v.add("code", "Check the code: it is on your letter and looks like H-7K3M-9QXD")
            }
        }
        try v.check()
        let householdID = household?.id
        try await db.transaction { tx in
            let m = existing ?? PanelMember()
            let isNew = existing == nil
            if isNew {
                m.panelID = panel.id!
                m.residentID = resident.id
                m.channel = ConsentChannel.web.rawValue
                m.consentWording = Catalogue.text("panels.consent.v1", language)
                m.householdID = householdID
                m.createdAt = now
            }
            m.placeID = wardID
            m.answers = profile
            m.updatedAt = now
            try await m.save(on: tx)
            try await AuditService.record(
                tx, actor: resident.actor, action: isNew ? .create : .update, entity: memberEntity, id: m.id,
                label: "\(panel.name): \(isNew ? "joined" : "profile updated")")
        }
        return existing == nil
    }

    /// A resident leaves: their membership and profile go at once (their pseudonym stays on any published selection,
    /// which no longer links to them).
    static func leave(_ panel: Panel, resident: CurrentResident, on db: any Database) async throws {
        guard let m = try await membership(panel, resident: resident.id, db) else { return }
        try await db.transaction { tx in
            try await m.delete(on: tx)
            try await AuditService.record(tx, actor: resident.actor, action: .delete, entity: memberEntity, id: m.id, label: "\(panel.name): left")
        }
    }

    /// Where to write to a member: an online member's account email, or the contact staff keyed in (which may be a
    /// phone number; the outbox skips anything that is not an email address).
    static func address(of m: PanelMember, _ db: any Database) async throws -> String? {
        guard let resident = m.residentID else { return m.contact }
        return try await ResidentAccountService.find(resident, db).email
    }
}
