import Vapor
import Fluent
import ChorusCore

/// Decision spaces, their members and meetings: who may see a space (a private space exists only for its members),
/// who runs it (its secretaries), and the forms that create and change it.
enum DecisionSpaceService {
    static let entity = "decision_space"

    /// What one person may do in one space.
    struct Access: Sendable {
        let isMember: Bool
        let isSecretary: Bool
        let isPublic: Bool
        var canSee: Bool { isPublic || isMember }
        /// Secretaries set agendas and record decisions and actions.
        var canRun: Bool { isSecretary }
    }

    /// Secretaries and partnership admins set up spaces.
    static func canCreate(_ user: CurrentUser) -> Bool { user.role == .secretary || user.role.canAdministerPartnership }

    static func access(_ space: DecisionSpace, user: CurrentUser, _ db: any Database) async throws -> Access {
        let membership = try await DecisionSpaceMember.query(on: db).filter(\.$space.$id == space.id!).filter(\.$person.$id == user.id).first()
        let isMember = membership != nil
        // A partnership admin runs any space they can see (so a space is never left without anyone able to run it).
        let isSecretary = (membership?.isSecretary ?? false) || (user.role.canAdministerPartnership && (space.isPublic || isMember))
        return Access(isMember: isMember, isSecretary: isSecretary, isPublic: space.isPublic)
    }

    /// A space this person may see, or 404 (a private space does not exist for non-members).
    static func findVisible(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (DecisionSpace, Access) {
        guard let id, let space = try await DecisionSpace.find(id, on: db) else { throw Abort(.notFound) }
        let a = try await access(space, user: user, db)
        guard a.canSee else { throw Abort(.notFound) }
        return (space, a)
    }

    static func requireSecretary(_ a: Access) throws {
        guard a.canRun else { throw Abort(.forbidden, reason: "Only the space's secretaries can change its agendas, decisions and actions") }
    }

    /// Ids of the spaces this person may see (public ones and those they belong to).
    static func visibleSpaceIDs(user: CurrentUser, _ db: any Database) async throws -> Set<UUID> {
        let publicIDs = try await DecisionSpace.query(on: db).filter(\.$isPublic == true).all(\.$id)
        let mine = try await DecisionSpaceMember.query(on: db).filter(\.$person.$id == user.id).all().map { $0.$space.id }
        return Set(publicIDs).union(mine)
    }

    static func visibleSpaces(user: CurrentUser, _ db: any Database) async throws -> [DecisionSpace] {
        let ids = Array(try await visibleSpaceIDs(user: user, db))
        guard !ids.isEmpty else { return [] }
        return try await DecisionSpace.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }

    // MARK: - Creating and changing a space

    struct Clean: Sendable {
        let name: String, kind: DecisionSpaceKind, remit: String, isPublic: Bool
        let organisationIDs: [UUID], themeIDs: [UUID], memberIDs: [UUID], secretaryIDs: [UUID]
        let external: [(name: String, role: String?)]
    }

    static func validate(_ input: Input, user: CurrentUser, _ db: any Database) async throws -> Clean {
        var v = Validator()
        let name = v.required("name", input["name"], label: "Name", max: 200)
        let kind = v.choice("kind", input["kind"], label: "Kind of space", as: DecisionSpaceKind.self)
        let remit = v.required("remit", input["remit"], label: "Remit", max: 4000, multiline: true)
        let isPublic = Input.isTrue(input["is_public"])
        func ids<M: Model>(_ type: M.Type, _ field: String, _ label: String) async throws -> [UUID] where M.IDValue == UUID {
            let raw = input.list(field).filter { !$0.isEmpty }
            guard raw.count <= 500 else { v.add(field, "Choose at most 500 \(label)"); return [] }
            let parsed = raw.compactMap(UUID.init(uuidString:))
            guard parsed.count == raw.count else { v.add(field, "Select \(label) from the list"); return [] }
            let unique = Array(Set(parsed))
            guard !unique.isEmpty else { return [] }
            let found = try await M.query(on: db).filter(\._$id ~~ unique).count()
            if found != unique.count { v.add(field, "Some of the \(label) chosen no longer exist; select them again") }
            return unique.sorted { $0.uuidString < $1.uuidString }
        }
        let orgs = try await ids(Organisation.self, "organisation_ids", "organisations")
        let themes = try await ids(Theme.self, "theme_ids", "themes")
        let members = try await ids(Person.self, "member_ids", "members")
        let secretaries = try await ids(Person.self, "secretary_ids", "secretaries")
        if orgs.isEmpty && v.errors.allSatisfy({ $0.field != "organisation_ids" }) { v.add("organisation_ids", "Select at least one organisation") }
        var external: [(String, String?)] = []
        let lines = (input["external_members"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        if lines.count > 200 { v.add("external_members", "List at most 200 external members") }
        for line in lines.prefix(200) {
            let parts = line.components(separatedBy: " - ").flatMap { $0.components(separatedBy: " — ") }
            let n = parts[0].trimmingCharacters(in: .whitespaces)
            let r = parts.dropFirst().joined(separator: " - ").trimmingCharacters(in: .whitespaces)
            if n.isEmpty || n.count > 200 || r.count > 200 || Validation.hasControlCharacters(line) {
                v.add("external_members", "Write one external member a line, as \"Name - role\" (each part 200 characters or fewer)")
                break
            }
            external.append((n, r.isEmpty ? nil : r))
        }
        try v.check()
        // The person setting it up runs it unless they named other secretaries (admins run every space they can see).
        var secs = secretaries
        if secs.isEmpty && !user.role.canAdministerPartnership { secs = [user.id] }
        return Clean(
            name: name, kind: kind!, remit: remit, isPublic: isPublic, organisationIDs: orgs, themeIDs: themes,
            memberIDs: Array(Set(members).subtracting(secs)).sorted { $0.uuidString < $1.uuidString }, secretaryIDs: secs,
            external: external.map { (name: $0.0, role: $0.1) })
    }

    static func create(_ input: Input, user: CurrentUser, on db: any Database) async throws -> DecisionSpace {
        guard canCreate(user) else {
            throw Abort(.forbidden, reason: "Only decision-space secretaries and partnership admins set up decision spaces")
        }
        let clean = try await validate(input, user: user, db)
        return try await db.transaction { tx in
            let s = DecisionSpace()
            try await save(clean, into: s, isNew: true, tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: s.id,
                label: AuditLabel.decisionSpace(isPublic: s.isPublic, s.name, kind: "Decision space", id: s.id),
                after: ["kind": s.kind, "public": String(s.isPublic)])
            return s
        }
    }

    static func update(_ space: DecisionSpace, access: Access, _ input: Input, user: CurrentUser, on db: any Database) async throws {
        try requireSecretary(access)
        let clean = try await validate(input, user: user, db)
        try await db.transaction { tx in
            // A private space's name is for its members only (`AuditLabel`): each side names it only when public.
            func values(_ s: DecisionSpace) -> [String: String] {
                ["kind": s.kind, "public": String(s.isPublic)].merging(s.isPublic ? ["name": s.name] : [:]) { a, _ in a }
            }
            let before = values(space)
            try await save(clean, into: space, isNew: false, tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: entity, id: space.id,
                label: AuditLabel.decisionSpace(isPublic: space.isPublic, space.name, kind: "Decision space", id: space.id),
                before: before, after: values(space))
        }
    }

    private static func save(_ c: Clean, into s: DecisionSpace, isNew: Bool, _ db: any Database) async throws {
        s.name = c.name; s.kind = c.kind.rawValue; s.remit = c.remit; s.isPublic = c.isPublic
        if isNew { try await s.create(on: db) } else { try await s.update(on: db) }
        let id = s.id!
        try await DecisionSpaceOrganisation.query(on: db).filter(\.$space.$id == id).delete()
        try await DecisionSpaceTheme.query(on: db).filter(\.$space.$id == id).delete()
        try await DecisionSpaceMember.query(on: db).filter(\.$space.$id == id).delete()
        for o in c.organisationIDs { try await DecisionSpaceOrganisation(space: id, organisation: o).create(on: db) }
        for t in c.themeIDs { try await DecisionSpaceTheme(space: id, theme: t).create(on: db) }
        for (p, sec) in c.secretaryIDs.map({ ($0, true) }) + c.memberIDs.map({ ($0, false) }) {
            let m = DecisionSpaceMember()
            m.$space.id = id; m.$person.id = p; m.isSecretary = sec
            try await m.create(on: db)
        }
        for e in c.external {
            let m = DecisionSpaceMember()
            m.$space.id = id; m.externalName = e.name; m.memberRole = e.role; m.isSecretary = false
            try await m.create(on: db)
        }
    }

    // MARK: - Meetings and agenda items

    static func addMeeting(_ space: DecisionSpace, access: Access, _ input: Input, user: CurrentUser, on db: any Database) async throws -> Meeting {
        try requireSecretary(access)
        var v = Validator()
        let title = v.required("title", input["title"], label: "Meeting title", max: 200)
        let location = v.optional("location", input["location"], label: "Where", max: 300)
        var day: Day? = nil
        if let s = v.optional("meets_on", input["meets_on"], label: "Date", max: 10) {
            day = Day(iso: s)
            if day == nil { v.add("meets_on", "Enter the meeting date as a real date, like 2027-03-14") }
        } else {
            v.add("meets_on", "Enter the meeting date")
        }
        try v.check()
        let m = Meeting()
        m.$space.id = space.id!; m.title = title; m.meetingDay = day!.ordinal; m.location = location
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: "meeting", id: m.id,
                label: AuditLabel.decisionSpace(isPublic: space.isPublic, "\(space.name): \(title)", kind: "Meeting", id: m.id))
        }
        return m
    }

    /// A meeting, its space and the person's access (404 when the space is not visible to them).
    static func findMeeting(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (Meeting, DecisionSpace, Access) {
        guard let id, let m = try await Meeting.find(id, on: db) else { throw Abort(.notFound) }
        let (space, a) = try await findVisible(m.$space.id, user: user, db)
        return (m, space, a)
    }

    static func findItem(_ id: UUID?, user: CurrentUser, _ db: any Database) async throws -> (AgendaItem, Meeting, DecisionSpace, Access) {
        guard let id, let item = try await AgendaItem.find(id, on: db) else { throw Abort(.notFound) }
        let (m, space, a) = try await findMeeting(item.$meeting.id, user: user, db)
        return (item, m, space, a)
    }

    /// Adds an item; an insight item names a bundle or a theme (the insights tagged with it).
    static func addItem(_ meeting: Meeting, access: Access, _ input: Input, user: CurrentUser, on db: any Database) async throws -> AgendaItem {
        try requireSecretary(access)
        var v = Validator()
        var title = v.optional("title", input["title"], label: "Item title", max: 200)
        let notes = v.optional("notes", input["notes"], label: "Notes", max: 4000, multiline: true)
        var bundle: InsightBundle? = nil, theme: Theme? = nil
        if let raw = input["bundle_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), let b = try await InsightBundle.find(id, on: db) {
                bundle = b
            } else {
                v.add("bundle_id", "Select the insight bundle from the list")
            }
        }
        if let raw = input["theme_id"], !raw.isEmpty {
            if let id = UUID(uuidString: raw), let t = try await Theme.find(id, on: db) {
                theme = t
            } else {
                v.add("theme_id", "Select the theme from the list")
            }
        }
        if bundle != nil && theme != nil { v.add("theme_id", "Choose a bundle or a theme, not both") }
        let run = try await analysisRun(input, user: user, &v, db)
        if title == nil { title = bundle?.title ?? theme.map { "What residents said about \($0.name)" } ?? run?.title }
        if title == nil && v.errors.isEmpty { v.add("title", "Enter the item title, or choose a bundle or theme") }
        try v.check()
        let position = try await AgendaItem.query(on: db).filter(\.$meeting.$id == meeting.id!).count() + 1
        let item = AgendaItem()
        item.$meeting.id = meeting.id!; item.position = position; item.title = title!; item.notes = notes
        item.$bundle.id = bundle?.id; item.$theme.id = theme?.id; item.analysisRunID = run?.id
        let bundleID = bundle?.id?.uuidString ?? "", themeID = theme?.id?.uuidString ?? ""
        try await db.transaction { tx in
            try await item.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: "agenda_item", id: item.id,
                label: AuditLabel.decisionSpace(isPublic: access.isPublic, item.title, kind: "Agenda item", id: item.id),
                after: ["bundle_id": bundleID, "theme_id": themeID, "analysis_run_id": run?.id.uuidString ?? ""])
        }
        return item
    }

    /// The form's `analysis_run_id`: empty for none, else a finished run this person may see.
    private static func analysisRun(_ input: Input, user: CurrentUser, _ v: inout ChorusCore.Validator, _ db: any Database) async throws -> (
        id: UUID, title: String
    )? {
        let raw = (input["analysis_run_id"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw), let run = try await AnalysisReads.visibleRun(id, to: user, db) else {
            v.add("analysis_run_id", "Select the analysis from the list")
            return nil
        }
        return (id, run.title)
    }

    /// Attaches an analysis run to an item (or takes it off, with an empty `analysis_run_id`): its named themes go
    /// into the briefing, and into the "You said, we did" report of the activities decided on.
    static func setItemAnalysis(_ item: AgendaItem, access: Access, _ input: Input, user: CurrentUser, on db: any Database) async throws {
        try requireSecretary(access)
        var v = Validator()
        let run = try await analysisRun(input, user: user, &v, db)
        try v.check()
        let before = item.analysisRunID?.uuidString ?? ""
        item.analysisRunID = run?.id
        try await db.transaction { tx in
            try await item.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: "agenda_item", id: item.id,
                label: AuditLabel.decisionSpace(isPublic: access.isPublic, item.title, kind: "Agenda item", id: item.id),
                before: ["analysis_run_id": before], after: ["analysis_run_id": run?.id.uuidString ?? ""])
        }
    }
}
