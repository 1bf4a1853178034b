import Fluent
import NIOConcurrencyHelpers
import Foundation
import SQLKit
import Vapor
import ChorusCore

/// Closes projects, a step of the background sweep. The sweep runs under one job lease (`JobRunner`), and each
/// pledge is claimed by a conditional update before its provider is asked, so two servers sweeping at once, or one
/// sweeping twice, charge a pledge once. A project moves:
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

    /// The job every server's sweep takes the lease of: one server closes projects at a time.
    static let sweepJob = UUID(uuidString: "C0F0C105-E000-4000-8000-000000000024")!

    /// Runs every due close under one job lease (a server finding it held does nothing); returns how many projects it
    /// worked on. One lease for the sweep, not one per project: a lease is three commits, which for 1,000 projects
    /// at a deadline were 3,000 of them.
    @discardableResult
    static func sweep(_ app: Application, now: Date) async throws -> Int {
        let worked = NIOLockedValueBox(0)
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        await JobRunner.run(app, kind: kind, job: sweepJob) {
            do {
                let n = try await closeDue(app, now: now)
                worked.withLockedValue { $0 = n }
            } catch {
                failure.withLockedValue { $0 = error }
            }
        }
        if let error = failure.withLockedValue({ $0 }) { throw error }
        return worked.withLockedValue { $0 }
    }

    /// How many projects take each step together: one transaction, and one statement where the step allows, for all
    /// of them. Per project, 1,000 projects at a deadline were several thousand commits, each writing again the index
    /// pages its random ids touched.
    static let batchSize = 25

    /// The projects due a step, worked on a batch at a time. A batch that fails is tried again one project at a
    /// time (read afresh), so one project's problem is logged and the rest go on.
    private static func closeDue(_ app: Application, now: Date) async throws -> Int {
        let due = try await CrowdfundProject.query(on: app.db)
            .filter(\.$stage ~~ [CrowdfundStage.live.rawValue, CrowdfundStage.collecting.rawValue])
            .filter(\.$deadlineDay < Day(now).ordinal + 1).all()
        // Only a project with overfunding days may stay open past its deadline (when it has reached its target).
        let mayStayOpen = due.filter { $0.stageValue == .live && $0.overfundingDays > 0 }.compactMap(\.id)
        let standing = try await CrowdfundLedgerService.totals(of: mayStayOpen, app.db).mapValues(\.standing)
        let closing = due.filter { p in
            p.stageValue == .collecting
                || CrowdfundClose.closes(
                    deadline: p.deadlineEnds, overfundingDays: p.overfundingDays, reachedTarget: standing[p.id!, default: 0] >= p.targetPence) <= now
        }
        for batch in closing.chunked(batchSize) {
            do { try await step(batch, app: app, now: now) } catch {
                app.logger.warning("crowdfunding close of \(batch.count) projects together: \(String(describing: error)); each alone now")
                for id in batch.compactMap(\.id) {
                    do {
                        guard let p = try await CrowdfundProject.find(id, on: app.db) else { continue }
                        try await step([p], app: app, now: now)
                    } catch {
                        app.logger.warning("crowdfunding close \(id): \(String(describing: error))")
                    }
                }
            }
        }
        try await retryRefunds(app, now: now)
        return closing.count
    }

    /// The next step of each project in `batch` (under the sweep's lease): at the deadline, decided; collecting, the
    /// cards due charged; nothing left pending, settled.
    private static func step(_ batch: [CrowdfundProject], app: Application, now: Date) async throws {
        let live = batch.filter { $0.stageValue == .live }
        if !live.isEmpty { try await atDeadline(live, app: app, now: now) }
        let collecting = batch.filter { $0.stageValue == .collecting }
        guard !collecting.isEmpty else { return }
        try await charge(collecting, app: app, now: now)
        try await settleIfDone(collecting, app: app, now: now)
    }

    private static func atDeadline(_ projects: [CrowdfundProject], app: Application, now: Date) async throws {
        let totals = try await CrowdfundLedgerService.totals(of: projects.compactMap(\.id), app.db)
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                let releasing = projects.filter { p in
                    let t = totals[p.id!] ?? .init(crowd: LedgerTotals([]), match: LedgerTotals([]))
                    return CrowdfundClose.atDeadline(p.model, target: p.targetPence, crowd: t.crowd.standing, match: t.match.standing) == .release
                }
                let released = Set(releasing.compactMap(\.id))
                // (An empty list is no query: PostgreSQL refuses `IN ()`.)
                var open =
                    released.isEmpty
                    ? []
                    : try await ClosingPledges.read(tx) {
                        $0.where("project_id", .in, Array(released)).where("method", .notEqual, PledgeMethod.fund.rawValue)
                            .where("status", .in, [PledgeStatus.pledged, .authorised].map(\.rawValue))
                    }
                var ledger = try await CrowdfundLedgerService.ledger(of: open.map(\.id), tx)
                var entries: [(LedgerEntry, String?)] = []
                for i in open.indices {
                    entries += ledger.postAll(.cancel, pledge: open[i].id).map { ($0, "target not reached") }
                    open[i].status = PledgeStatus.cancelled.rawValue
                }
                try await CrowdfundLedgerService.write(entries, projects: open, now: now, tx)
                try await ClosingPledges.save(open, now: now, tx)
                let collecting = projects.compactMap(\.id).filter { !released.contains($0) }
                for chunk in collecting.chunked(500) {
                    try await CrowdfundPledge.query(on: tx).filter(\.$projectID ~~ chunk).filter(\.$status == PledgeStatus.authorised.rawValue)
                        .set(\.$nextAttemptAt, to: now).update()
                }
                for p in projects {
                    let release = released.contains(p.id!)
                    p.stage = (release ? CrowdfundStage.unsuccessful : .collecting).rawValue
                    if release { p.settledAt = now }
                    p.closingAt = now
                    p.updatedAt = now
                    try await p.save(on: tx)
                    try await AuditService.record(
                        tx, actor: .system, action: .update, entity: CrowdfundProjectService.entity, id: p.id,
                        label: "\(p.title): closed, \(release ? "target not reached, nothing charged" : "collecting pledges")")
                }
            }
        }
    }

    /// How many provider calls are in flight at once while projects collect.
    static let concurrentCharges = 8

    /// Charges every saved card that is due (first tries and retries) in these projects: all claimed in one
    /// conditional update, the provider asked a few at a time, and every answer written in one transaction (the ledger
    /// entries in bulk, the pledges' new states one statement per kind of outcome).
    private static func charge(_ projects: [CrowdfundProject], app: Application, now: Date) async throws {
        let due = try await ClosingPledges.read(app.db) {
            $0.where("project_id", .in, projects.compactMap(\.id)).where("status", .equal, PledgeStatus.authorised.rawValue)
                .where("method", .equal, PledgeMethod.card.rawValue).where("next_attempt_at", .lessThanOrEqual, SQLBind(now))
        }
        guard !due.isEmpty else { return }
        let claimed = try await app.writeGate.run {
            try await CrowdfundPledgeService.claim(due.map(\.id), from: [.authorised], to: .charging, now: now, app.db)
        }
        let mine = due.filter { claimed.contains($0.id) }
        let provider = provider(.card, app)
        var outcomes: [UUID: CollectOutcome] = [:]
        try await withThrowingTaskGroup(of: (UUID, CollectOutcome?).self) { group in
            var next = mine.makeIterator()
            func add() {
                guard let pledge = next.next() else { return }
                let c = pledge.charge(attempt: pledge.attempts + 1)
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
                var ledger = try await CrowdfundLedgerService.ledger(of: mine.map(\.id), tx)
                var entries: [(LedgerEntry, String?)] = []
                var changed: [ClosingPledge] = []
                var unreachable: [UUID] = []
                for var pledge in mine {
                    guard let outcome = answered[pledge.id] else {
                        unreachable.append(pledge.id)
                        continue
                    }
                    entries += apply(outcome, to: &pledge, attempt: pledge.attempts + 1, now: now, ledger: &ledger)
                    changed.append(pledge)
                }
                try await CrowdfundLedgerService.write(entries, projects: mine, now: now, tx)
                try await ClosingPledges.save(changed, now: now, tx)
                _ = try await CrowdfundPledgeService.claim(unreachable, from: [.charging], to: .authorised, now: now, tx)
            }
        }
    }

    /// What a charge came to, applied to `pledge` (not saved) and to `ledger`: collected (with the provider's fee),
    /// pending a webhook, or declined (tried again later, or failed for good). Returns the entries to write, each with
    /// its reference (the provider's payment).
    static func apply(_ outcome: CollectOutcome, to pledge: inout ClosingPledge, attempt: Int, now: Date, ledger: inout CrowdfundLedger)
        -> [(LedgerEntry, String?)]
    {
        pledge.attempts = attempt
        let id = pledge.id
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

    /// A webhook's answer about one charge: applied and saved (inside the caller's transaction).
    static func record(_ outcome: CollectOutcome, _ id: UUID, attempt: Int, now: Date, _ tx: any Database) async throws {
        guard var pledge = try await ClosingPledges.read(tx, { $0.where("id", .equal, id) }).first else { return }
        var ledger = try await CrowdfundLedgerService.ledger(of: [id], tx)
        let entries = apply(outcome, to: &pledge, attempt: attempt, now: now, ledger: &ledger)
        try await CrowdfundLedgerService.write(entries, project: pledge.projectId, now: now, tx)
        try await ClosingPledges.save([pledge], now: now, tx)
    }

    /// Settles each project with nothing pending: no card waiting to be charged or for its webhook, and no offline
    /// promise still inside its grace period (those past it fail). All of them in one transaction; the crowd's entries
    /// are computed in memory and written in bulk.
    private static func settleIfDone(_ projects: [CrowdfundProject], app: Application, now: Date) async throws {
        let offlineOpen = projects.filter { now < ($0.closingAt ?? now).addingTimeInterval(offlineGrace) }.compactMap(\.id)
        let pending = try await ClosingPledges.pending(projects.compactMap(\.id), offlineOpen: Set(offlineOpen), app.db)
        let settling = projects.filter { !pending.contains($0.id!) }
        guard !settling.isEmpty else { return }
        try await app.writeGate.run {
            try await app.db.transaction { tx in
                var pledges = try await ClosingPledges.read(tx) {
                    $0.where("project_id", .in, settling.compactMap(\.id)).where("method", .notEqual, PledgeMethod.fund.rawValue)
                }
                var ledger = try await CrowdfundLedgerService.ledger(of: pledges.map(\.id), tx)
                var entries: [(LedgerEntry, String?)] = []
                var changed: [ClosingPledge] = []
                for i in pledges.indices where pledges[i].methodValue == .offline && pledges[i].statusValue == .pledged {
                    entries += ledger.postAll(.fail, pledge: pledges[i].id).map { ($0, "not received within 14 days of the close") }
                    pledges[i].status = PledgeStatus.failed.rawValue
                    changed.append(pledges[i])
                }
                let byProject = Dictionary(grouping: pledges.indices, by: { pledges[$0].projectId })
                for p in settling {
                    let mine = byProject[p.id!] ?? []
                    // What backers paid, the provider's fees included.
                    let crowd = LedgerTotals(ledger.entries(of: Set(mine.map { pledges[$0].id })))
                    let collected = crowd[.collected] + crowd[.fees]
                    let funds = try await MatchFundService.recompute(p, crowd: collected, now: now, on: tx)
                    let match = funds.isEmpty ? 0 : try await CrowdfundLedgerService.totals(of: p.id!, tx).match.outstanding
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
                    for i in mine where pledges[i].statusValue == .collected {
                        if decision == .payOut {
                            entries += ledger.postAll(.payout, pledge: pledges[i].id).map { ($0, "paid out") }
                            pledges[i].status = PledgeStatus.paidOut.rawValue
                        } else {
                            // Cards are refunded by the provider below; cash, cheques and transfers by staff.
                            pledges[i].status = PledgeStatus.refundDue.rawValue
                        }
                        changed.append(pledges[i])
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
                try await CrowdfundLedgerService.write(entries, projects: pledges, now: now, tx)
                try await ClosingPledges.save(changed, now: now, tx)
            }
        }
        let unsuccessful = settling.filter { $0.stageValue == .unsuccessful }.compactMap(\.id)
        if !unsuccessful.isEmpty {
            try await refundCards(try await cardRefundsOwed(app.db) { $0.where("project_id", .in, unsuccessful) }, app: app, now: now)
        }
    }

    /// How long a card refund the provider did not make (it failed, or could not be reached) waits to be asked again.
    static let refundRetry: TimeInterval = 3_600

    /// Asks the provider again for the card refunds still owed on unsuccessful projects, each at most hourly.
    private static func retryRefunds(_ app: Application, now: Date) async throws {
        let owed = try await cardRefundsOwed(app.db) {
            $0.where(
                "project_id", .in,
                SQLGroupExpression(
                    SQLRaw("SELECT id FROM \(CrowdfundProject.schema) WHERE stage = '\(CrowdfundStage.unsuccessful.rawValue)'")
                )
            )
            .where("updated_at", .lessThan, SQLBind(now.addingTimeInterval(-refundRetry)))
        }
        try await refundCards(owed, app: app, now: now)
    }

    /// Card pledges owed a refund, of the projects `narrow` picks.
    private static func cardRefundsOwed(_ db: any Database, _ narrow: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [ClosingPledge] {
        try await ClosingPledges.read(db) {
            narrow($0.where("method", .equal, PledgeMethod.card.rawValue).where("status", .equal, PledgeStatus.refundDue.rawValue))
        }
    }

    /// Asks the provider to refund each of these card pledges; what it answers is recorded.
    static func refundCards(_ due: [ClosingPledge], app: Application, now: Date) async throws {
        guard !due.isEmpty else { return }
        // The charge to refund: its reference is on the pledge's collect entry.
        let payments = try await CrowdfundLedgerService.references(of: due.map(\.id), event: .collect, app.db)
        for pledge in due {
            let outcome: RefundOutcome
            do {
                outcome = try await provider(.card, app).refund(pledge.charge(attempt: pledge.attempts, payment: payments[pledge.id]))
            } catch {
                app.logger.warning("crowdfunding refund \(pledge.id): \(String(describing: error))")
                continue
            }
            try await app.writeGate.run { try await app.db.transaction { tx in try await recordRefund(outcome, pledge.id, now: now, tx) } }
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
