import Vapor
import Fluent
import ChorusCore

/// "Can you come?": a selection may draw only from members who said they can come to the event. Staff ask by email
/// (members with an address), residents answer on their panel page, and staff record answers given on paper or by
/// phone. Until the selection is published the answers decide the pool (`PanelSelectionService.draftProblem`).
enum PanelAvailabilityService {
    enum PoolRule: String, CaseIterable, Sendable { case all, available }

    struct Ask: Sendable, Equatable { let selectionID: UUID; let title: String; let sessions: [Day]; let answer: Bool? }

    /// Members who said yes (for the pool), and every answer by member.
    static func answers(_ s: PanelSelectionRecord, _ db: any Database) async throws -> [UUID: Bool] {
        Dictionary(
            try await PanelAvailability.query(on: db).filter(\.$selectionID == s.id!).all().map { ($0.memberID, $0.available) },
            uniquingKeysWith: { a, _ in a })
    }

    /// Emails every member with an address; returns how many were asked.
    static func ask(_ panel: Panel, _ s: PanelSelectionRecord, user: CurrentUser, mail: MailContext, on db: any Database) async throws -> Int {
        guard s.status == PanelSelectionService.Status.draft.rawValue, s.poolRule == PoolRule.available.rawValue else {
            throw ValidationFailure([FieldError("ask", "Only a draft whose pool is the members who can come asks them")])
        }
        let dates = PanelFollowUpService.sessions(s.sessions).map { DayText.long($0) }.joined(separator: ", ")
        return try await db.transaction { tx in
            var asked = 0
            for m in try await PanelMember.query(on: tx).filter(\.$panelID == panel.id!).all() {
                let email = try await PanelService.address(of: m, tx)
                guard let email, Validation.isPlausibleEmail(email.trimmingCharacters(in: .whitespaces)) else { continue }
                let queued = try await OutboxService.queue(
                    to: email, subject: "Can you come? \(s.title)",
                    body: "We are picking people from the \(panel.name) for \(s.title)"
                        + (dates.isEmpty ? "." : " (\(dates)).")
                        + "\n\nIf you can come, say so at \(mail.baseURL)\(SiteURL.Panels.join(panel.id!)) and you will be in the draw. "
                        + "If you cannot, you stay on the panel for the next one.",
                    kind: "panel_availability", reference: s.id!, mail: mail, why: "You are getting this because you joined the \(panel.name).",
                    on: tx)
                if queued { asked += 1 }
            }
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: PanelSelectionService.entity, id: s.id, label: "\(s.title): \(asked) members asked")
            return asked
        }
    }

    /// Records a member's answer (the resident's own, or one staff took on paper or by phone).
    static func answer(_ s: PanelSelectionRecord, member: UUID, available: Bool, actor: Actor, now: Date = Date(), on db: any Database) async throws {
        guard s.status == PanelSelectionService.Status.draft.rawValue, s.poolRule == PoolRule.available.rawValue else {
            throw ValidationFailure([FieldError("available", "This event's pool is already settled")])
        }
        try await db.transaction { tx in
            let row =
                try await PanelAvailability.query(on: tx).filter(\.$selectionID == s.id!).filter(\.$memberID == member).first() ?? PanelAvailability()
            row.selectionID = s.id!
            row.memberID = member
            row.available = available
            row.answeredAt = now
            try await row.save(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: PanelSelectionService.entity, id: s.id, label: "\(s.title): availability",
                after: ["available": available ? "yes" : "no"])
        }
    }

    /// A resident's own answer, for an event of a panel they are a member of (404 otherwise).
    static func answer(_ panel: Panel, selection id: UUID?, resident: CurrentResident, available: Bool, on db: any Database) async throws {
        guard let member = try await PanelService.membership(panel, resident: resident.id, db), let id,
            let s = try await PanelSelectionRecord.find(id, on: db), s.panelID == panel.id
        else { throw Abort(.notFound) }
        try await answer(s, member: member.id!, available: available, actor: resident.actor, on: db)
    }

    /// The events a member is asked about now, with their answer so far.
    static func asks(_ panel: Panel, member: UUID?, _ db: any Database) async throws -> [Ask] {
        guard let member else { return [] }
        let open = try await PanelSelectionRecord.query(on: db).filter(\.$panelID == panel.id!).filter(
            \.$status == PanelSelectionService.Status.draft.rawValue
        )
        .filter(\.$poolRule == PoolRule.available.rawValue).sort(\.$createdAt).all()
        var out: [Ask] = []
        for s in open {
            let a = try await PanelAvailability.query(on: db).filter(\.$selectionID == s.id!).filter(\.$memberID == member).first()
            out.append(Ask(selectionID: s.id!, title: s.title, sessions: PanelFollowUpService.sessions(s.sessions), answer: a?.available))
        }
        return out
    }
}
