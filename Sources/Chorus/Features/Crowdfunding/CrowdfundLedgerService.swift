import Fluent
import SQLKit
import Foundation
import ChorusCore

/// The crowdfunding ledger as stored: every movement of a pledge's money is written here by `post`, which checks it
/// against what the pledge holds (`CrowdfundLedger`), and every total any page shows is summed from these rows.
enum CrowdfundLedgerService {
    /// Writes the movement of `amount` of `pledge`'s money for `event`; refused (and nothing written) when the pledge does
    /// not hold it. Call inside the transaction that changes the pledge's status.
    @discardableResult
    static func post(
        _ event: LedgerEvent, _ pledge: CrowdfundPledge, amount: Int64, reference: String? = nil, now: Date = Date(), on db: any Database
    ) async throws -> [LedgerEntry] {
        let ledger = try await ledger(of: [pledge.id!], db)
        let entries = try ledger.entries(for: event, pledge: pledge.id!, amount: amount)
        try await write(entries, project: pledge.projectID, reference: reference, now: now, db)
        return entries
    }

    /// Moves everything the pledge holds in the event's source accounts; nothing when it holds nothing there.
    @discardableResult
    static func postAll(_ event: LedgerEvent, _ pledge: CrowdfundPledge, reference: String? = nil, now: Date = Date(), on db: any Database)
        async throws -> Int64
    {
        var ledger = try await ledger(of: [pledge.id!], db)
        let entries = ledger.postAll(event, pledge: pledge.id!)
        try await write(entries, project: pledge.projectID, reference: reference, now: now, db)
        return entries.reduce(0) { $0 + $1.amount }
    }

    static func write(_ entries: [LedgerEntry], project: UUID, reference: String?, now: Date, _ db: any Database) async throws {
        try await write(entries.map { ($0, reference) }, project: project, now: now, db)
    }

    /// Writes entries of pledges of several projects, each entry under its pledge's project.
    static func write(_ entries: [(LedgerEntry, String?)], projects pledges: [ClosingPledge], now: Date, _ db: any Database) async throws {
        let project = Dictionary(pledges.map { ($0.id, $0.projectId) }, uniquingKeysWith: { a, _ in a })
        for (id, group) in Dictionary(grouping: entries, by: { project[$0.0.pledge] }) {
            guard let id else { continue }
            try await write(group, project: id, now: now, db)
        }
    }

    /// Writes entries, each with its own reference, in multi-row inserts (SQLKit: a Fluent model per row cost the close
    /// bench a sixth of its time in reflection), with time-ordered ids (`TimeOrderedID`) so each lands at the end of the
    /// primary-key index.
    static func write(_ entries: [(LedgerEntry, String?)], project: UUID, now: Date, _ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, !entries.isEmpty else { return }
        for chunk in entries.chunked(500) {
            var insert = sql.insert(into: CrowdfundLedgerRow.schema).columns(
                "id", "project_id", "pledge_id", "event", "from_account", "to_account", "amount_pence", "reference", "created_at")
            for (e, reference) in chunk {
                insert = insert.values(
                    SQLBind(TimeOrderedID.make()), SQLBind(project), SQLBind(e.pledge), SQLBind(e.event.rawValue), SQLBind(e.from.rawValue),
                    SQLBind(e.to.rawValue), SQLBind(e.amount), SQLBind(reference), SQLBind(now))
            }
            try await insert.run()
        }
    }

    /// The entries of these pledges, to check new movements against what each holds. Read with SQLKit into plain
    /// values: decoding each row into a Fluent model was 42% of the close bench's time (perf, 100 projects x 200 pledges).
    static func ledger(of pledges: [UUID], _ db: any Database) async throws -> CrowdfundLedger {
        guard let sql = db as? any SQLDatabase, !pledges.isEmpty else { return CrowdfundLedger() }
        struct Row: Decodable {
            let pledge_id: UUID
            let event: String
            let from_account: String
            let to_account: String
            let amount_pence: Int64
        }
        var entries: [LedgerEntry] = []
        for chunk in pledges.chunked(500) {
            let rows = try await sql.select().columns("pledge_id", "event", "from_account", "to_account", "amount_pence")
                .from(CrowdfundLedgerRow.schema).where("pledge_id", .in, chunk).all(decoding: Row.self)
            entries += rows.compactMap { r in
                guard let e = LedgerEvent(rawValue: r.event), let f = LedgerAccount(rawValue: r.from_account),
                    let t = LedgerAccount(rawValue: r.to_account)
                else { return nil }
                return LedgerEntry(pledge: r.pledge_id, event: e, from: f, to: t, amount: r.amount_pence)
            }
        }
        return CrowdfundLedger(entries)
    }

    /// Each pledge's reference on its `event` entry (the provider's payment on a collection: the charge to refund).
    static func references(of pledges: [UUID], event: LedgerEvent, _ db: any Database) async throws -> [UUID: String] {
        guard let sql = db as? any SQLDatabase, !pledges.isEmpty else { return [:] }
        struct Row: Decodable {
            let pledge_id: UUID
            let reference: String?
        }
        var out: [UUID: String] = [:]
        for chunk in pledges.chunked(500) {
            let rows = try await sql.select().columns("pledge_id", "reference").from(CrowdfundLedgerRow.schema).where("pledge_id", .in, chunk)
                .where("event", .equal, event.rawValue).all(decoding: Row.self)
            for r in rows { if let reference = r.reference, out[r.pledge_id] == nil { out[r.pledge_id] = reference } }
        }
        return out
    }

    /// A project's totals, split into the crowd's pledges and the match funds'.
    struct ProjectTotals: Sendable, Equatable {
        var crowd: LedgerTotals
        var match: LedgerTotals
        /// What counts towards the target now: the crowd's and the funds' standing pledges.
        var standing: Int64 { crowd.standing + match.standing }
    }

    /// Each project's totals, summed by the database per account (what flowed in minus what flowed out), split by
    /// whether the pledge is a match fund's.
    static func totals(of projects: [UUID], _ db: any Database) async throws -> [UUID: ProjectTotals] {
        guard let sql = db as? any SQLDatabase, !projects.isEmpty else { return [:] }
        struct Sum: Decodable {
            let project_id: UUID
            let method: String
            let account: String
            let amount: Int64
        }
        var balances: [UUID: (crowd: [LedgerAccount: Int64], match: [LedgerAccount: Int64])] = [:]
        for chunk in projects.chunked(200) {
            let sums = try await sql.raw(
                """
                SELECT l.project_id, p.method, l.to_account AS account, CAST(SUM(l.amount_pence) AS BIGINT) AS amount
                FROM \(ident: CrowdfundLedgerRow.schema) l JOIN \(ident: CrowdfundPledge.schema) p ON p.id = l.pledge_id
                WHERE l.project_id IN (\(binds: chunk)) GROUP BY l.project_id, p.method, l.to_account
                UNION ALL
                SELECT l.project_id, p.method, l.from_account AS account, CAST(-SUM(l.amount_pence) AS BIGINT) AS amount
                FROM \(ident: CrowdfundLedgerRow.schema) l JOIN \(ident: CrowdfundPledge.schema) p ON p.id = l.pledge_id
                WHERE l.project_id IN (\(binds: chunk)) GROUP BY l.project_id, p.method, l.from_account
                """
            ).all(decoding: Sum.self)
            for s in sums {
                guard let account = LedgerAccount(rawValue: s.account) else { continue }
                if s.method == PledgeMethod.fund.rawValue {
                    balances[s.project_id, default: ([:], [:])].match[account, default: 0] += s.amount
                } else {
                    balances[s.project_id, default: ([:], [:])].crowd[account, default: 0] += s.amount
                }
            }
        }
        var out: [UUID: ProjectTotals] = [:]
        for p in projects {
            let b = balances[p] ?? ([:], [:])
            out[p] = ProjectTotals(crowd: LedgerTotals(balances: b.crowd), match: LedgerTotals(balances: b.match))
        }
        return out
    }

    static func totals(of project: UUID, _ db: any Database) async throws -> ProjectTotals {
        try await totals(of: [project], db)[project] ?? ProjectTotals(crowd: LedgerTotals([]), match: LedgerTotals([]))
    }

    /// The finance export: one line per ledger entry, oldest first, with the project and pledge it belongs to.
    static func csv(projects: [CrowdfundProject], _ db: any Database) async throws -> String {
        let titles = Dictionary(projects.map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
        let rows = try await CrowdfundLedgerRow.query(on: db).filter(\.$projectID ~~ Array(titles.keys)).sort(\.$createdAt).all()
        let pledges = Dictionary(
            try await CrowdfundPledge.query(on: db).filter(\.$projectID ~~ Array(titles.keys)).all().map { ($0.id!, $0) },
            uniquingKeysWith: { a, _ in a })
        var lines: [[String]] = [["time", "project", "project_id", "pledge_id", "method", "event", "from", "to", "amount", "reference"]]
        for r in rows {
            lines.append([
                ISOTime.string(r.createdAt), titles[r.projectID] ?? "", r.projectID.uuidString, r.pledgeID.uuidString,
                pledges[r.pledgeID]?.method ?? "", r.event, r.fromAccount, r.toAccount, MoneyText.decimal(r.amountPence), r.reference ?? "",
            ])
        }
        return CSV.write(header: lines[0], rows: Array(lines.dropFirst()))
    }
}
