import Foundation

/// What an entry or an activity covers: wards, themes and audiences (ids) and whether it is borough-wide.
public struct DirectoryReach: Sendable, Equatable {
    public var wards: Set<UUID>
    public var themes: Set<UUID>
    public var audiences: Set<UUID>
    public var boroughWide: Bool

    public init(wards: Set<UUID> = [], themes: Set<UUID> = [], audiences: Set<UUID> = [], boroughWide: Bool = false) {
        self.wards = wards
        self.themes = themes
        self.audiences = audiences
        self.boroughWide = boroughWide
    }
}

/// Suggests the groups and connectors who already reach the people an activity wants to hear from (seed 000 #12,
/// 003: work through existing groups and networks). An entry matches when it shares a place with the activity (a ward
/// in common, or either is borough-wide) and at least one audience or theme. Audiences weigh more than themes: who a
/// group reaches is why an officer calls them; a shared ward counts for a little, so a ward group outranks a
/// borough-wide one. Entries the activity cannot use (no place or no subject in common) are left out.
public enum DirectoryMatch {
    public struct Scored<ID: Hashable & Sendable>: Sendable, Equatable {
        public let id: ID
        public let score: Int
        public let sharedAudiences: Int
        public let sharedThemes: Int
        public let sharedWards: Int
    }

    public static func rank<ID: Hashable & Sendable>(
        _ entries: [(id: ID, reach: DirectoryReach)], for activity: DirectoryReach, limit: Int = 5
    ) -> [Scored<ID>] {
        var out: [Scored<ID>] = []
        for e in entries {
            let wards = e.reach.wards.intersection(activity.wards).count
            let placeMatches = wards > 0 || e.reach.boroughWide || activity.boroughWide
            let audiences = e.reach.audiences.intersection(activity.audiences).count
            let themes = e.reach.themes.intersection(activity.themes).count
            guard placeMatches, audiences + themes > 0 else { continue }
            out.append(
                Scored(
                    id: e.id, score: audiences * 4 + themes * 2 + min(wards, 1), sharedAudiences: audiences, sharedThemes: themes, sharedWards: wards)
            )
        }
        // Stable: equal scores keep the order given (callers pass entries by name).
        return Array(
            out.enumerated().sorted { a, b in a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset }
                .map(\.element).prefix(limit))
    }
}
