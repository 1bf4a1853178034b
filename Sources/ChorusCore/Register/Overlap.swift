import Foundation

/// What overlap detection needs to know about an activity: where, what about, with whom, and when.
public struct ActivityFootprint: Sendable, Equatable {
    public let id: UUID
    public let places: Set<UUID>
    /// Borough-wide activities overlap every place.
    public let boroughWide: Bool
    public let themes: Set<UUID>
    /// Empty means "everyone": it overlaps any audience.
    public let audiences: Set<UUID>
    public let start: Day
    /// nil for an open-ended activity.
    public let end: Day?

    public init(id: UUID, places: Set<UUID>, boroughWide: Bool, themes: Set<UUID>, audiences: Set<UUID>, start: Day, end: Day?) {
        self.id = id; self.places = places; self.boroughWide = boroughWide; self.themes = themes
        self.audiences = audiences; self.start = start; self.end = end
    }
}

/// One activity that overlaps another, and how much.
public struct Overlap: Sendable, Equatable {
    public let other: UUID
    public let sharedPlaces: Set<UUID>
    /// True when either side is borough-wide (then every place is shared).
    public let placeOverlapIsBoroughWide: Bool
    public let sharedThemes: Set<UUID>
    public let sharedAudiences: Set<UUID>
    /// Days the two activities actually run at the same time (0 when they only fall within the window).
    public let daysConcurrent: Int
    /// Days between them when they do not run together (0 when concurrent).
    public let gapDays: Int
    /// Higher means more overlap; used to rank.
    public let score: Double
}

/// Finds activities that ask the same people about the same things at about the same time (seed 003: residents
/// fatigued by repeated asks). Two activities overlap when they share at least one place (borough-wide overlaps
/// every place), at least one theme and at least one audience (an activity with no audiences is for everyone),
/// and their dates come within `windowDays` of each other (open-ended activities run for ever).
public enum OverlapDetector {
    public static let defaultWindowDays = 28

    public static func overlap(_ a: ActivityFootprint, _ b: ActivityFootprint, windowDays: Int = defaultWindowDays) -> Overlap? {
        guard a.id != b.id else { return nil }
        // When
        let aEnd = a.end ?? Day(ordinal: Int.max / 4), bEnd = b.end ?? Day(ordinal: Int.max / 4)
        let gap: Int
        if bEnd < a.start { gap = a.start.ordinal - bEnd.ordinal } else if aEnd < b.start { gap = b.start.ordinal - aEnd.ordinal } else { gap = 0 }
        guard gap <= windowDays else { return nil }
        // Where
        let boroughWide = a.boroughWide || b.boroughWide
        let sharedPlaces = boroughWide ? (a.boroughWide ? b.places : a.places) : a.places.intersection(b.places)
        guard boroughWide || !sharedPlaces.isEmpty else { return nil }
        // What about
        let sharedThemes = a.themes.intersection(b.themes)
        guard !sharedThemes.isEmpty else { return nil }
        // With whom
        let sharedAudiences: Set<UUID>
        if a.audiences.isEmpty || b.audiences.isEmpty {
            sharedAudiences = a.audiences.union(b.audiences)
        } else {
            sharedAudiences = a.audiences.intersection(b.audiences)
            guard !sharedAudiences.isEmpty else { return nil }
        }
        let concurrent =
            gap == 0 ? min(aEnd.ordinal, bEnd.ordinal, a.start.ordinal + 3650, b.start.ordinal + 3650) - max(a.start.ordinal, b.start.ordinal) + 1 : 0
        let score =
            jaccard(a.themes, b.themes) * 3
            + (boroughWide ? 0.5 : jaccard(a.places, b.places)) * 2
            + ((a.audiences.isEmpty || b.audiences.isEmpty) ? 0.5 : jaccard(a.audiences, b.audiences)) * 2
            + (gap == 0 ? 1.0 : 1.0 - Double(gap) / Double(windowDays + 1))
        return Overlap(
            other: b.id, sharedPlaces: sharedPlaces, placeOverlapIsBoroughWide: boroughWide, sharedThemes: sharedThemes,
            sharedAudiences: sharedAudiences, daysConcurrent: max(0, concurrent), gapDays: gap, score: score)
    }

    /// Every overlapping activity, most overlapping first (ties: nearer in time, then id for a stable order).
    public static func overlaps(of a: ActivityFootprint, among others: [ActivityFootprint], windowDays: Int = defaultWindowDays) -> [Overlap] {
        others.compactMap { overlap(a, $0, windowDays: windowDays) }.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.gapDays != $1.gapDays { return $0.gapDays < $1.gapDays }
            return $0.other.uuidString < $1.other.uuidString
        }
    }

    static func jaccard(_ a: Set<UUID>, _ b: Set<UUID>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
