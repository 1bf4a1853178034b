import Vapor
import Fluent
import SQLKit

/// Plain-row reads for the register's hot paths (overlap check, list pages, API output). Decoding Fluent models
/// walks every property with `Mirror`; for the hundreds of candidate activities and thousands of link rows an
/// overlap check reads, that was 40% of a borough-wide check's CPU. These read only the columns needed, with SQLKit,
/// into small structs, in one statement per kind of read.
enum RegisterRows {
    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "The register needs an SQL database") }
        return sql
    }

    /// Ids per statement. Kept small for PostgreSQL's sake: once the estimated cost of reading the links of a few
    /// hundred ids passes its parallel threshold it plans a Gather over parallel sequential or index scans, which on
    /// this 2-core machine is several times slower than the plain index-only scans (links of one borough-wide
    /// check's 741 candidates: 1 statement 27-40 ms, 4 of 200 47-72 ms, parallel either way; 8 of 100 16-25 ms,
    /// no Gather). SQLite is indifferent. Also keeps the binds per statement far below both limits.
    static let chunk = 100

    static func chunks(_ ids: [UUID]) -> [[UUID]] {
        ids.chunked(chunk)
    }
}

/// What one activity is linked to: places (none when borough-wide), themes, audiences (none means everyone) and
/// partner organisations.
struct ActivityLinks: Sendable {
    var places: Set<UUID> = [], themes: Set<UUID> = [], audiences: Set<UUID> = [], partners: Set<UUID> = []

    enum Kind: Int, CaseIterable, Sendable {
        case place, theme, audience, partner
        var table: String {
            switch self {
            case .place: ActivityPlace.schema
            case .theme: ActivityTheme.schema
            case .audience: ActivityAudience.schema
            case .partner: ActivityPartner.schema
            }
        }
        var column: String {
            switch self {
            case .place: "place_id"
            case .theme: "theme_id"
            case .audience: "audience_id"
            case .partner: "organisation_id"
            }
        }
    }

    /// The links of the given kinds for many activities, in one statement per 100 activities (a UNION ALL over
    /// the link tables). Activities without links are absent from the result.
    static func load(_ ids: [UUID], _ kinds: [Kind], _ db: any Database) async throws -> [UUID: ActivityLinks] {
        guard !ids.isEmpty, !kinds.isEmpty else { return [:] }
        let sql = try RegisterRows.sql(db)
        var out: [UUID: ActivityLinks] = [:]
        out.reserveCapacity(ids.count)
        for chunk in RegisterRows.chunks(ids) {
            let parts = kinds.map { k -> SQLQueryString in
                "SELECT \(literal: k.rawValue) AS k, \(ident: "activity_id") AS a, \(ident: k.column) AS v FROM \(ident: k.table) WHERE \(ident: "activity_id") IN \(SQLBind.group(chunk))"
            }
            for row in try await sql.raw(parts.joined(separator: " UNION ALL ")).all() {
                let (activity, value) = (try row.decode(column: "a", as: UUID.self), try row.decode(column: "v", as: UUID.self))
                switch Kind(rawValue: try row.decode(column: "k", as: Int.self)) {
                case .place: out[activity, default: .init()].places.insert(value)
                case .theme: out[activity, default: .init()].themes.insert(value)
                case .audience: out[activity, default: .init()].audiences.insert(value)
                case .partner: out[activity, default: .init()].partners.insert(value)
                case nil: break
                }
            }
        }
        return out
    }
}

/// Display names of places, themes, audiences and organisations by id, read in one statement.
struct RegisterNames: Sendable {
    var places: [UUID: String] = [:], themes: [UUID: String] = [:], audiences: [UUID: String] = [:], organisations: [UUID: String] = [:]

    static func load(
        places: Set<UUID> = [], themes: Set<UUID> = [], audiences: Set<UUID> = [], organisations: Set<UUID> = [],
        _ db: any Database
    ) async throws -> RegisterNames {
        let wanted: [(Int, String, Set<UUID>)] = [
            (0, Place.schema, places), (1, Theme.schema, themes), (2, Audience.schema, audiences),
            (3, Organisation.schema, organisations),
        ].filter { !$0.2.isEmpty }
        var out = RegisterNames()
        guard !wanted.isEmpty else { return out }
        let sql = try RegisterRows.sql(db)
        // Names are looked up for one page of activities at a time, so the lists stay short; chunk anyway.
        let batches = wanted.flatMap { k, table, ids in RegisterRows.chunks(Array(ids)).map { (k, table, $0) } }
        var rows: [any SQLRow] = []
        for group in batches.chunked(4) {
            let parts = group.map { k, table, ids -> SQLQueryString in
                "SELECT \(literal: k) AS k, \(ident: "id") AS id, \(ident: "name") AS name FROM \(ident: table) WHERE \(ident: "id") IN \(SQLBind.group(ids))"
            }
            rows += try await sql.raw(parts.joined(separator: " UNION ALL ")).all()
        }
        for row in rows {
            let (id, name) = (try row.decode(column: "id", as: UUID.self), try row.decode(column: "name", as: String.self))
            switch try row.decode(column: "k", as: Int.self) {
            case 0: out.places[id] = name
            case 1: out.themes[id] = name
            case 2: out.audiences[id] = name
            default: out.organisations[id] = name
            }
        }
        return out
    }
}
