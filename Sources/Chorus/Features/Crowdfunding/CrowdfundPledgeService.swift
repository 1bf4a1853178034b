import Fluent
import Vapor
import SQLKit
import Foundation
import ChorusCore

/// Pledges: a signed-in resident pledges by card (saved on the provider's page, charged at close) or promises to pay
/// by cash, cheque or bank transfer; withdraws a pledge while the project is live; staff record money received at a
/// stall or by transfer, and money returned. Every change of a pledge's money is a ledger entry written in the same
/// transaction as its status; approved match funds are recomputed whenever the crowd's pledges change.
enum CrowdfundPledgeService {
    static let entity = "crowdfund_pledge"
    static let minimum: Int64 = 100
    static let maximum: Int64 = 1_000_000

    /// Pledges a resident has made, newest first.
    static func pledges(of resident: UUID, _ db: any Database) async throws -> [CrowdfundPledge] {
        try await CrowdfundPledge.query(on: db).filter(\.$residentID == resident).filter(\.$status != PledgeStatus.awaitingCard.rawValue)
            .sort(\.$createdAt, .descending).all()
    }

    /// Reads the amount and checks the project can take it: live, and (without overfunding) not past its target.
    static func readAmount(_ input: Input, _ p: CrowdfundProject, _ v: inout ChorusCore.Validator, _ db: any Database) async throws -> Int64 {
        guard let pence = MoneyText.pence(input["amount"] ?? ""), pence > 0 else {
            v.add("amount", "Enter an amount in pounds, like 10 or 12.50")
            return 0
        }
        if pence < minimum || pence > maximum {
            v.add("amount", "Pledge from \(MoneyText.pounds(minimum)) to \(MoneyText.pounds(maximum))")
        }
        let standing = try await CrowdfundLedgerService.totals(of: p.id!, db).standing
        let closes = CrowdfundClose.closes(deadline: p.deadlineEnds, overfundingDays: p.overfundingDays, reachedTarget: standing >= p.targetPence)
        if !p.stageValue.takesPledges || Date() >= closes {
            v.add("amount", "This project is no longer taking pledges")
        } else if p.overfundingDays == 0 {
            let room = p.targetPence - standing
            if room <= 0 {
                v.add("amount", "This project has reached its target")
            } else if pence > room {
                v.add("amount", "This project needs \(MoneyText.pounds(room)) more; pledge that or less")
            }
        }
        return pence
    }

    /// What a resident's pledge form led to.
    enum Started: Sendable, Equatable {
        /// Promised offline: counted now.
        case promised(UUID)
        /// Sent to the card provider's page.
        case toProvider(url: String)
    }

    static func pledge(
        _ p: CrowdfundProject, _ input: Input, resident: CurrentResident, card: (any CardProvider)?, returnURL: String, cancelURL: String,
        now: Date = Date(), on db: any Database
    ) async throws -> Started {
        var v = ChorusCore.Validator()
        let amount = try await readAmount(input, p, &v, db)
        let shown = Input.isTrue(input["anonymous"]) ? "" : v.optional("shown_name", input["shown_name"], label: "Name to show", max: 80) ?? ""
        let method = v.choice("method", input["method"], label: "How you will pay", as: PledgeMethod.self)
        if method == .fund || (method == .card && card == nil) { v.add("method", "Choose a way to pay this project takes") }
        try v.check()
        let pledge = CrowdfundPledge()
        pledge.projectID = p.id!
        pledge.residentID = resident.id
        pledge.shownName = shown
        pledge.amountPence = amount
        pledge.attempts = 0
        pledge.createdAt = now
        pledge.updatedAt = now
        if method == .card, let card {
            pledge.id = UUID()
            pledge.method = PledgeMethod.card.rawValue
            pledge.status = PledgeStatus.awaitingCard.rawValue
            let started = try await card.startSaving(pledge: pledge.id!, email: resident.email, returnURL: returnURL, cancelURL: cancelURL)
            pledge.providerSession = started.session
            try await pledge.create(on: db)
            return .toProvider(url: started.url)
        }
        pledge.method = PledgeMethod.offline.rawValue
        pledge.status = PledgeStatus.pledged.rawValue
        try await db.transaction { tx in
            try await pledge.create(on: tx)
            try await CrowdfundLedgerService.post(.pledge, pledge, amount: amount, now: now, on: tx)
            try await MatchFundService.recompute(p, now: now, on: tx)
            try await AuditService.record(
                tx, actor: resident.actor, action: .create, entity: entity, id: pledge.id, label: "\(p.title): \(MoneyText.pounds(amount)) promised")
        }
        return .promised(pledge.id!)
    }

    /// The resident came back from saving their card (or the provider's webhook said so): the pledge is secured and
    /// counts. Safe to call twice: only a pledge still waiting for its card changes.
    @discardableResult
    static func cardSaved(session: String, card: any CardProvider, now: Date = Date(), on db: any Database) async throws -> CrowdfundPledge? {
        guard let pledge = try await CrowdfundPledge.query(on: db).filter(\.$providerSession == session).first() else { return nil }
        guard pledge.statusValue == .awaitingCard else { return pledge }
        guard let saved = try await card.savedCard(session: session) else { return pledge }
        let project = try await CrowdfundProjectService.find(pledge.projectID, db)
        try await db.transaction { tx in
            // Claimed by a conditional update, so the return page and the webhook arriving together count it once.
            guard try await claim(pledge.id!, from: [.awaitingCard], to: .authorised, now: now, tx) else { return }
            guard let fresh = try await CrowdfundPledge.find(pledge.id, on: tx) else { return }
            fresh.providerCustomer = saved.customer
            fresh.providerMethod = saved.method
            try await fresh.save(on: tx)
            try await CrowdfundLedgerService.post(.pledge, fresh, amount: fresh.amountPence, reference: session, now: now, on: tx)
            try await CrowdfundLedgerService.post(.authorise, fresh, amount: fresh.amountPence, reference: saved.method, now: now, on: tx)
            try await MatchFundService.recompute(project, now: now, on: tx)
            try await AuditService.record(
                tx, actor: Actor(id: nil, name: "card provider"), action: .update, entity: entity, id: pledge.id,
                label: "\(project.title): card saved for \(MoneyText.pounds(fresh.amountPence))")
        }
        return try await CrowdfundPledge.find(pledge.id, on: db)
    }

    /// Moves a pledge from one of `from` to `to` in one conditional update; false when it was not in `from` (another
    /// request or server got there first), so two servers never act on the same pledge twice.
    static func claim(_ id: UUID, from: [PledgeStatus], to: PledgeStatus, now: Date, _ db: any Database) async throws -> Bool {
        try await !claim([id], from: from, to: to, now: now, db).isEmpty
    }

    /// `claim` for many pledges at once; the ids that moved.
    static func claim(_ ids: [UUID], from: [PledgeStatus], to: PledgeStatus, now: Date, _ db: any Database) async throws -> Set<UUID> {
        guard let sql = db as? any SQLDatabase, !ids.isEmpty else { return [] }
        struct Row: Decodable { let id: UUID }
        var out = Set<UUID>()
        for chunk in ids.chunked(500) {
            let rows = try await sql.update(CrowdfundPledge.schema).set("status", to: SQLBind(to.rawValue)).set("updated_at", to: SQLBind(now))
                .where("id", .in, chunk).where("status", .in, from.map(\.rawValue)).returning("id").all(decoding: Row.self)
            out.formUnion(rows.map(\.id))
        }
        return out
    }

    /// A resident's pledge, or 404.
    static func findOwn(_ id: UUID?, resident: CurrentResident, _ db: any Database) async throws -> CrowdfundPledge {
        guard let id, let p = try await CrowdfundPledge.find(id, on: db), p.residentID == resident.id else { throw Abort(.notFound) }
        return p
    }

    /// The resident withdraws a pledge while the project is still taking pledges; nothing will be charged.
    static func cancel(_ pledge: CrowdfundPledge, actor: Actor, now: Date = Date(), on db: any Database) async throws {
        let project = try await CrowdfundProjectService.find(pledge.projectID, db)
        guard project.stageValue.takesPledges, [.pledged, .authorised].contains(pledge.statusValue) else {
            throw ValidationFailure([FieldError("pledge", "This pledge can no longer be withdrawn: the project has closed")])
        }
        try await db.transaction { tx in
            try await CrowdfundLedgerService.postAll(.cancel, pledge, now: now, on: tx)
            pledge.status = PledgeStatus.cancelled.rawValue
            pledge.updatedAt = now
            try await pledge.save(on: tx)
            try await MatchFundService.recompute(project, now: now, on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: entity, id: pledge.id,
                label: "\(project.title): \(MoneyText.pounds(pledge.amountPence)) withdrawn")
        }
    }

    /// Staff record a pledge paid or promised by cash, cheque or bank transfer: who (as they want to be shown), a
    /// contact for a refund, the amount, and whether the money has arrived.
    static func record(_ p: CrowdfundProject, _ input: Input, user: CurrentUser, now: Date = Date(), on db: any Database) async throws
        -> CrowdfundPledge
    {
        var v = ChorusCore.Validator()
        let amount = try await readAmount(input, p, &v, db)
        let shown = v.optional("shown_name", input["shown_name"], label: "Name to show", max: 80) ?? ""
        let contact = v.required("contact", input["contact"], label: "A contact for refunds (email, phone or address)", max: 300)
        let received = Input.isTrue(input["received"])
        try v.check()
        let pledge = CrowdfundPledge()
        pledge.projectID = p.id!
        pledge.method = PledgeMethod.offline.rawValue
        pledge.shownName = shown
        pledge.contact = contact
        pledge.amountPence = amount
        pledge.status = (received ? PledgeStatus.collected : .pledged).rawValue
        pledge.attempts = 0
        pledge.recordedByName = user.actor.name
        pledge.createdAt = now
        pledge.updatedAt = now
        try await db.transaction { tx in
            try await pledge.create(on: tx)
            try await CrowdfundLedgerService.post(.pledge, pledge, amount: amount, reference: user.actor.name, now: now, on: tx)
            if received { try await CrowdfundLedgerService.post(.collect, pledge, amount: amount, reference: user.actor.name, now: now, on: tx) }
            try await MatchFundService.recompute(p, now: now, on: tx)
            try await AuditService.record(
                tx, actor: user.actor, action: .create, entity: entity, id: pledge.id,
                label: "\(p.title): \(MoneyText.pounds(amount)) \(received ? "received" : "promised") offline")
        }
        return pledge
    }

    /// Staff record that an offline pledge's money arrived (`received`) or was returned (`refunded`).
    static func mark(_ pledge: CrowdfundPledge, _ what: String, user: CurrentUser, now: Date = Date(), on db: any Database) async throws {
        let project = try await CrowdfundProjectService.find(pledge.projectID, db)
        switch (what, pledge.methodValue, pledge.statusValue) {
        case ("received", .offline, .pledged):
            try await db.transaction { tx in
                try await CrowdfundLedgerService.post(.collect, pledge, amount: pledge.amountPence, reference: user.actor.name, now: now, on: tx)
                pledge.status = PledgeStatus.collected.rawValue
                pledge.updatedAt = now
                try await pledge.save(on: tx)
                try await AuditService.record(
                    tx, actor: user.actor, action: .update, entity: entity, id: pledge.id,
                    label: "\(project.title): \(MoneyText.pounds(pledge.amountPence)) received")
            }
        case ("refunded", .offline, .refundDue):
            try await db.transaction { tx in
                try await CrowdfundLedgerService.postAll(.refund, pledge, reference: user.actor.name, now: now, on: tx)
                pledge.status = PledgeStatus.refunded.rawValue
                pledge.updatedAt = now
                try await pledge.save(on: tx)
                try await AuditService.record(
                    tx, actor: user.actor, action: .update, entity: entity, id: pledge.id,
                    label: "\(project.title): \(MoneyText.pounds(pledge.amountPence)) returned")
            }
        default:
            throw ValidationFailure([FieldError("pledge", "This pledge cannot be marked \(what) now (it is \(pledge.status))")])
        }
    }

    /// Every pledge of a project, for staff (newest first).
    static func pledges(ofProject id: UUID, _ db: any Database) async throws -> [CrowdfundPledge] {
        try await CrowdfundPledge.query(on: db).filter(\.$projectID == id).sort(\.$createdAt, .descending).all()
    }
}
