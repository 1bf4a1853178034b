import Vapor
import Fluent
import FluentSQL
import SQLKit
import ChorusCore

/// Keeping entries current without giving groups accounts: a link emailed to the entry's contact (by staff, or by the
/// reminder when the entry falls due, `DirectoryFreshness`) opens the entry's form once; what the group sends waits for
/// the keeping organisation's staff, who approve it (it is saved through `DirectoryService.update`, checked today) or
/// reject it. A link is single use, expires after `validDays`, is stored only as a hash, and opens one entry only.
enum DirectoryUpdates {
    static let validDays = 28
    static let emailKind = "directory_update"
    /// At most this many reminders a sweep, so a large directory falling due at once is spread over several sweeps.
    static let remindersPerSweep = 200

    static func jobs(_ j: FeatureJobs) {
        j.sweep("directory reminders") { app, now in
            try await remind(
                app.db, now: now, mail: MailContext(baseURL: app.chorusConfig.baseURL.absoluteString.trimmingSuffix("/"), secret: app.sessionSecret))
        }
    }

    /// The fields a group corrects through its link: the kind's form without who keeps it, the consent day (staff
    /// record consent) and "last checked" (the day staff approve).
    static func fields(for kind: DirectoryKind) -> [String] {
        DirectoryService.fields(for: kind).filter { !["owner_organisation_id", "consent_on", "assured_on"].contains($0) }
    }

    /// The changes a group sent, as form values.
    struct Proposed: Codable, Sendable, Equatable {
        var values: [String: String]
        var lists: [String: [String]]
        var input: Input { Input(values: values, lists: lists) }
    }

    // MARK: Sending links

    /// Staff send the entry's contact a link to correct it. Returns the address it went to.
    @discardableResult
    static func send(_ entryID: UUID?, user: CurrentUser, mail: MailContext, now: Date = Date(), on db: any Database) async throws -> String {
        let e = try await DirectoryQueries.model(entryID, db)
        try DirectoryService.requireChanger(user, owner: e.$owner.id)
        guard let email = e.email, Validation.isPlausibleEmail(email) else {
            throw ValidationFailure([FieldError("email", "This entry has no email address to send a link to: add one first")])
        }
        try await db.transaction { tx in
            try await issue(e, to: email, requestedBy: user.id, reminderFor: nil, mail: mail, now: now, tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: DirectoryService.entity, id: e.id, label: e.name,
                after: ["update_link_sent_to": email])
        }
        return email
    }

    /// Emails every entry that has fallen due (or gone stale) since it was last checked, once per "last checked" day;
    /// returns how many were sent. Safe with several servers: the link row is unique on (entry, day), written in the
    /// same transaction as the email, so the second server's insert fails and its email rolls back with it.
    @discardableResult
    static func remind(_ db: any Database, now: Date, mail: MailContext) async throws -> Int {
        let today = Day(now)
        let dueFrom = today.ordinal - (DirectoryFreshness.staleAfterDays - DirectoryFreshness.reminderDays)
        // Only entries not yet reminded for their "last checked" day, at most a sweep's worth: the sweep runs every
        // 30 seconds, and a large directory may have thousands due.
        let notReminded: SQLQueryString =
            "NOT EXISTS (SELECT 1 FROM \(ident: DirectoryUpdateLink.schema) WHERE \(ident: DirectoryUpdateLink.schema).\(ident: "entry_id") = \(ident: DirectoryEntry.schema).\(ident: "id") AND \(ident: DirectoryUpdateLink.schema).\(ident: "reminder_for_day") = \(ident: DirectoryEntry.schema).\(ident: "assured_day"))"
        let due = try await DirectoryEntry.query(on: db).filter(\.$assuredDay <= dueFrom).filter(\.$email != nil).filter(.sql(embed: notReminded))
            .sort(\.$assuredDay).limit(remindersPerSweep).all()
        guard !due.isEmpty else { return 0 }
        var sent = 0
        for e in due {
            guard let email = e.email, Validation.isPlausibleEmail(email) else { continue }
            do {
                try await db.transaction { tx in
                    try await issue(e, to: email, requestedBy: nil, reminderFor: e.assuredDay, mail: mail, now: now, tx)
                }
                sent += 1
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // another server reminded it first
            }
        }
        return sent
    }

    private static func issue(
        _ e: DirectoryEntry, to email: String, requestedBy: UUID?, reminderFor: Int?, mail: MailContext, now: Date, _ db: any Database
    ) async throws {
        let token = Tokens.make(prefix: "du_")
        let link = DirectoryUpdateLink()
        link.$entry.id = try e.requireID()
        link.tokenHash = Tokens.hash(token)
        link.sentTo = email.lowercased()
        link.requestedBy = requestedBy
        link.reminderForDay = reminderFor
        link.expiresAt = now.addingTimeInterval(Double(validDays) * 86_400)
        link.status = DirectoryUpdateLink.Status.open.rawValue
        try await link.create(on: db)
        let url = mail.baseURL + SiteURL.Directory.update(token)
        let due = DayText.long(Day(ordinal: e.assuredDay + DirectoryFreshness.staleAfterDays))
        let body = [
            "Hello,",
            "",
            "The partnership's directory lists \(EmailMessage.oneLine(e.name)). Please check what it says is still right, and correct anything that has changed:",
            "",
            url,
            "",
            "The link works once, for \(validDays) days, and only for this entry. You do not need an account. What you send is checked by the partnership's staff before it shows.",
            reminderFor == nil ? "" : "If nobody checks it, the entry is marked out of date on \(due).",
        ].joined(separator: "\n")
        try await OutboxService.queue(
            to: email, subject: "Is your entry in the directory still right? \(e.name)", body: body, kind: emailKind, reference: link.id!, mail: mail,
            why: "You are getting this because your contact details are in the partnership's directory of community groups and venues.", on: db)
    }

    // MARK: The group's side

    /// Why a link cannot be used (each shown to the group in words, with status 410 or 404).
    enum Refusal: Error, Equatable { case unknown, expired, used }

    /// The link and its entry, if the link can still be used.
    static func open(_ token: String, now: Date = Date(), _ db: any Database) async throws -> (DirectoryUpdateLink, DirectoryItem) {
        guard token.hasPrefix("du_"), token.count < 100,
            let link = try await DirectoryUpdateLink.query(on: db).filter(\.$tokenHash == Tokens.hash(token)).first()
        else { throw Refusal.unknown }
        guard link.status == DirectoryUpdateLink.Status.open.rawValue else { throw Refusal.used }
        guard link.expiresAt > now else { throw Refusal.expired }
        let e = try await DirectoryQueries.model(link.$entry.id, db)
        return (link, try await DirectoryQueries.item(e, reader: .staff(organisation: e.$owner.id), db))
    }

    /// The group sends its corrections: checked by the same rules as the staff form (each problem named), then kept
    /// for review; the link is spent. Nothing in the entry changes yet. Returns the entry as it stands.
    @discardableResult
    static func submit(_ token: String, _ form: Input, now: Date = Date(), on db: any Database) async throws -> DirectoryItem {
        try await db.transaction { tx in
            let (link, item) = try await open(token, now: now, tx)
            let used = Set(fields(for: item.kind))
            // Every field of the form, sent empty or not: an unticked box clears what it said.
            let listFields = Set(DirectoryService.specs.filter(\.isList).map(\.name))
            var values = form.values.filter { used.contains($0.key) && !listFields.contains($0.key) }
            var lists = form.lists.filter { used.contains($0.key) && listFields.contains($0.key) }
            for name in used { if listFields.contains(name) { lists[name] = lists[name] ?? [] } else { values[name] = values[name] ?? "" } }
            // Staff-only fields stay as they are, so the rules see the whole entry.
            let current = item.input
            for name in ["owner_organisation_id", "consent_on", "assured_on"] { values[name] = current[name] }
            _ = try await DirectoryService.validate(
                Input(values: values, lists: lists), kind: item.kind, keeper: .updateLink(owner: item.owner.id), on: tx)
            // Conditional, so two tabs sending the same link at once spend it once; the second is told it was used.
            let proposed = StoredJSON.encode(Proposed(values: values.filter { used.contains($0.key) }, lists: lists))
            guard let sql = tx as? any SQLDatabase,
                try await sql.update(DirectoryUpdateLink.schema).set("status", to: SQLBind(DirectoryUpdateLink.Status.submitted.rawValue))
                    .set("proposed", to: SQLBind(proposed)).set("submitted_at", to: SQLBind(now)).where("id", .equal, SQLBind(link.id!))
                    .where("status", .equal, SQLBind(DirectoryUpdateLink.Status.open.rawValue)).returning("id").first() != nil
            else { throw Refusal.used }
            try await AuditService.record(
                tx, actor: Actor(id: nil, name: "update link (\(link.sentTo))"), action: .update, entity: DirectoryService.entity, id: item.id,
                label: item.name, after: ["update_link": "changes sent for review"])
            return item
        }
    }

    // MARK: Staff review

    /// A change waiting for review: the entry, who sent it and when, and each field that would change.
    struct Change: Sendable {
        struct Field: Sendable, Equatable {
            let name: String
            let before: String
            let after: String
        }

        let id: UUID
        let entry: DirectoryItem.Named
        let sentTo: String
        let submittedAt: Date?
        let fields: [Field]
        let canReview: Bool
    }

    /// Changes waiting for review that `user` may see: those of entries their organisation keeps (every one for a
    /// partnership admin), or of one entry.
    static func waiting(user: CurrentUser, entry: UUID? = nil, _ db: any Database) async throws -> [Change] {
        var q = DirectoryUpdateLink.query(on: db).filter(\.$status == DirectoryUpdateLink.Status.submitted.rawValue).sort(\.$submittedAt)
        if let entry { q = q.filter(\.$entry.$id == entry) }
        let links = try await q.all()
        guard !links.isEmpty else { return [] }
        var entries: [DirectoryEntry] = []
        for chunk in Array(Set(links.map(\.$entry.id))).chunked(500) {
            entries += try await DirectoryEntry.query(on: db).filter(\.$id ~~ chunk).all()
        }
        let mine = entries.filter { user.role.canAdministerPartnership || $0.$owner.id == user.organisationID }
        let items = try await DirectoryQueries.items(mine, reader: .staff(organisation: user.organisationID), db)
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Change] = []
        for l in links {
            guard let item = byID[l.$entry.id], let proposed: Proposed = l.proposed.flatMap(StoredJSON.decode) else { continue }
            out.append(
                Change(
                    id: l.id!, entry: .init(id: item.id, name: item.name), sentTo: l.sentTo, submittedAt: l.submittedAt,
                    fields: try await differences(item, proposed, db), canReview: DirectoryService.canChange(user, owner: item.owner.id)))
        }
        return out
    }

    /// How many changes wait for this person's review (the list page's link).
    static func waitingCount(user: CurrentUser, _ db: any Database) async throws -> Int {
        let entries = try await DirectoryUpdateLink.query(on: db).filter(\.$status == DirectoryUpdateLink.Status.submitted.rawValue)
            .all(\.$entry.$id)
        guard !entries.isEmpty else { return 0 }
        if user.role.canAdministerPartnership { return entries.count }
        var mine = Set<UUID>()
        for chunk in Array(Set(entries)).chunked(500) {
            mine.formUnion(
                try await DirectoryEntry.query(on: db).filter(\.$id ~~ chunk).filter(\.$owner.$id == user.organisationID).all(\.$id).compactMap { $0 }
            )
        }
        return entries.filter { mine.contains($0) }.count
    }

    /// Each field the proposal changes, before and after in words (ward, theme and audience names, not ids).
    static func differences(_ item: DirectoryItem, _ proposed: Proposed, _ db: any Database) async throws -> [Change.Field] {
        let current = item.auditValues
        let places = try await NameLookup.names(Place.self, proposed.lists["place_ids"]?.compactMap(UUID.init(uuidString:)) ?? [], db) { $0.name }
        let themes = try await TaxonomyReads.names(proposed.lists["theme_ids"]?.compactMap(UUID.init(uuidString:)) ?? [], db)
        let audiences = try await TaxonomyReads.audienceNames(proposed.lists["audience_ids"]?.compactMap(UUID.init(uuidString:)) ?? [], db)
        func names(_ list: String, _ lookup: [UUID: String]) -> String {
            (proposed.lists[list] ?? []).compactMap { UUID(uuidString: $0).flatMap { lookup[$0] } }.sorted().joined(separator: ", ")
        }
        var out: [Change.Field] = []
        for name in fields(for: item.kind) {
            let before: String, after: String
            switch name {
            case "place_ids": (before, after) = (item.wards.map(\.name).sorted().joined(separator: ", "), names(name, places))
            case "theme_ids": (before, after) = (item.themes.map(\.name).sorted().joined(separator: ", "), names(name, themes))
            case "audience_ids": (before, after) = (item.audiences.map(\.name).sorted().joined(separator: ", "), names(name, audiences))
            case "facts":
                let sent = Set(proposed.lists["facts"] ?? [])
                (before, after) = (
                    item.facts.map(\.englishLabel).joined(separator: ", "),
                    VenueFact.allCases.filter { sent.contains($0.rawValue) }.map(\.englishLabel).joined(separator: ", ")
                )
            case "borough_wide", "open_to_partnering":
                (before, after) = (current[name] ?? "false", Input.isTrue(proposed.values[name]) ? "true" : "false")
            default:
                (before, after) = (current[name] ?? "", proposed.values[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
            }
            if before != after { out.append(.init(name: name, before: before, after: after)) }
        }
        return out
    }

    /// Approves (saves the group's changes, checked today) or rejects a change. Returns the entry's id.
    @discardableResult
    static func review(_ id: UUID?, approve: Bool, user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> UUID {
        guard let id, let link = try await DirectoryUpdateLink.find(id, on: db) else { throw Abort(.notFound) }
        let e = try await DirectoryQueries.model(link.$entry.id, db)
        try DirectoryService.requireChanger(user, owner: e.$owner.id)
        guard link.status == DirectoryUpdateLink.Status.submitted.rawValue, let proposed: Proposed = link.proposed.flatMap(StoredJSON.decode)
        else { throw Abort(.conflict, reason: "This change has already been reviewed") }
        try await db.transaction { tx in
            if approve {
                var input = proposed.input
                input.values["assured_on"] = Day(now).description
                _ = try await DirectoryService.update(e.id, input, partial: true, user: user, on: tx)
            } else {
                try await AuditService.record(
                    tx, actor: user.actor, action: .update, entity: DirectoryService.entity, id: e.id, label: e.name,
                    after: ["update_link": "changes rejected"])
            }
            link.status = (approve ? DirectoryUpdateLink.Status.approved : .rejected).rawValue
            link.reviewedBy = user.id
            link.reviewedAt = now
            try await link.update(on: tx)
        }
        return e.id!
    }

    /// The links sent for an entry, newest first (its page's history).
    static func history(of entry: UUID, _ db: any Database) async throws -> [DirectoryUpdateLink] {
        try await DirectoryUpdateLink.query(on: db).filter(\.$entry.$id == entry).sort(\.$createdAt, .descending).limit(10).all()
    }
}
