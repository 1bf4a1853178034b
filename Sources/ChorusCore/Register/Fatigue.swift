import Foundation

/// The fatigue index: activities asking residents of a ward for input, per 1,000 residents, per quarter.
/// Borough-wide activities count in every ward. An activity counts in a quarter when its dates touch it
/// (open-ended activities count in every quarter from their start).
public enum FatigueIndex {
    public static let defaultThreshold = 1.0

    public struct Ask: Sendable {
        public let places: Set<UUID>
        public let boroughWide: Bool
        public let start: Day
        public let end: Day?
        public init(places: Set<UUID>, boroughWide: Bool, start: Day, end: Day?) {
            self.places = places; self.boroughWide = boroughWide; self.start = start; self.end = end
        }
    }

    public struct Ward: Sendable {
        public let id: UUID
        public let population: Int?
        public init(id: UUID, population: Int?) { self.id = id; self.population = population }
    }

    public struct Cell: Sendable, Equatable {
        /// Activities asking for input in the ward that quarter.
        public let asks: Int
        /// Asks per 1,000 residents; nil when the ward has no population recorded.
        public let per1000: Double?

        public init(asks: Int, population: Int?) {
            self.asks = asks
            per1000 = population.flatMap { $0 > 0 ? Double(asks) / Double($0) * 1000 : nil }
        }
    }

    /// cells[ward.id][quarter]
    public static func table(asks: [Ask], wards: [Ward], quarters: [Quarter]) -> [UUID: [Quarter: Cell]] {
        guard let firstQ = quarters.min(), let lastQ = quarters.max() else { return [:] }
        var counts: [UUID: [Quarter: Int]] = [:]
        var boroughWide: [Quarter: Int] = [:]
        let wardIDs = Set(wards.map(\.id))
        for ask in asks {
            let end = ask.end ?? lastQ.last
            guard ask.start <= lastQ.last, end >= firstQ.first else { continue }
            for q in quarters where ask.start <= q.last && end >= q.first {
                if ask.boroughWide {
                    boroughWide[q, default: 0] += 1
                } else {
                    for p in ask.places where wardIDs.contains(p) { counts[p, default: [:]][q, default: 0] += 1 }
                }
            }
        }
        var out: [UUID: [Quarter: Cell]] = [:]
        for w in wards {
            var row: [Quarter: Cell] = [:]
            for q in quarters {
                row[q] = Cell(asks: (counts[w.id]?[q] ?? 0) + (boroughWide[q] ?? 0), population: w.population)
            }
            out[w.id] = row
        }
        return out
    }

    /// The quarters to show around `today`: `back` before the current one, the current one and `ahead` after.
    public static func quarters(around today: Day, back: Int = 3, ahead: Int = 1) -> [Quarter] {
        var q = Quarter(containing: today)
        for _ in 0..<back { q = q.previous }
        return (0...(back + ahead)).map { i in (0..<i).reduce(q) { acc, _ in acc.next } }
    }
}
