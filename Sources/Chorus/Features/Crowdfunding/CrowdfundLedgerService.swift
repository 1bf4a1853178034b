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

    /// Writes entries, each with its own reference, in multi-row inserts.
    static func write(_ entries: [(LedgerEntry, String?)], project: UUID, now: Date, _ db: any Database) async throws {
        let rows = entries.map { e, reference in
            let row = CrowdfundLedgerRow()
            row.projectID = project
            row.pledgeID = e.pledge
            row.event = e.event.rawValue
            row.fromAccount = e.from.rawValue
            row.toAccount = e.to.rawValue
            row.amountPence = e.amount
            row.reference = reference
            row.createdAt = now
            return row
        }
        for chunk in rows.chunked(500) { try await chunk.create(on: db) }
    }

    static func ledger(of pledges: [UUID], _ db: any Database) async throws -> CrowdfundLedger {
        guard !pledges.isEmpty else { return CrowdfundLedger() }
        var entries: [LedgerEntry] = []
        for chunk in pledges.chunked(500) { entries += try await read(db) { $0.where("pledge_id", .in, chunk) }.map(\.entry) }
        return CrowdfundLedger(entries)
    }

    /// One ledger row as read for sums: plain values decoded by SQLKit. Decoding each row into a Fluent model was 42% of
    /// the close bench's time (perf, 100 projects x 200 pledges); balances need no model.
    private struct Row: Decodable {
        let project_id: UUID
        let pledge_id: UUID
        let event: String
        let from_account: String
        let to_account: String
        let amount_pence: Int64
        var entry: LedgerEntry? {
            guard let e = LedgerEvent(rawValue: event), let f = LedgerAccount(rawValue: from_account), let t = LedgerAccount(rawValue: to_account)
            else { return nil }
            return LedgerEntry(pledge: pledge_id, event: e, from: f, to: t, amount: amount_pence)
        }
    }

    /// The entries of the rows `filter` picks, each with its project.
    private static func read(_ db: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [(
        project: UUID, entry: LedgerEntry
    )] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let query = sql.select().columns("project_id", "pledge_id", "event", "from_account", "to_account", "amount_pence").from(
            CrowdfundLedgerRow.schema)
        return try await filter(query).all(decoding: Row.self).compactMap { row in row.entry.map { (row.project_id, $0) } }
    }

    /// A project's totals, split into the crowd's pledges and the match funds'.
    struct ProjectTotals: Sendable, Equatable {
        var crowd: LedgerTotals
        var match: LedgerTotals
        /// What counts towards the target now: the crowd's and the funds' standing pledges.
        var standing: Int64 { crowd.standing + match.standing }
    }

    static func totals(of projects: [UUID], _ db: any Database) async throws -> [UUID: ProjectTotals] {
        guard !projects.isEmpty else { return [:] }
        var out: [UUID: ProjectTotals] = [:]
        for chunk in projects.chunked(200) {
            let funds = Set(
                try await CrowdfundPledge.query(on: db).filter(\.$projectID ~~ chunk).filter(\.$method == PledgeMethod.fund.rawValue).all(\.$id)
                    .compactMap { $0 })
            let byProject = Dictionary(grouping: try await read(db) { $0.where("project_id", .in, chunk) }, by: \.project)
            for p in chunk {
                let entries = (byProject[p] ?? []).map(\.entry)
                out[p] = ProjectTotals(
                    crowd: LedgerTotals(entries.filter { !funds.contains($0.pledge) }),
                    match: LedgerTotals(entries.filter { funds.contains($0.pledge) }))
            }
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
