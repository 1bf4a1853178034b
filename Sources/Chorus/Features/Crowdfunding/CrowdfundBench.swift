import Fluent
import Foundation
import SQLKit
import Vapor
import ChorusCore

/// The close benchmark (`bench/run_crowdfund_bench.sh`, bench/README.md "Crowdfunding: closing projects"):
/// `chorus crowdfund-bench seed --projects 1000 --pledges 200` adds that many all-or-nothing projects past their
/// deadline, each with that many pledges by saved card (1 in 50 on a card that is declined twice before it goes
/// through, 1 in 100 on one declined every time), with their ledger entries; `chorus crowdfund-bench close` runs the
/// real close job (`CrowdfundCloseJob.sweep`) with an instant in-process card provider, at the deadline and at each
/// retry two days apart, timing each sweep; `chorus crowdfund-bench reference` does the same money movements as
/// set-based SQL (a handful of statements, no provider, no retries), the floor for this database; `chorus
/// crowdfund-bench check` sums the ledger and prints whether every project settled, what was paid out, failed and
/// kept in fees, and whether the accounts sum to zero. It measures and prints; nothing is compared with a threshold.
struct CrowdfundBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "step", help: "seed | close | reference | check") var step: String
        @Option(name: "projects", help: "seed: projects (default 1000)") var projects: Int?
        @Option(name: "pledges", help: "seed: pledges per project (default 200)") var pledges: Int?
    }
    var help: String { "Crowdfunding close benchmark: seed projects with card pledges, close them, or the set-based SQL reference; check." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        let say: (String) -> Void = { context.console.print($0) }
        switch signature.step {
        case "seed": try await CrowdfundBench.seed(projects: signature.projects ?? 1000, pledges: signature.pledges ?? 200, app.db, say)
        case "close": try await CrowdfundBench.close(app, say)
        case "reference": try await CrowdfundBench.reference(app.db, say)
        case "check": try await CrowdfundBench.check(app.db, say)
        default: throw CommandFailure(message: "step must be seed, close, reference or check (got \(signature.step))")
        }
    }
}

enum CrowdfundBench {
    static let amount: Int64 = 1_000
    static func fee(_ pence: Int64) -> Int64 { 20 + pence * 15 / 1000 }

    /// A card provider answering at once, declining cards whose method ends "-decline" always and "-twice" on the first
    /// two tries: Chorus's own cost of closing, without a network in the way.
    struct InstantCard: CardProvider {
        var method: PledgeMethod { .card }
        func collect(_ p: PledgeCharge) async throws -> CollectOutcome {
            let m = p.paymentMethod ?? ""
            if m.hasSuffix("-decline") || (m.hasSuffix("-twice") && p.attempt <= 2) {
                return .declined(payment: "pi_\(p.idempotencyKey)", reason: "Your card was declined.")
            }
            return .collected(payment: "pi_\(p.idempotencyKey)", feePence: fee(p.amountPence))
        }
        func refund(_ p: PledgeCharge) async throws -> RefundOutcome { .refunded(reference: "re_\(p.pledge)") }
        func startSaving(pledge: UUID, email: String?, returnURL: String, cancelURL: String) async throws -> (session: String, url: String) {
            ("cs_\(pledge)", returnURL)
        }
        func savedCard(session: String) async throws -> (customer: String, method: String)? { ("cus_bench", "pm_bench") }
        func webhookProblem(body: String, signature: String?, now: Date) -> String? { "the bench takes no webhooks" }
    }

    static func seed(projects: Int, pledges: Int, _ db: any Database, _ say: (String) -> Void) async throws {
        let started = ContinuousClock.now
        let now = Date()
        let ward = try await PlacesReads.wards(db).first?.id
        let deadline = Day(now).adding(days: -2).ordinal
        for batch in Array(0..<projects).chunked(50) {
            try await db.transaction { tx in
                var rows: [CrowdfundProject] = []
                var pledgeRows: [CrowdfundPledge] = []
                var ledger: [CrowdfundLedgerRow] = []
                for n in batch {
                    let p = CrowdfundProject()
                    p.id = UUID()
                    p.creatorKind = CreatorKind.group.rawValue
                    p.groupName = "Bench group \(n)"
                    p.title = "Bench project \(n)"
                    p.summary = "A project for the close benchmark."
                    p.story = "Bench."
                    p.placeID = ward
                    p.category = "other"
                    // Met by what the pledges would collect if every card went through, and still met (90%) after the
                    // cards declined every time.
                    p.targetPence = Int64(pledges) * amount * 95 / 100
                    p.fundingModel = FundingModel.allOrNothing.rawValue
                    p.deadlineDay = deadline
                    p.overfundingDays = 0
                    p.overfundingUses = ""
                    p.stage = CrowdfundStage.live.rawValue
                    p.checks = "{}"
                    p.verifiedByName = "bench"
                    p.verifiedAt = now
                    p.createdAt = now
                    p.updatedAt = now
                    rows.append(p)
                    for i in 0..<pledges {
                        let pl = CrowdfundPledge()
                        pl.id = UUID()
                        pl.projectID = p.id!
                        pl.method = PledgeMethod.card.rawValue
                        pl.shownName = ""
                        pl.amountPence = amount
                        pl.status = PledgeStatus.authorised.rawValue
                        pl.providerCustomer = "cus_bench"
                        pl.providerMethod = "pm_\(i)" + (i % 100 == 7 ? "-decline" : i % 50 == 3 ? "-twice" : "")
                        pl.attempts = 0
                        pl.createdAt = now
                        pl.updatedAt = now
                        pledgeRows.append(pl)
                        for (event, from, to) in [
                            (LedgerEvent.pledge, LedgerAccount.backers, LedgerAccount.pledged), (.authorise, .pledged, .authorised),
                        ] {
                            let r = CrowdfundLedgerRow()
                            r.projectID = p.id!
                            r.pledgeID = pl.id!
                            r.event = event.rawValue
                            r.fromAccount = from.rawValue
                            r.toAccount = to.rawValue
                            r.amountPence = amount
                            r.createdAt = now
                            ledger.append(r)
                        }
                    }
                }
                try await rows.create(on: tx)
                for chunk in pledgeRows.chunked(1000) { try await chunk.create(on: tx) }
                for chunk in ledger.chunked(2000) { try await chunk.create(on: tx) }
            }
        }
        if let sql = db as? any SQLDatabase { try await sql.raw(sql.dialect.name == "postgresql" ? "VACUUM ANALYZE" : "ANALYZE").run() }
        say("Seeded \(projects) projects with \(projects * pledges) card pledges in \(seconds(ContinuousClock.now - started)) s")
    }

    static func seconds(_ d: Duration) -> String { String(format: "%.1f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }

    static func close(_ app: Application, _ say: (String) -> Void) async throws {
        app.crowdfundCardOverride = InstantCard()
        let now = Date()
        var total = Duration.zero
        for (label, at) in [
            ("at the deadline", now), ("first retry, 2 days on", now.addingTimeInterval(2 * 86_400 + 1)),
            ("second retry, 4 days on", now.addingTimeInterval(4 * 86_400 + 2)),
        ] {
            let started = ContinuousClock.now
            let worked = try await CrowdfundCloseJob.sweep(app, now: at)
            let took = ContinuousClock.now - started
            total += took
            say("sweep \(label): \(worked) projects in \(seconds(took)) s")
        }
        say("close total: \(seconds(total)) s")
    }

    /// The same money movements as set-based SQL: every card pledge collected (the ones that decline every time
    /// failed), fees taken, the rest paid out, every project funded. No provider, no retries, no per-pledge checks.
    static func reference(_ db: any Database, _ say: (String) -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let started = ContinuousClock.now
        let now = Date()
        // SQLite: 16 random bytes, as a UUID is stored. Hex text in the id column (numeric affinity) is read as a number
        // when it happens to look like one, and two such ids can collide: one run failed on the primary key that way.
        let id = sql.dialect.name == "postgresql" ? "gen_random_uuid()" : "randomblob(16)"
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            // (event, from, to, amount expression, which pledges)
            let moves: [(String, String, String, String, String)] = [
                ("fail", "authorised", "failed", "amount_pence", "LIKE"), ("collect", "authorised", "collected", "amount_pence", "NOT LIKE"),
                ("fee", "collected", "fees", "20 + amount_pence * 15 / 1000", "NOT LIKE"),
                ("payout", "collected", "paidOut", "amount_pence - (20 + amount_pence * 15 / 1000)", "NOT LIKE"),
            ]
            for (event, from, to, amount, match) in moves {
                try await sql.raw(
                    """
                    INSERT INTO crowdfund_ledger (id, project_id, pledge_id, event, from_account, to_account, amount_pence, created_at)
                    SELECT \(unsafeRaw: id), project_id, id, \(bind: event), \(bind: from), \(bind: to), \(unsafeRaw: amount), \(bind: now)
                    FROM crowdfund_pledges WHERE status = 'authorised' AND provider_method \(unsafeRaw: match) '%-decline'
                    """
                ).run()
            }
            try await sql.raw("UPDATE crowdfund_pledges SET status = 'failed' WHERE status = 'authorised' AND provider_method LIKE '%-decline'").run()
            try await sql.raw("UPDATE crowdfund_pledges SET status = 'paid_out' WHERE status = 'authorised'").run()
            try await sql.raw("UPDATE crowdfund_projects SET stage = 'funded' WHERE stage = 'live'").run()
        }
        say("reference (set-based SQL): \(seconds(ContinuousClock.now - started)) s")
    }

    static func check(_ db: any Database, _ say: (String) -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        struct Sum: Decodable {
            let to_account: String
            let total: Int64
        }
        struct Out: Decodable {
            let from_account: String
            let total: Int64
        }
        let ins = try await sql.raw("SELECT to_account, CAST(SUM(amount_pence) AS BIGINT) AS total FROM crowdfund_ledger GROUP BY to_account").all(
            decoding: Sum.self)
        let outs = try await sql.raw("SELECT from_account, CAST(SUM(amount_pence) AS BIGINT) AS total FROM crowdfund_ledger GROUP BY from_account")
            .all(
                decoding: Out.self)
        var balance: [String: Int64] = [:]
        for s in ins { balance[s.to_account, default: 0] += s.total }
        for s in outs { balance[s.from_account, default: 0] -= s.total }
        let stages = try await CrowdfundProject.query(on: db).all(\.$stage)
        var byStage: [String: Int] = [:]
        for s in stages { byStage[s, default: 0] += 1 }
        say("projects by stage: " + byStage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for account in LedgerAccount.allCases {
            say("  \(account.rawValue): \(MoneyText.pounds(balance[account.rawValue] ?? 0))")
        }
        let sum = balance.values.reduce(0, +)
        say(
            "accounts sum to \(sum) (must be 0); pledged = paid out + fees + failed: \(-(balance["backers"] ?? 0) == (balance["paidOut"] ?? 0) + (balance["fees"] ?? 0) + (balance["failed"] ?? 0))"
        )
    }
}

extension Application {
    private struct CardOverrideKey: StorageKey { typealias Value = any CardProvider }
    /// A card provider used instead of the configured one (the close benchmark's instant provider).
    var crowdfundCardOverride: (any CardProvider)? {
        get { storage[CardOverrideKey.self] }
        set { storage[CardOverrideKey.self] = newValue }
    }
}
