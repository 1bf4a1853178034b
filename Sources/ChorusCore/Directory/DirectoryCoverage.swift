import Foundation

/// Where the directory is thin against the people who live there and the engagement asked of them (seed 000 #12:
/// "mapping of groups"; 002: effort in proportion to need). A ward's coverage is its groups, connectors and venues per
/// 1,000 residents; borough-wide groups and connectors reach every ward, so they are counted once for the borough, not
/// in each ward (they would otherwise hide the gaps). A ward is **thin** when it has residents but no entry, or its
/// coverage is under half the median ward's; it is **busy** when this quarter's asks per 1,000 residents reach the
/// fatigue threshold (the register's fatigue index). Thin and busy is a **gap**: residents asked often with few groups
/// to ask through. Wards without a population are shown but never judged.
public enum DirectoryCoverage {
    public struct Ward: Sendable, Equatable {
        public let id: UUID
        public let population: Int?
        public let groups: Int
        public let connectors: Int
        public let venues: Int
        /// Activities asking for input there this quarter, and per 1,000 residents (nil without a population).
        public let asks: Int
        public let asksPer1000: Double?

        public init(id: UUID, population: Int?, groups: Int, connectors: Int, venues: Int, asks: Int, asksPer1000: Double?) {
            self.id = id
            self.population = population
            self.groups = groups
            self.connectors = connectors
            self.venues = venues
            self.asks = asks
            self.asksPer1000 = asksPer1000
        }

        public var entries: Int { groups + connectors + venues }
        /// Entries per 1,000 residents; nil without a population.
        public var per1000: Double? {
            guard let p = population, p > 0 else { return nil }
            return Double(entries) * 1000 / Double(p)
        }
    }

    public struct Row: Sendable, Equatable {
        public let ward: Ward
        public let thin: Bool
        public let busy: Bool
        public var gap: Bool { thin && busy }
    }

    /// Thin, busy and gap for each ward, in the order given, with the median coverage the thin rule used.
    public static func judge(_ wards: [Ward], fatigueThreshold: Double) -> (rows: [Row], median: Double?) {
        let rates = wards.compactMap(\.per1000).sorted()
        let median: Double? =
            rates.isEmpty ? nil : rates.count % 2 == 1 ? rates[rates.count / 2] : (rates[rates.count / 2 - 1] + rates[rates.count / 2]) / 2
        let rows = wards.map { w -> Row in
            guard let rate = w.per1000 else { return Row(ward: w, thin: false, busy: false) }
            let thin = w.entries == 0 || (median.map { rate < $0 / 2 } ?? false)
            let busy = (w.asksPer1000 ?? 0) >= fatigueThreshold && w.asks > 0
            return Row(ward: w, thin: thin, busy: busy)
        }
        return (rows, median)
    }
}
