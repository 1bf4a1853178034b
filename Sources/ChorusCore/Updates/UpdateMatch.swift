import Foundation

/// Who hears about a new report or activity. A resident asks for updates about a ward, a theme, both, or neither
/// (everything); a theme means that theme and every theme under it, because someone who follows "Transport" wants
/// to hear about "Buses". Something borough-wide (an activity for the whole borough, a report on a theme across
/// activities) is news in every ward, as the public lists already show it under every ward.
public enum UpdateMatch {
    public struct Subscription: Sendable, Equatable {
        public let ward: UUID?
        /// The followed theme and every theme under it (nil: any theme).
        public let themes: Set<UUID>?
        public init(ward: UUID?, themes: Set<UUID>?) {
            self.ward = ward
            self.themes = themes
        }
    }

    public struct Item: Sendable, Equatable {
        /// The wards it is in; nil when it is borough-wide.
        public let wards: Set<UUID>?
        public let themes: Set<UUID>
        public init(wards: Set<UUID>?, themes: Set<UUID>) {
            self.wards = wards
            self.themes = themes
        }
    }

    public static func matches(_ s: Subscription, _ item: Item) -> Bool {
        let wardMatches = s.ward.map { w in item.wards.map { $0.contains(w) } ?? true } ?? true
        let themeMatches = s.themes.map { !$0.isDisjoint(with: item.themes) } ?? true
        return wardMatches && themeMatches
    }
}
