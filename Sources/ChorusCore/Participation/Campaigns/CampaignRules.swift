import Foundation

/// Where an action of a "three-way push" campaign is done: what I can do at home, on my street, in my community.
public enum ActionLevel: String, CaseIterable, Sendable, Codable {
    case home, street, community

    /// A group (a residents' association, a school, a faith group) may pledge only a community action.
    public var groupsMayPledge: Bool { self == .community }
}

/// What a campaign is about; the catalogue has the names (`campaigns.theme.<raw>`).
public enum CampaignTheme: String, CaseIterable, Sendable, Codable {
    case litter, beActive = "be_active", goodNeighbours = "good_neighbours", other
}

/// A campaign's life: written in draft, live while it takes pledges, closed when it stops (pledges stay, and counts).
public enum CampaignStatus: String, CaseIterable, Sendable, Codable {
    case draft, live, closed

    /// Residents may see it (live or closed).
    public var isPublic: Bool { self != .draft }
    public var takesPledges: Bool { self == .live }

    /// Where staff may move it from here: draft → live, live → closed, closed → live (reopened).
    public func canMove(to next: CampaignStatus) -> Bool {
        switch (self, next) {
        case (.draft, .live), (.live, .closed), (.closed, .live): return true
        default: return false
        }
    }
}

/// Counts of a campaign's pledges: how many were made and how many were reported done, by level, by ward and by
/// action. Pure: it takes plain values and never sees who pledged.
public struct CampaignTally: Sendable, Equatable {
    /// One pledge as the tally sees it.
    public struct Pledge: Sendable, Equatable {
        public let action: UUID
        public let level: ActionLevel
        /// The ward's code (GSS), nil when not known.
        public let ward: String?
        public let done: Bool
        /// Made by a group for a community action.
        public let byGroup: Bool
        public init(action: UUID, level: ActionLevel, ward: String?, done: Bool, byGroup: Bool = false) {
            self.action = action; self.level = level; self.ward = ward; self.done = done; self.byGroup = byGroup
        }
    }

    public struct Counts: Sendable, Equatable {
        public var pledged = 0
        public var done = 0
        public var groups = 0
        public init(pledged: Int = 0, done: Int = 0, groups: Int = 0) { self.pledged = pledged; self.done = done; self.groups = groups }
        mutating func add(_ p: Pledge) {
            pledged += 1
            if p.done { done += 1 }
            if p.byGroup { groups += 1 }
        }
    }

    public private(set) var total = Counts()
    public private(set) var byLevel: [ActionLevel: Counts] = [:]
    public private(set) var byWard: [String: Counts] = [:]
    public private(set) var byAction: [UUID: Counts] = [:]
    /// Pledges with no ward (signed-in residents before wards were asked, or imported).
    public private(set) var noWard = Counts()

    public init(_ pledges: [Pledge]) {
        for p in pledges {
            total.add(p)
            byLevel[p.level, default: Counts()].add(p)
            byAction[p.action, default: Counts()].add(p)
            if let w = p.ward { byWard[w, default: Counts()].add(p) } else { noWard.add(p) }
        }
    }

    public func level(_ l: ActionLevel) -> Counts { byLevel[l] ?? Counts() }
    public func action(_ id: UUID) -> Counts { byAction[id] ?? Counts() }

    /// One ward's row in a table a resident sees.
    public struct WardRow: Sendable, Equatable {
        public let code: String
        public let name: String
        public let pledged: SuppressedCount
        public let done: SuppressedCount
    }

    /// Pledges and done by ward for a public page, every ward of `wards` (code, name) in their order, small counts
    /// suppressed (1 to 4 shown as "fewer than 5": a ward with two pledges and a comment could point at a street).
    /// The table shows no ward total beside them, so a suppressed cell cannot be worked back from a sum; the done
    /// column is suppressed on its own, and a done count is hidden whenever its pledged count is.
    public func wardRows(_ wards: [(code: String, name: String)]) -> [WardRow] {
        let counts = wards.map { byWard[$0.code] ?? Counts() }
        let pledged = SmallNumberTable.suppress(counts.map(\.pledged), totalShown: false)
        let done = SmallNumberTable.suppress(counts.map(\.done), totalShown: false)
        return wards.indices.map { i in
            WardRow(
                code: wards[i].code, name: wards[i].name, pledged: pledged[i],
                done: pledged[i].isHidden && counts[i].done > 0 ? SuppressedCount(nil) : done[i])
        }
    }

    /// Pledge counts by ward code, for a map.
    public var pledgedByWard: [String: Int] { byWard.mapValues(\.pledged) }
}
