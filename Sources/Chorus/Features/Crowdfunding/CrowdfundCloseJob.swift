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
        app.chorusConfig.stripe.map { StripeProvider(settings: $0, client: app.client) }
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

    /// Charges every saved card that is due (first tries and retries).
    private static func charge(_ p: CrowdfundProject, app: Application, now: Date) async throws {
        let due = try await CrowdfundPledge.query(on: app.db).filter(\.$projectID == p.id!).filter(\.$status == PledgeStatus.authorised.rawValue)
            .filter(\.$method == PledgeMethod.card.rawValue).filter(\.$nextAttemptAt <= now).all()
        for pledge in due {
            let claimed = try await app.writeGate.run {
                try await CrowdfundPledgeService.claim(pledge.id!, from: [.authorised], to: .charging, now: now, app.db)
            }
            guard claimed else { continue }
            let attempt = pledge.attempts + 1
            let outcome: CollectOutcome
            do {
                outcome = try await provider(.card, app).collect(
                    PledgeCharge(
                        pledge: pledge.id!, amountPence: pledge.amountPence, attempt: attempt, customer: pledge.providerCustomer,
                        paymentMethod: pledge.providerMethod, payment: pledge.providerPayment))
            } catch {
                // The provider could not be reached: the pledge goes back to wait for the next sweep, no try counted.
                _ = try await app.writeGate.run {
                    try await CrowdfundPledgeService.claim(pledge.id!, from: [.charging], to: .authorised, now: now, app.db)
                }
                app.logger.warning("crowdfunding charge \(pledge.id!): \(String(describing: error))")
                continue
            }
            try await app.writeGate.run {
                try await app.db.transaction { tx in try await record(outcome, pledge.id!, attempt: attempt, now: now, tx) }
            }
        }
    }

    /// Writes what a charge came to: collected (with the provider's fee), pending a webhook, or declined (tried again
    /// later, or failed for good).
    static func record(_ outcome: CollectOutcome, _ id: UUID, attempt: Int, now: Date, _ tx: any Database) async throws {
        guard let pledge = try await CrowdfundPledge.find(id, on: tx) else { return }
        pledge.attempts = attempt
        pledge.updatedAt = now
        switch outcome {
        case .collected(let payment, let fee):
            pledge.providerPayment = payment
            pledge.status = PledgeStatus.collected.rawValue
            pledge.nextAttemptAt = nil
            pledge.lastError = nil
            try await CrowdfundLedgerService.post(.collect, pledge, amount: pledge.amountPence, reference: payment, now: now, on: tx)
            if fee > 0 {
                try await CrowdfundLedgerService.post(.fee, pledge, amount: min(fee, pledge.amountPence), reference: payment, now: now, on: tx)
            }
        case .pending(let payment):
            pledge.providerPayment = payment
            pledge.status = PledgeStatus.charging.rawValue
        case .declined(let payment, let reason):
            pledge.providerPayment = payment ?? pledge.providerPayment
            pledge.lastError = String(reason.prefix(300))
            if let next = retry.nextAttempt(afterAttempts: attempt, lastAt: now) {
                pledge.status = PledgeStatus.authorised.rawValue
                pledge.nextAttemptAt = next
            } else {
                pledge.status = PledgeStatus.failed.rawValue
                pledge.nextAttemptAt = nil
                try await CrowdfundLedgerService.postAll(.fail, pledge, reference: payment, now: now, on: tx)
            }
        case .awaitingStaff:
            pledge.status = PledgeStatus.pledged.rawValue
        }
        try await pledge.save(on: tx)
    }

    /// Settles once nothing is pending: no card waiting to be charged or for its webhook, and no offline promise still
    /// inside its grace period (those past it fail).
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
        let totals = try await CrowdfundLedgerService.totals(of: p.id!, app.db)
        let collected = totals.crowd[.collected]
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                for pl in pledges where pl.methodValue == .offline && pl.statusValue == .pledged {
                    try await CrowdfundLedgerService.postAll(.fail, pl, reference: "not received within 14 days of the close", now: now, on: tx)
                    pl.status = PledgeStatus.failed.rawValue
                    pl.updatedAt = now
                    try await pl.save(on: tx)
                }
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
                for pl in pledges where pl.statusValue == .collected {
                    if decision == .payOut {
                        try await CrowdfundLedgerService.postAll(.payout, pl, reference: "paid out", now: now, on: tx)
                        pl.status = PledgeStatus.paidOut.rawValue
                    } else {
                        // Cards are refunded by the provider below; cash, cheques and transfers by staff.
                        pl.status = PledgeStatus.refundDue.rawValue
                    }
                    pl.updatedAt = now
                    try await pl.save(on: tx)
                }
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
        for pledge in due {
            let outcome: RefundOutcome
            do {
                outcome = try await provider(.card, app).refund(
                    PledgeCharge(
                        pledge: pledge.id!, amountPence: pledge.amountPence, attempt: pledge.attempts, customer: pledge.providerCustomer,
                        paymentMethod: pledge.providerMethod, payment: pledge.providerPayment))
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
