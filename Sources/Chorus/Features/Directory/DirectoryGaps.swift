import Foundation
import Fluent
import ChorusCore

/// The coverage page's model: each ward's groups, connectors and venues per 1,000 residents against this quarter's
/// asks (the register's fatigue index), judged by `DirectoryCoverage`, optionally for one audience or theme.
enum DirectoryGaps {
    struct Row: Sendable {
        let ward: PlacesReads.Ward
        let judged: DirectoryCoverage.Row
    }

    struct Page: Sendable {
        let rows: [Row]
        let median: Double?
        let threshold: Double
        let quarter: Quarter
        /// Borough-wide groups and connectors matching the filters: they reach every ward, so are not in its counts.
        let boroughWide: (groups: Int, connectors: Int)
        let query: [String: String]
        let choices: DirectoryPages.Choices
        let map: GeoMapShape?
    }

    static func page(query q: [String: String], today: Day, threshold: Double, _ db: any Database) async throws -> Page {
        var ids: Set<UUID>? = nil
        for (kind, key) in [(DirectoryLinkKind.theme, "theme"), (.audience, "audience")] {
            guard let target = q[key].flatMap(UUID.init(uuidString:)) else { continue }
            let linked = Set(try await DirectoryQueries.linked(kind, target, db))
            ids = ids.map { $0.intersection(linked) } ?? linked
        }
        var entries: [DirectoryEntry] = []
        if ids?.isEmpty != true {
            let base = DirectoryEntry.query(on: db).field(\.$id).field(\.$kind).field(\.$boroughWide)
            if let ids {
                for chunk in Array(ids).chunked(500) { entries += try await base.copy().filter(\.$id ~~ chunk).all() }
            } else {
                entries = try await base.all()
            }
        }
        let kinds = Dictionary(
            entries.compactMap { e in e.id.map { ($0, DirectoryKind(rawValue: e.kind) ?? .group) } }, uniquingKeysWith: { a, _ in a })
        var counts: [UUID: [DirectoryKind: Int]] = [:]
        if !kinds.isEmpty {
            for link in try await DirectoryLink.query(on: db).filter(\.$link == DirectoryLinkKind.place.rawValue).all() {
                guard let kind = kinds[link.$entry.id] else { continue }
                counts[link.targetID, default: [:]][kind, default: 0] += 1
            }
        }
        let table = try await CoordinationService.fatigue(today: today, threshold: threshold, on: db)
        let now = table.quarters.firstIndex(of: table.current)
        let asks = Dictionary(
            table.rows.map { r in (r.ward.id!, now.flatMap { $0 < r.cells.count ? r.cells[$0] : nil }) }, uniquingKeysWith: { a, _ in a })
        let wards = try await PlacesReads.wardPopulations(db)
        let input = wards.map { w, population in
            let c = counts[w.id] ?? [:]
            let cell = asks[w.id] ?? nil
            return DirectoryCoverage.Ward(
                id: w.id, population: population, groups: c[.group] ?? 0, connectors: c[.connector] ?? 0, venues: c[.venue] ?? 0,
                asks: cell?.asks ?? 0, asksPer1000: cell?.per1000)
        }
        let (judged, median) = DirectoryCoverage.judge(input, fatigueThreshold: threshold)
        let wide = entries.filter(\.boroughWide)
        return Page(
            rows: zip(wards, judged).map { Row(ward: $0.0.ward, judged: $0.1) }, median: median, threshold: threshold, quarter: table.current,
            boroughWide: (
                wide.filter { $0.kind == DirectoryKind.group.rawValue }.count, wide.filter { $0.kind == DirectoryKind.connector.rawValue }.count
            ),
            query: q, choices: try await DirectoryPages.choices(db), map: try await PlacesReads.wardMap(db))
    }

    /// The table as CSV, one row a ward (the page's filters applied).
    static func csv(_ p: Page) -> String {
        CSV.write(
            header: [
                "ward_code", "ward", "population", "groups", "connectors", "venues", "entries_per_1000", "asks_this_quarter", "asks_per_1000", "thin",
                "busy", "gap",
            ],
            rows: p.rows.map { r in
                let w = r.judged.ward
                return [
                    r.ward.code, r.ward.name, w.population.map(String.init) ?? "", String(w.groups), String(w.connectors), String(w.venues),
                    w.per1000.map { String(format: "%.2f", $0) } ?? "", String(w.asks), w.asksPer1000.map { String(format: "%.2f", $0) } ?? "",
                    r.judged.thin ? "yes" : "no", r.judged.busy ? "yes" : "no", r.judged.gap ? "yes" : "no",
                ]
            })
    }
}
