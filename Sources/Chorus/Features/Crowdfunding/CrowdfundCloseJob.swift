import Fluent
import Foundation
import Vapor
import ChorusCore

/// Closes projects, a step of the background sweep. Each project is closed under its job lease (`JobRunner`), and
/// each pledge is claimed by a conditional update before its provider is asked, so two servers sweeping at once, or
/// one sweeping twice, charge a pledge once. A project moves:
///
/// - live → (deadline, or the end of its overfunding days) → by `CrowdfundClose.atDeadline`: released (nothing
///   charged, stage unsuccessful) or collecting;
/// - collecting: each saved card is charged (declines retried under `ChargeRetryPolicy`); offline promises wait
///   `offlineGrace` for staff to record the money;
/// - once no charge is pending: by `CrowdfundClose.settle`: funded (the match funds' pledges recomputed on what was
///   collected, then everything paid out) or unsuccessful (every collected pledge refunded; cash refunds left to staff).
enum CrowdfundCloseJob {
    static let kind = "crowdfund_close"
    static let offlineGrace: TimeInterval = 14 * 86_400
    static let retry = ChargeRetryPolicy()

    static func jobs(_ j: FeatureJobs) {
        j.sweep("crowdfunding closes") { app, now in try await sweep(app, now: now) }
    }

    /// The card provider configured (`CHORUS_STRIPE_*`), if any.
    static func card(_ app: Application) -> (any CardProvider)? {
        app.crowdfundCardOverride ?? app.chorusConfig.stripe.map { StripeProvider(settings: $0, client: app.client) }
    }

    static func provider(_ method: PledgeMethod, _ app: Application) -> any PaymentProvider {
        if method == .card, let card = card(app) { return card }
        return OfflineProvider()
    }

    /// Runs every due close; returns how many projects it worked on.
    @discardableResult
    static func sweep(_ app: Application, now: Date) async throws -> Int {
        let due = try await CrowdfundProject.query(on: app.db)
            .filter(\.$stage ~~ [CrowdfundStage.live.rawValue, CrowdfundStage.collecting.rawValue])
            .filter(\.$deadlineDay < Day(now).ordinal + 1).all()
        var worked = 0
        for p in due {
            if p.stageValue == .live {
                let standing = try await CrowdfundLedgerService.totals(of: p.id!, app.db).standing
                let closes = CrowdfundClose.closes(
                    deadline: p.deadlineEnds, overfundingDays: p.overfundingDays, reachedTarget: standing >= p.targetPence)
                if closes > now { continue }
            }
            let ran = await JobRunner.run(app, kind: kind, job: p.id!) {
                do { try await close(p.id!, app: app, now: now) } catch {
                    app.logger.warning("crowdfunding close \(p.id!): \(String(describing: error))")
                }
            }
            if ran { worked += 1 }
        }
        return worked
    }

    /// One project's next steps (under its lease).
    static func close(_ id: UUID, app: Application, now: Date) async throws {
        guard let p = try await CrowdfundProject.find(id, on: app.db) else { return }
        if p.stageValue == .live { try await atDeadline(p, app: app, now: now) }
        guard p.stageValue == .collecting else { return }
        try await charge(p, app: app, now: now)
        try await settleIfDone(p, app: app, now: now)
    }

    private static func atDeadline(_ p: CrowdfundProject, app: Application, now: Date) async throws {
        let totals = try await CrowdfundLedgerService.totals(of: p.id!, app.db)
        let decision = CrowdfundClose.atDeadline(p.model, target: p.targetPence, crowd: totals.crowd.standing, match: totals.match.standing)
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                if decision == .release {
                    for pledge in try await CrowdfundPledgeService.pledges(ofProject: p.id!, tx)
                    where [.pledged, .authorised].contains(pledge.statusValue) {
                        try await CrowdfundLedgerService.postAll(.cancel, pledge, reference: "target not reached", now: now, on: tx)
                        pledge.status = PledgeStatus.cancelled.rawValue
                        pledge.updatedAt = now
                        try await pledge.save(on: tx)
                    }
                    p.stage = CrowdfundStage.unsuccessful.rawValue
                    p.settledAt = now
                } else {
                    p.stage = CrowdfundStage.collecting.rawValue
                    try await CrowdfundPledge.query(on: tx).filter(\.$projectID == p.id!).filter(\.$status == PledgeStatus.authorised.rawValue)
                        .set(\.$nextAttemptAt, to: now).update()
                }
                p.closingAt = now
                p.updatedAt = now
                try await p.save(on: tx)
                try await AuditService.record(
                    tx, actor: .system, action: .update, entity: CrowdfundProjectService.entity, id: p.id,
                    label: "\(p.title): closed, \(decision == .release ? "target not reached, nothing charged" : "collecting pledges")")
            }
        }
    }

    /// How many provider calls are in flight at once while a project collects.
    static let concurrentCharges = 8

    /// Charges every saved card that is due (first tries and retries): all claimed in one conditional update, the
    /// provider asked a few at a time, and every answer written in one transaction (the ledger entries in bulk, the
    /// pledges' new states one statement per kind of outcome).
    private static func charge(_ p: CrowdfundProject, app: Application, now: Date) async throws {
        let due = try await CrowdfundPledge.query(on: app.db).filter(\.$projectID == p.id!).filter(\.$status == PledgeStatus.authorised.rawValue)
            .filter(\.$method == PledgeMethod.card.rawValue).filter(\.$nextAttemptAt <= now).all()
        guard !due.isEmpty else { return }
        let claimed = try await app.writeGate.run {
            try await CrowdfundPledgeService.claim(due.compactMap(\.id), from: [.authorised], to: .charging, now: now, app.db)
        }
        let mine = due.filter { claimed.contains($0.id!) }
        let provider = provider(.card, app)
        let charges = mine.map {
            PledgeCharge(
                pledge: $0.id!, amountPence: $0.amountPence, attempt: $0.attempts + 1, customer: $0.providerCustomer,
                paymentMethod: $0.providerMethod,
                payment: $0.providerPayment)
        }
        var outcomes: [UUID: CollectOutcome] = [:]
        try await withThrowingTaskGroup(of: (UUID, CollectOutcome?).self) { group in
            var next = charges.makeIterator()
            func add() {
                guard let c = next.next() else { return }
                group.addTask {
                    do { return (c.pledge, try await provider.collect(c)) } catch {
                        // The provider could not be reached: the pledge waits for the next sweep, no try counted.
                        app.logger.warning("crowdfunding charge \(c.pledge): \(String(describing: error))")
                        return (c.pledge, nil)
                    }
                }
            }
            for _ in 0..<concurrentCharges { add() }
            while let (id, outcome) = try await group.next() {
                outcomes[id] = outcome
                add()
            }
        }
        let answered = outcomes
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                var ledger = try await CrowdfundLedgerService.ledger(of: mine.compactMap(\.id), tx)
                var entries: [(LedgerEntry, String?)] = []
                var unreachable: [UUID] = []
                for pledge in mine {
                    guard let outcome = answered[pledge.id!] else {
                        unreachable.append(pledge.id!)
                        continue
                    }
                    entries += apply(outcome, to: pledge, attempt: pledge.attempts + 1, now: now, ledger: &ledger)
                }
                try await CrowdfundLedgerService.write(entries, project: p.id!, now: now, tx)
                try await saveStates(mine.filter { !unreachable.contains($0.id!) }, now: now, tx)
                _ = try await CrowdfundPledgeService.claim(unreachable, from: [.charging], to: .authorised, now: now, tx)
            }
        }
    }

    /// What a charge came to, applied to `pledge` (not saved) and to `ledger`: collected (with the provider's fee),
    /// pending a webhook, or declined (tried again later, or failed for good). Returns the entries to write, each with
    /// its reference (the provider's payment).
    static func apply(_ outcome: CollectOutcome, to pledge: CrowdfundPledge, attempt: Int, now: Date, ledger: inout CrowdfundLedger)
        -> [(LedgerEntry, String?)]
    {
        pledge.attempts = attempt
        pledge.updatedAt = now
        let id = pledge.id!
        switch outcome {
        case .collected(let payment, let fee):
            pledge.status = PledgeStatus.collected.rawValue
            pledge.nextAttemptAt = nil
            pledge.lastError = nil
            var out = ((try? ledger.post(.collect, pledge: id, amount: pledge.amountPence)) ?? []).map { ($0, Optional(payment)) }
            if fee > 0 { out += ((try? ledger.post(.fee, pledge: id, amount: min(fee, pledge.amountPence))) ?? []).map { ($0, Optional(payment)) } }
            return out
        case .pending(let payment):
            pledge.providerPayment = payment
            pledge.status = PledgeStatus.charging.rawValue
            return []
        case .declined(let payment, let reason):
            pledge.lastError = String(reason.prefix(300))
            if let next = retry.nextAttempt(afterAttempts: attempt, lastAt: now) {
                pledge.status = PledgeStatus.authorised.rawValue
                pledge.nextAttemptAt = next
                return []
            }
            pledge.status = PledgeStatus.failed.rawValue
            pledge.nextAttemptAt = nil
            return ledger.postAll(.fail, pledge: id).map { ($0, payment) }
        case .awaitingStaff:
            pledge.status = PledgeStatus.pledged.rawValue
            return []
        }
    }

    /// Saves pledges' new states: one statement for each group that shares status, tries, next try and last error
    /// (so a project's 200 collected pledges are one update), one each for a pledge waiting for a webhook (its payment
    /// reference is its own).
    static func saveStates(_ pledges: [CrowdfundPledge], now: Date, _ db: any Database) async throws {
        struct Key: Hashable {
            let status: String
            let attempts: Int
            let next: Date?
            let error: String?
        }
        for pledge in pledges where pledge.statusValue == .charging { try await pledge.save(on: db) }
        let groups = Dictionary(grouping: pledges.filter { $0.statusValue != .charging }) {
            Key(status: $0.status, attempts: $0.attempts, next: $0.nextAttemptAt, error: $0.lastError)
        }
        for (key, members) in groups {
            for chunk in members.compactMap(\.id).chunked(500) {
                try await CrowdfundPledge.query(on: db).filter(\.$id ~~ chunk).set(\.$status, to: key.status).set(\.$attempts, to: key.attempts)
                    .set(\.$nextAttemptAt, to: key.next).set(\.$lastError, to: key.error).set(\.$updatedAt, to: now).update()
            }
        }
    }

    /// A webhook's answer about one charge: applied and saved (inside the caller's transaction).
    static func record(_ outcome: CollectOutcome, _ id: UUID, attempt: Int, now: Date, _ tx: any Database) async throws {
        guard let pledge = try await CrowdfundPledge.find(id, on: tx) else { return }
        var ledger = try await CrowdfundLedgerService.ledger(of: [id], tx)
        let entries = apply(outcome, to: pledge, attempt: attempt, now: now, ledger: &ledger)
        try await CrowdfundLedgerService.write(entries, project: pledge.projectID, now: now, tx)
        try await pledge.save(on: tx)
    }

    /// Settles once nothing is pending: no card waiting to be charged or for its webhook, and no offline promise still
    /// inside its grace period (those past it fail). The crowd's entries are computed in memory and written in bulk.
    private static func settleIfDone(_ p: CrowdfundProject, app: Application, now: Date) async throws {
        let pledges = try await CrowdfundPledgeService.pledges(ofProject: p.id!, app.db).filter { $0.methodValue != .fund }
        let closing = p.closingAt ?? now
        let offlineOpen = now < closing.addingTimeInterval(offlineGrace)
        let pending = pledges.contains { pl in
            switch (pl.methodValue, pl.statusValue) {
            case (.card, .authorised), (.card, .charging): true
            case (.offline, .pledged): offlineOpen
            default: false
            }
        }
        guard !pending else { return }
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                var ledger = try await CrowdfundLedgerService.ledger(of: pledges.compactMap(\.id), tx)
                var entries: [(LedgerEntry, String?)] = []
                let unpaid = pledges.filter { $0.methodValue == .offline && $0.statusValue == .pledged }
                for pl in unpaid {
                    entries += ledger.postAll(.fail, pledge: pl.id!).map { ($0, "not received within 14 days of the close") }
                    pl.status = PledgeStatus.failed.rawValue
                }
                // What backers paid, the provider's fees included.
                let crowd = LedgerTotals(ledger.entries)
                let collected = crowd[.collected] + crowd[.fees]
                let funds = try await MatchFundService.recompute(p, crowd: collected, now: now, on: tx)
                let match = try await CrowdfundLedgerService.totals(of: p.id!, tx).match.outstanding
                let decision = CrowdfundClose.settle(p.model, target: p.targetPence, collected: collected, match: match)
                for fund in funds {
                    if decision == .payOut {
                        try await CrowdfundLedgerService.postAll(.collect, fund, reference: "match paid in", now: now, on: tx)
                        try await CrowdfundLedgerService.postAll(.payout, fund, reference: "paid out", now: now, on: tx)
                        fund.status = PledgeStatus.paidOut.rawValue
                    } else {
                        try await CrowdfundLedgerService.postAll(.cancel, fund, reference: "project unsuccessful", now: now, on: tx)
                        fund.status = PledgeStatus.cancelled.rawValue
                    }
                    fund.updatedAt = now
                    try await fund.save(on: tx)
                }
                let collectedPledges = pledges.filter { $0.statusValue == .collected }
                for pl in collectedPledges {
                    if decision == .payOut {
                        entries += ledger.postAll(.payout, pledge: pl.id!).map { ($0, "paid out") }
                        pl.status = PledgeStatus.paidOut.rawValue
                    } else {
                        // Cards are refunded by the provider below; cash, cheques and transfers by staff.
                        pl.status = PledgeStatus.refundDue.rawValue
                    }
                }
                try await CrowdfundLedgerService.write(entries, project: p.id!, now: now, tx)
                try await saveStates(unpaid + collectedPledges, now: now, tx)
                p.stage = (decision == .payOut ? CrowdfundStage.funded : .unsuccessful).rawValue
                p.settledAt = now
                p.updatedAt = now
                try await p.save(on: tx)
                try await AuditService.record(
                    tx, actor: .system, action: .update, entity: CrowdfundProjectService.entity, id: p.id,
                    label: "\(p.title): \(decision == .payOut ? "funded and paid out" : "unsuccessful, collected pledges refunded")",
                    after: ["collected": MoneyText.pounds(collected), "match": MoneyText.pounds(match)])
            }
        }
        try await refundCards(p, app: app, now: now)
    }

    /// Asks the provider to refund every card pledge due a refund (again at each sweep until it has).
    static func refundCards(_ p: CrowdfundProject, app: Application, now: Date) async throws {
        let due = try await CrowdfundPledge.query(on: app.db).filter(\.$projectID == p.id!).filter(\.$method == PledgeMethod.card.rawValue)
            .filter(\.$status == PledgeStatus.refundDue.rawValue).all()
        guard !due.isEmpty else { return }
        // The charge to refund: its reference is on the pledge's collect entry.
        let payments = Dictionary(
            try await CrowdfundLedgerRow.query(on: app.db).filter(\.$pledgeID ~~ due.compactMap(\.id)).filter(
                \.$event == LedgerEvent.collect.rawValue
            )
            .all().compactMap { row in row.reference.map { (row.pledgeID, $0) } }, uniquingKeysWith: { a, _ in a })
        for pledge in due {
            let outcome: RefundOutcome
            do {
                outcome = try await provider(.card, app).refund(
                    PledgeCharge(
                        pledge: pledge.id!, amountPence: pledge.amountPence, attempt: pledge.attempts, customer: pledge.providerCustomer,
                        paymentMethod: pledge.providerMethod, payment: payments[pledge.id!] ?? pledge.providerPayment))
            } catch {
                app.logger.warning("crowdfunding refund \(pledge.id!): \(String(describing: error))")
                continue
            }
            try await app.writeGate.run { try await app.db.transaction { tx in try await recordRefund(outcome, pledge.id!, now: now, tx) } }
        }
    }

    static func recordRefund(_ outcome: RefundOutcome, _ id: UUID, now: Date, _ tx: any Database) async throws {
        guard let pledge = try await CrowdfundPledge.find(id, on: tx), pledge.statusValue == .refundDue else { return }
        switch outcome {
        case .refunded(let reference):
            try await CrowdfundLedgerService.postAll(.refund, pledge, reference: reference, now: now, on: tx)
            pledge.status = PledgeStatus.refunded.rawValue
        case .pending(let reference): pledge.lastError = "refund \(reference) pending"
        case .failed(let reason): pledge.lastError = String(reason.prefix(300))
        case .awaitingStaff: return
        }
        pledge.updatedAt = now
        try await pledge.save(on: tx)
    }
}
