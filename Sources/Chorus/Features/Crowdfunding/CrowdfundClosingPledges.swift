import Fluent
import Foundation
import SQLKit

/// What the close job reads and changes of a pledge: plain values, read and written with SQLKit. Decoding each of a
/// close's pledges into a Fluent model (whose fields are found by reflection) was a fifth of the close bench's time
/// (perf, 100 projects x 200 pledges, release build).
struct ClosingPledge: Decodable, Sendable {
    let id: UUID
    let projectId: UUID
    let method: String
    var status: String
    let amountPence: Int64
    var attempts: Int
    var nextAttemptAt: Date?
    var lastError: String?
    let providerCustomer: String?
    let providerMethod: String?
    var providerPayment: String?

    // Spelled out: SQLKit's snake-case conversion, run for every column of every row, was 15% of the close bench.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, method, status, attempts
        case projectId = "project_id", amountPence = "amount_pence", nextAttemptAt = "next_attempt_at", lastError = "last_error"
        case providerCustomer = "provider_customer", providerMethod = "provider_method", providerPayment = "provider_payment"
    }

    var methodValue: PledgeMethod { PledgeMethod(rawValue: method) ?? .offline }
    var statusValue: PledgeStatus { PledgeStatus(rawValue: status) ?? .pledged }

    /// What the provider is asked to collect or refund.
    func charge(attempt: Int, payment: String? = nil) -> PledgeCharge {
        PledgeCharge(
            pledge: id, amountPence: amountPence, attempt: attempt, customer: providerCustomer, paymentMethod: providerMethod,
            payment: payment ?? providerPayment)
    }
}

enum ClosingPledges {
    private static let columns = ClosingPledge.CodingKeys.allCases.map(\.rawValue)

    /// The pledges `filter` picks.
    static func read(_ db: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [ClosingPledge] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await filter(sql.select().columns(columns).from(CrowdfundPledge.schema)).all(decoding: ClosingPledge.self)
    }

    /// Of these projects, those with a pledge still waiting: a card to be charged or for its webhook, or (in the
    /// projects `offlineOpen`) an offline promise for the money.
    static func pending(_ projects: [UUID], offlineOpen: Set<UUID>, _ db: any Database) async throws -> Set<UUID> {
        guard let sql = db as? any SQLDatabase, !projects.isEmpty else { return [] }
        struct Row: Decodable { let project_id: UUID }
        var out = Set<UUID>()
        for chunk in projects.chunked(500) {
            let cards = try await sql.select().distinct().column("project_id").from(CrowdfundPledge.schema).where("project_id", .in, chunk)
                .where("method", .equal, PledgeMethod.card.rawValue).where("status", .in, [PledgeStatus.authorised, .charging].map(\.rawValue))
                .all(decoding: Row.self)
            out.formUnion(cards.map(\.project_id))
            let open = chunk.filter { offlineOpen.contains($0) }
            guard !open.isEmpty else { continue }
            let offline = try await sql.select().distinct().column("project_id").from(CrowdfundPledge.schema).where("project_id", .in, open)
                .where("method", .equal, PledgeMethod.offline.rawValue).where("status", .equal, PledgeStatus.pledged.rawValue)
                .all(decoding: Row.self)
            out.formUnion(offline.map(\.project_id))
        }
        return out
    }

    /// Saves pledges' new states: one statement for each group that shares status, tries, next try, last error and
    /// payment reference (so a project's 200 collected pledges are one update).
    static func save(_ pledges: [ClosingPledge], now: Date, _ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        struct Key: Hashable {
            let status: String
            let attempts: Int
            let next: Date?
            let error: String?
            let payment: String?
        }
        let groups = Dictionary(grouping: pledges) {
            Key(status: $0.status, attempts: $0.attempts, next: $0.nextAttemptAt, error: $0.lastError, payment: $0.providerPayment)
        }
        for (key, members) in groups {
            for chunk in members.map(\.id).chunked(500) {
                try await sql.update(CrowdfundPledge.schema).set("status", to: SQLBind(key.status)).set("attempts", to: SQLBind(key.attempts))
                    .set("next_attempt_at", to: SQLBind(key.next)).set("last_error", to: SQLBind(key.error))
                    .set("provider_payment", to: SQLBind(key.payment)).set("updated_at", to: SQLBind(now)).where("id", .in, chunk).run()
            }
        }
    }
}
