import Vapor
import Fluent
import ChorusCore

/// After a draw, for each person selected: what happened (confirmed, declined, withdrew), their access needs, the
/// sessions they attended, and the expenses and thank-you payments made to them, with a CSV for finance.
enum PanelFollowUpService {
    enum PaymentKind: String, CaseIterable, Sendable { case expense, thankYou = "thank_you" }
    enum PaymentMethod: String, CaseIterable, Sendable { case bankTransfer = "bank_transfer", cash, voucher, cheque }

    struct Payment: Sendable, Equatable {
        let payee: String
        let pseudonym: String
        let kind: String
        let pence: Int64
        let method: String
        let day: Day
        let note: String?
        let by: String
    }

    struct PersonPage: Sendable {
        let selection: PanelSelectionService.Info
        let person: PanelSelectionService.Person
        let contact: String?
        let sessions: [Day]
        let attended: Set<Day>
        let payments: [Payment]
    }

    /// Session days as a column keeps them (a selection's sessions, a person's attendance): ISO days, sorted, by commas.
    static func sessions(_ text: String) -> [Day] { text.split(separator: ",").compactMap { Day(iso: String($0)) }.sorted() }

    static func sessionsText(_ days: some Sequence<Day>) -> String { Set(days).sorted().map(\.description).joined(separator: ",") }

    static func page(_ panel: Panel, _ s: PanelSelectionRecord, person id: UUID?, _ db: any Database) async throws -> PersonPage {
        let p = try await person(s, id, db)
        var member: PanelMember? = nil
        if let memberID = p.memberID { member = try await PanelMember.find(memberID, on: db) }
        var contact: String? = nil
        if let member { contact = try await PanelService.address(of: member, db) }
        let payments = try await PanelPayment.query(on: db).filter(\.$personID == p.id!).sort(\.$paidDay).sort(\.$createdAt).all()
        return PersonPage(
            selection: PanelSelectionService.info(s, panelName: panel.name),
            person: .init(
                id: p.id!, pseudonym: p.pseudonym, probability: p.probability, status: p.status, name: member?.shownName,
                accessNeeds: p.accessNeeds),
            contact: contact, sessions: sessions(s.sessions), attended: Set(sessions(p.attended)),
            payments: payments.map { payment($0, pseudonym: p.pseudonym) })
    }

    private static func person(_ s: PanelSelectionRecord, _ id: UUID?, _ db: any Database) async throws -> PanelSelectionPerson {
        guard let id, let p = try await PanelSelectionPerson.find(id, on: db), p.selectionID == s.id,
            p.status != PanelSelectionService.PersonStatus.pool.rawValue
        else { throw Abort(.notFound) }
        return p
    }

    /// Staff record what happened: confirmed, declined or withdrawn, and access needs. Someone newly confirmed who has
    /// an email address gets a confirmation through the outbox, with the session dates.
    static func update(
        _ id: UUID?, in s: PanelSelectionRecord, _ input: Input, user: CurrentUser, mail: MailContext, now: Date = Date(), on db: any Database
    ) async throws {
        let p = try await person(s, id, db)
        var v = Validator()
        let status = v.choice("status", input["status"], label: "Status", as: PanelSelectionService.PersonStatus.self)
        if status == .pool { v.add("status", "Choose what happened") }
        let needs = v.optional("access_needs", input["access_needs"], label: "Access needs", max: 1000, multiline: true)
        try v.check()
        let before = p.status
        p.status = (status ?? .selected).rawValue
        p.accessNeeds = needs
        p.updatedAt = now
        let confirmed = p.status == PanelSelectionService.PersonStatus.confirmed.rawValue && before != p.status
        try await db.transaction { tx in
            try await p.save(on: tx)
            if confirmed { try await confirm(p, s, mail: mail, tx) }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: PanelSelectionService.entity, id: s.id, label: "\(s.title): \(p.pseudonym)",
                before: ["status": before], after: ["status": p.status])
        }
    }

    /// The confirmation email: the event, its sessions, and that access needs and expenses are looked after.
    private static func confirm(_ p: PanelSelectionPerson, _ s: PanelSelectionRecord, mail: MailContext, _ db: any Database) async throws {
        guard let memberID = p.memberID, let m = try await PanelMember.find(memberID, on: db) else { return }
        let email = try await PanelService.address(of: m, db)
        guard let email else { return }
        let dates = sessions(s.sessions).map { DayText.long($0) }.joined(separator: ", ")
        try await OutboxService.queue(
            to: email, subject: "Confirmed: \(s.title)",
            body: "Thank you for confirming that you will take part in \(s.title)"
                + (dates.isEmpty ? "." : " (\(dates)).")
                + "\n\nIf anything would make it easier for you to take part, or if you can no longer come, reply to this email. "
                + "Your expenses are paid.",
            kind: "panel_confirmation", reference: p.id!, mail: mail, why: "You are getting this because you were selected from a panel you joined.",
            on: db)
    }

    /// The sessions this person attended (ticked boxes named `attended`, each an ISO day of the event's sessions).
    static func attendance(_ id: UUID?, in s: PanelSelectionRecord, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database)
        async throws
    {
        let p = try await person(s, id, db)
        let known = Set(sessions(s.sessions))
        let ticked = input.list("attended").compactMap { Day(iso: $0) }
        if ticked.contains(where: { !known.contains($0) }) { throw ValidationFailure([FieldError("attended", "Tick only the event's sessions")]) }
        p.attended = sessionsText(ticked)
        p.updatedAt = now
        try await db.transaction { tx in
            try await p.save(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: PanelSelectionService.entity, id: s.id,
                label: "\(s.title): \(p.pseudonym) attendance",
                after: ["attended": p.attended])
        }
    }

    static func addPayment(_ id: UUID?, in s: PanelSelectionRecord, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database)
        async throws
    {
        let p = try await person(s, id, db)
        var v = Validator()
        let kind = v.choice("kind", input["kind"], label: "Payment", as: PaymentKind.self)
        let method = v.choice("method", input["method"], label: "How it was paid", as: PaymentMethod.self)
        let pence = MoneyText.pence(input["amount"] ?? "")
        if pence == nil || pence! <= 0 || pence! > 100_000 { v.add("amount", "Enter the amount in pounds, like 25 or 12.50, up to £1,000") }
        let day = Day(iso: (input["paid_on"] ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil { v.add("paid_on", "Enter the date it was paid as YYYY-MM-DD") }
        let note = v.optional("note", input["note"], label: "Note", max: 300)
        guard let memberID = p.memberID, let member = try await PanelMember.find(memberID, on: db) else {
            throw ValidationFailure([FieldError("amount", "This person has left the panel: record the payment with finance directly")])
        }
        try v.check()
        var payee = member.name ?? ""
        if let resident = member.residentID { payee = try await ResidentAccountService.find(resident, db).displayName ?? "" }
        let pay = PanelPayment()
        pay.selectionID = s.id!
        pay.personID = p.id!
        pay.payeeName = payee.isEmpty ? p.pseudonym : payee
        pay.kind = (kind ?? .expense).rawValue
        pay.amountPence = pence ?? 0
        pay.method = (method ?? .bankTransfer).rawValue
        pay.paidDay = day?.ordinal ?? 0
        pay.note = note
        pay.recordedByName = user.actor.name
        pay.createdAt = now
        try await db.transaction { tx in
            try await pay.create(on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: PanelSelectionService.entity, id: s.id,
                label: "\(s.title): \(pay.kind) \(MoneyText.pounds(pay.amountPence)) to \(p.pseudonym)")
        }
    }

    private static func payment(_ p: PanelPayment, pseudonym: String) -> Payment {
        Payment(
            payee: p.payeeName, pseudonym: pseudonym, kind: p.kind, pence: p.amountPence, method: p.method, day: Day(ordinal: p.paidDay),
            note: p.note, by: p.recordedByName)
    }

    /// Every payment of a selection, for finance: one row each, cells that a spreadsheet could run made safe.
    static func paymentsCSV(_ s: PanelSelectionRecord, _ db: any Database) async throws -> String {
        let people = Dictionary(
            try await PanelSelectionPerson.query(on: db).filter(\.$selectionID == s.id!).all().map { ($0.id!, $0.pseudonym) },
            uniquingKeysWith: { a, _ in a })
        let payments = try await PanelPayment.query(on: db).filter(\.$selectionID == s.id!).sort(\.$paidDay).sort(\.$createdAt).all()
        return CSV.write(
            header: ["paid_on", "payee", "pseudonym", "event", "kind", "amount_gbp", "method", "note", "recorded_by"],
            rows: payments.map { p in
                [
                    Day(ordinal: p.paidDay).description, p.payeeName, people[p.personID] ?? "", s.title, p.kind,
                    String(format: "%.2f", Double(p.amountPence) / 100), p.method, p.note ?? "", p.recordedByName,
                ]
            })
    }
}
