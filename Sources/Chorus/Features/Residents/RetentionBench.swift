import Vapor
import Fluent
import SQLKit
import ChorusCore

/// The retention benchmark's steps (`bench/run_retention_bench.sh`, bench/README.md "Retention"):
///
/// - `chorus retention-bench seed --residents 200000` adds residents with their records over the demo (run
///   `seed-demo` and `seed-bench --insights N --years 2` first, so insights' contact addresses span two years);
/// - `chorus retention-bench count` prints the records of each kind the retention job looks at, and how many are due;
/// - `chorus retention-bench run` runs one pass of the real job (`RetentionService.run`) and prints what it removed,
///   its wall time and the longest time it held the write gate;
/// - `chorus retention-bench by-kind` runs each feature's `expire` in the same order with a gate timer of its own, to
///   say which kind holds the gate longest (on a copy: it removes the same records);
/// - `chorus retention-bench reference` does the same removals as plain SQL, one statement per kind (the account's
///   erasure as one statement per table, in one transaction), timed: what an unbatched pass would hold the writer for.
///
/// `--json FILE` writes the figures for the script's side-by-side table. Synthetic and deterministic for a given
/// count: resident k's address is `resident{9k}@example.com`, the address `seed-bench` gives insight 9k's contact.
struct RetentionBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "step", help: "seed | count | run | by-kind | reference") var step: String
        @Option(name: "residents", help: "seed: how many residents to add (default 200000)") var residents: Int?
        @Option(name: "json", help: "Write the figures to this file as JSON") var json: String?
    }
    var help: String { "Retention benchmark steps: seed residents, count, run the retention job, or its plain-SQL reference." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateUnderLock()
        guard let sql = app.db as? any SQLDatabase else { throw CommandFailure(message: "needs an SQL database") }
        let say: (String) -> Void = { context.console.print($0) }
        var figures: [String: Any] = ["step": signature.step, "database": sql.dialect.name]
        switch signature.step {
        case "seed":
            let n = signature.residents ?? 200_000
            let seconds = try await RetentionBench.seed(residents: n, now: Date(), db: app.db, log: say)
            say("Added \(n) residents with their records in \(String(format: "%.1f", seconds)) s")
            let analyse = Date()
            try await sql.raw(sql.dialect.name == "postgresql" ? "VACUUM ANALYZE" : "ANALYZE").run()
            say("Analysed in \(String(format: "%.1f", Date().timeIntervalSince(analyse))) s")
        case "count":
            let counts = try await RetentionBench.count(now: Date(), app.db, sql)
            say(RetentionBench.pad("kind") + RetentionBench.pad("records", 12, left: true) + RetentionBench.pad("due now", 12, left: true))
            for c in counts {
                say(RetentionBench.pad(c.kind) + RetentionBench.pad("\(c.total)", 12, left: true) + RetentionBench.pad("\(c.due)", 12, left: true))
            }
            figures["kinds"] = counts.map { ["kind": $0.kind, "records": $0.total, "due": $0.due] }
        case "run":
            let started = ContinuousClock.now
            let outcome = try await RetentionService.run(now: Date(), db: app.db, gate: app.writeGate)
            let wall = (ContinuousClock.now - started).inSeconds
            for (kind, n) in outcome.removed.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                say("removed " + RetentionBench.pad(kind.rawValue) + RetentionBench.pad("\(n)", 10, left: true))
            }
            say(String(format: "retention pass: %.2f s wall, longest write-gate hold %.1f ms", wall, outcome.longestBatch * 1000))
            figures["removed"] = Dictionary(uniqueKeysWithValues: outcome.removed.map { ($0.key.rawValue, $0.value) })
            figures["wall"] = wall
            figures["longest_hold"] = outcome.longestBatch
            // The holds' distribution, and where the slow ones were: one slow commit or a slow kind.
            let sorted = outcome.holds.map(\.seconds).sorted()
            func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
            let slow = outcome.holds.enumerated().filter { $0.element.seconds > 0.1 }
            say(
                String(
                    format: "batches %d: hold p50 %.1f ms, p95 %.1f, p99 %.1f, max %.1f; over 100 ms: %d", sorted.count, pct(0.5) * 1000,
                    pct(0.95) * 1000, pct(0.99) * 1000, (sorted.last ?? 0) * 1000, slow.count))
            for (n, h) in slow { say(String(format: "  batch %d (%@): %.1f ms", n + 1, h.kind, h.seconds * 1000)) }
            var kindsInOrder: [String] = []
            for h in outcome.holds where kindsInOrder.last != h.kind { kindsInOrder.append(h.kind) }
            for kind in kindsInOrder {
                let mine = outcome.holds.enumerated().filter { $0.element.kind == kind }
                guard let first = mine.first, let last = mine.last else { continue }
                say(
                    String(
                        format: "  %@: batches %d-%d, first hold %.1f ms, longest %.1f ms", kind, first.offset + 1, last.offset + 1,
                        first.element.seconds * 1000, (mine.map(\.element.seconds).max() ?? 0) * 1000))
            }
            figures["holds"] = [
                "batches": sorted.count, "p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99),
                "over_100ms": slow.map { ["batch": $0.offset + 1, "kind": $0.element.kind, "seconds": $0.element.seconds] },
            ]
        case "by-kind":
            var kinds: [[String: Any]] = []
            let schedule = try await RetentionService.schedule(app.db)
            let now = Date()
            for d in PersonalDataRegistry.declarations() {
                guard let expire = d.expire else { continue }
                let pass = RetentionPass(schedule: schedule, now: now, db: app.db, gate: TimedGate(app.writeGate))
                let started = ContinuousClock.now
                let n = try await expire(pass)
                let wall = (ContinuousClock.now - started).inSeconds
                say(
                    RetentionBench.pad(d.kind.rawValue)
                        + String(
                            format: " removed %8d  batches %5d  wall %7.2f s  longest hold %7.1f ms", n, n / RetentionPass.batchSize + 1, wall,
                            pass.gate.longest * 1000))
                kinds.append(["kind": d.kind.rawValue, "removed": n, "wall": wall, "longest_hold": pass.gate.longest])
            }
            figures["kinds"] = kinds
        case "reference":
            let rows = try await RetentionBench.reference(now: Date(), app.db, sql, log: say)
            figures["kinds"] = rows.map { ["kind": $0.kind, "removed": $0.removed, "seconds": $0.seconds] }
            figures["wall"] = rows.map(\.seconds).reduce(0, +)
        default:
            throw CommandFailure(message: "step must be seed, count, run, by-kind or reference (got \(signature.step))")
        }
        if let path = signature.json {
            let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path))
        }
    }
}

enum RetentionBench {
    static let accountYears = 3

    /// A column of the printed tables.
    static func pad(_ s: String, _ width: Int = 18, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }

    /// Adds `n` residents, 500 at a time, with: last active spread evenly over the last three years (so a third are
    /// past the default 730 days); one email in twenty missing (registered by staff, with a phone instead); a sign-in
    /// code each (asked over the last 30 days); equality answers for every other resident, given when the account was
    /// made; two consents each, one in four of the second withdrawn 0–8 years ago; two outbox emails each (queued over
    /// the last 365 days, one in fifty still pending). Sign-in codes and outbox emails are written oldest first, as a
    /// server writes them (each when it is asked for or queued), so the table's order is their time order: the job
    /// deletes the oldest, and with the times shuffled every deleted row would sit on a page of its own
    /// (bench/README.md, "Retention"). Returns the seconds taken.
    static func seed(residents n: Int, now: Date, db: any Database, log: (String) -> Void) async throws -> Double {
        let day = 86_400.0
        let started = Date()
        let batch = 500
        for offset in stride(from: 0, to: n, by: batch) {
            var residents: [SQLQueryString] = [], codes: [SQLQueryString] = [], equality: [SQLQueryString] = []
            var consents: [SQLQueryString] = [], outbox: [SQLQueryString] = []
            for k in offset..<min(n, offset + batch) {
                let id = UUID()
                let lastActive = now.addingTimeInterval(-Double(accountYears) * 365 * day * Double(k) / Double(n) - 60)
                let created = lastActive.addingTimeInterval(-30 * day)
                let email: String? = k % 20 == 19 ? nil : "resident\(9 * k)@example.com"
                let language = k % 5 == 0 ? "ur" : "en"
                residents.append(
                    "(\(bind: id), \(bind: "RB-\(k)"), \(bind: email), \(bind: k % 3 == 0 ? "Resident \(k)" : nil), \(bind: email == nil ? "07700 9\(String(format: "%05d", k % 100_000))" : nil), \(bind: language), \(bind: email == nil), \(bind: created), \(bind: lastActive))"
                )
                if let email {
                    let asked = now.addingTimeInterval(-30 * day * Double(n - k) / Double(n) - 3600)
                    codes.append(
                        "(\(bind: UUID()), \(bind: email), \(bind: "code-hash-\(k)"), \(bind: "link-hash-\(k)"), \(bind: "198.51.100.\(k % 250)"), \(bind: language), \(bind: 0), \(bind: asked), \(bind: k % 2 == 0 ? asked.addingTimeInterval(60) : nil))"
                    )
                    for j in 0..<2 {
                        let queued = now.addingTimeInterval(-365 * day * Double(2 * (n - k) - j) / Double(2 * n) - 3600)
                        let pending = j == 0 && k % 50 == 0
                        outbox.append(
                            "(\(bind: UUID()), \(bind: email), \(bind: j == 0 ? "Your sign-in code" : "News from your ward"), \(bind: "Synthetic email \(k)-\(j) for the retention benchmark."), \(bind: j == 0 ? "resident_sign_in" : "update"), \(bind: UUID()), \(bind: "https://chorus.example/unsubscribe/\(k)"), \(bind: pending ? "pending" : "sent"), \(bind: pending ? 0 : 1), \(bind: queued), \(bind: pending ? nil : queued), \(bind: queued))"
                        )
                    }
                }
                if k % 2 == 0 {
                    equality.append("(\(bind: UUID()), \(bind: id), \(bind: #"{"age":"35-49","sex":"prefer_not"}"#), \(bind: created))")
                }
                for j in 0..<2 {
                    let withdrawn: Date? = j == 1 && k % 4 == 1 ? now.addingTimeInterval(-Double(k % 2920) * day - 3600) : nil
                    let given = min(created, (withdrawn ?? created).addingTimeInterval(-day))
                    consents.append(
                        "(\(bind: UUID()), \(bind: id), \(bind: j == 0 ? "account" : "updates"), \(bind: 1), \(bind: "Synthetic consent wording for the retention benchmark."), \(bind: language), \(bind: "web"), \(bind: given), \(bind: withdrawn))"
                    )
                }
            }
            var statements: [SQLQueryString] = [
                "INSERT INTO residents (id, reference, email, display_name, phone, language, assisted, created_at, last_active_at) VALUES \(residents.joined(separator: ", "))",
                "INSERT INTO consent_records (id, resident_id, purpose, version, wording, language, channel, given_at, withdrawn_at) VALUES \(consents.joined(separator: ", "))",
            ]
            if !codes.isEmpty {
                statements.append(
                    "INSERT INTO resident_sign_in_codes (id, email, code_hash, link_hash, client_address, language, attempts, created_at, used_at) VALUES \(codes.joined(separator: ", "))"
                )
                statements.append(
                    "INSERT INTO email_outbox (id, to_address, subject, body, kind, reference_id, unsubscribe_url, status, attempts, next_attempt_at, sent_at, created_at) VALUES \(outbox.joined(separator: ", "))"
                )
            }
            if !equality.isEmpty {
                statements.append("INSERT INTO resident_equality (id, resident_id, answers, answered_at) VALUES \(equality.joined(separator: ", "))")
            }
            let all = statements
            try await db.transaction { tx in
                guard let tx = tx as? any SQLDatabase else { return }
                for s in all { try await tx.raw(s).run() }
            }
            let done = min(n, offset + batch)
            if done % 50_000 == 0 || done == n { log("  \(done) residents, \(String(format: "%.0f", Date().timeIntervalSince(started))) s") }
        }
        return Date().timeIntervalSince(started)
    }

    struct Count {
        let kind: String
        let total: Int
        let due: Int
    }

    /// The records of each kind the retention job looks at (`records`) and those past their period now (`due`), by the
    /// same conditions as each feature's `expire`.
    static func count(now: Date, _ db: any Database, _ sql: any SQLDatabase) async throws -> [Count] {
        let s = try await RetentionService.schedule(db)
        func n(_ q: SQLQueryString) async throws -> Int { try await sql.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0 }
        let contactCutoff = Day(s.cutoff(for: .insightContacts, now: now)).ordinal
        return [
            Count(
                kind: PersonalDataKind.insightContacts.rawValue,
                total: try await n("SELECT COUNT(*) AS n FROM insights WHERE contact_email IS NOT NULL"),
                due: try await n("SELECT COUNT(*) AS n FROM insights WHERE contact_email IS NOT NULL AND heard_day < \(bind: contactCutoff)")),
            Count(
                kind: PersonalDataKind.outboxAddresses.rawValue, total: try await n("SELECT COUNT(*) AS n FROM email_outbox"),
                due: try await n(
                    "SELECT COUNT(*) AS n FROM email_outbox WHERE status IN ('sent', 'failed', 'cancelled') AND created_at < \(bind: s.cutoff(for: .outboxAddresses, now: now))"
                )),
            Count(
                kind: PersonalDataKind.signInCodes.rawValue, total: try await n("SELECT COUNT(*) AS n FROM resident_sign_in_codes"),
                due: try await n("SELECT COUNT(*) AS n FROM resident_sign_in_codes WHERE created_at < \(bind: s.cutoff(for: .signInCodes, now: now))")
            ),
            Count(
                kind: PersonalDataKind.equalityAnswers.rawValue, total: try await n("SELECT COUNT(*) AS n FROM resident_equality"),
                due: try await n("SELECT COUNT(*) AS n FROM resident_equality WHERE answered_at < \(bind: s.cutoff(for: .equalityAnswers, now: now))")
            ),
            Count(
                kind: PersonalDataKind.consentRecords.rawValue, total: try await n("SELECT COUNT(*) AS n FROM consent_records"),
                due: try await n("SELECT COUNT(*) AS n FROM consent_records WHERE withdrawn_at < \(bind: s.cutoff(for: .consentRecords, now: now))")),
            Count(
                kind: PersonalDataKind.account.rawValue, total: try await n("SELECT COUNT(*) AS n FROM residents"),
                due: try await n("SELECT COUNT(*) AS n FROM residents WHERE last_active_at < \(bind: s.cutoff(for: .account, now: now))")),
        ]
    }

    struct Reference {
        let kind: String
        let removed: Int
        let seconds: Double
    }

    /// The same removals as the retention job, in the same order, as plain SQL: one statement per kind, and for
    /// accounts the erasure every feature declares done as one statement per table over all due residents, in one
    /// transaction. Each kind is timed from its first statement to its commit (on SQLite the writer is held that long).
    static func reference(now: Date, _ db: any Database, _ sql: any SQLDatabase, log: (String) -> Void) async throws -> [Reference] {
        let s = try await RetentionService.schedule(db)
        func n(_ q: SQLQueryString) async throws -> Int { try await sql.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0 }
        let contactCutoff = Day(s.cutoff(for: .insightContacts, now: now)).ordinal
        let outboxCutoff = s.cutoff(for: .outboxAddresses, now: now)
        let codesCutoff = s.cutoff(for: .signInCodes, now: now)
        let equalityCutoff = s.cutoff(for: .equalityAnswers, now: now)
        let consentCutoff = s.cutoff(for: .consentRecords, now: now)
        let accountCutoff = s.cutoff(for: .account, now: now)
        let dueIDs: SQLQueryString = "SELECT id FROM residents WHERE last_active_at < \(bind: accountCutoff)"
        let dueEmails: SQLQueryString = "SELECT email FROM residents WHERE last_active_at < \(bind: accountCutoff) AND email IS NOT NULL"
        // (kind, count of what it removes, statements)
        let plans: [PersonalDataKind: (SQLQueryString, [SQLQueryString])] = [
            .insightContacts: (
                "SELECT COUNT(*) AS n FROM insights WHERE contact_email IS NOT NULL AND heard_day < \(bind: contactCutoff)",
                [
                    "UPDATE insights SET contact_email = NULL, feedback_opt_in = \(bind: false) WHERE contact_email IS NOT NULL AND heard_day < \(bind: contactCutoff)"
                ]
            ),
            .outboxAddresses: (
                "SELECT COUNT(*) AS n FROM email_outbox WHERE status IN ('sent', 'failed', 'cancelled') AND created_at < \(bind: outboxCutoff)",
                ["DELETE FROM email_outbox WHERE status IN ('sent', 'failed', 'cancelled') AND created_at < \(bind: outboxCutoff)"]
            ),
            .signInCodes: (
                "SELECT COUNT(*) AS n FROM resident_sign_in_codes WHERE created_at < \(bind: codesCutoff)",
                ["DELETE FROM resident_sign_in_codes WHERE created_at < \(bind: codesCutoff)"]
            ),
            .equalityAnswers: (
                "SELECT COUNT(*) AS n FROM resident_equality WHERE answered_at < \(bind: equalityCutoff)",
                ["DELETE FROM resident_equality WHERE answered_at < \(bind: equalityCutoff)"]
            ),
            .consentRecords: (
                "SELECT COUNT(*) AS n FROM consent_records WHERE withdrawn_at < \(bind: consentCutoff)",
                ["DELETE FROM consent_records WHERE withdrawn_at < \(bind: consentCutoff)"]
            ),
            .account: (
                "SELECT COUNT(*) AS n FROM residents WHERE last_active_at < \(bind: accountCutoff)",
                [
                    "UPDATE insights SET contact_email = NULL, feedback_opt_in = \(bind: false), original_text = NULL WHERE contact_email IN (\(dueEmails))",
                    "DELETE FROM email_outbox WHERE to_address IN (\(dueEmails))",
                    "DELETE FROM email_unsubscribes WHERE email IN (\(dueEmails))",
                    "DELETE FROM update_subscriptions WHERE email IN (\(dueEmails))",
                    "DELETE FROM resident_sign_in_codes WHERE email IN (\(dueEmails))",
                    "DELETE FROM resident_equality WHERE resident_id IN (\(dueIDs))",
                    "DELETE FROM consent_records WHERE resident_id IN (\(dueIDs))",
                    "UPDATE data_requests SET resident_id = NULL, email = NULL, requester = '(erased)' WHERE resident_id IN (\(dueIDs)) OR email IN (\(dueEmails))",
                    "DELETE FROM resident_sessions WHERE resident_id IN (\(dueIDs))",
                    "DELETE FROM residents WHERE last_active_at < \(bind: accountCutoff)",
                ]
            ),
        ]
        var out: [Reference] = []
        var seen: Set<PersonalDataKind> = []
        for d in PersonalDataRegistry.declarations() where d.expire != nil && seen.insert(d.kind).inserted {
            guard let (counting, statements) = plans[d.kind] else {
                log(pad(d.kind.rawValue) + " no plain-SQL reference (a kind this benchmark does not know yet)")
                continue
            }
            let removed = try await n(counting)
            let started = ContinuousClock.now
            try await db.transaction { tx in
                guard let tx = tx as? any SQLDatabase else { return }
                for statement in statements { try await tx.raw(statement).run() }
            }
            let seconds = (ContinuousClock.now - started).inSeconds
            log(
                pad(d.kind.rawValue)
                    + String(format: " removed %8d  one transaction of %2d statement(s): %8.1f ms", removed, statements.count, seconds * 1000))
            out.append(Reference(kind: d.kind.rawValue, removed: removed, seconds: seconds))
        }
        return out
    }
}
