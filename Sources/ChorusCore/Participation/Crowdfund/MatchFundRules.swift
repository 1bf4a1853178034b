import Foundation

/// Who is behind a crowdfunded project, as match-fund rules tell them apart.
public enum CreatorKind: String, CaseIterable, Sendable, Codable {
    /// A resident on their own.
    case resident
    /// An unincorporated community group (a residents' association, a friends-of group).
    case group
    /// A registered charity, community interest company or other incorporated not-for-profit.
    case charity
}

/// A partner's match fund, as rules the public can read, and the pledge those rules give a project. The pledge is
/// computed, never typed, so two officers cannot judge the same project differently, and it grows with the crowd:
///
///     share    = percentOfTarget + needWeightingPercent × need(ward)          (percent, at most 100)
///     ceiling  = min(target × share / 100, capPerProject, capPerCreator − given to the same creator elsewhere,
///                    budget − committed to other projects)
///     pledge   = min(crowd × pencePerPound / 100, ceiling, target − crowd)     (never below 0)
///
/// `need(ward)` is the ward's need index scaled to 0 (least deprived ward) … 1 (most deprived); `crowd` is what
/// residents and groups have pledged and not withdrawn. A fund never takes a project past its target.
public struct MatchFundRules: Sendable, Equatable, Codable {
    /// Project categories the fund backs; empty: any.
    public var categories: [String]
    /// Wards (place ids) the fund backs; empty: anywhere.
    public var wards: [String]
    /// Kinds of creator the fund backs; empty: any.
    public var creatorKinds: [CreatorKind]
    /// Pence of match for each £1 from the crowd (100: pound for pound).
    public var pencePerPound: Int
    /// At most this share of a project's target (1–100).
    public var percentOfTarget: Int
    /// Extra percentage points of the target for the most deprived ward (0: no weighting).
    public var needWeightingPercent: Int
    public var capPerProject: Int64
    /// Across every project of one group or resident.
    public var capPerCreator: Int64

    public init(
        categories: [String] = [], wards: [String] = [], creatorKinds: [CreatorKind] = [], pencePerPound: Int = 100,
        percentOfTarget: Int = 50, needWeightingPercent: Int = 0, capPerProject: Int64, capPerCreator: Int64
    ) {
        self.categories = categories
        self.wards = wards
        self.creatorKinds = creatorKinds
        self.pencePerPound = pencePerPound
        self.percentOfTarget = percentOfTarget
        self.needWeightingPercent = needWeightingPercent
        self.capPerProject = capPerProject
        self.capPerCreator = capPerCreator
    }

    /// What of a project the rules look at.
    public struct Project: Sendable, Equatable {
        public var category: String
        public var ward: String?
        public var creatorKind: CreatorKind
        public var target: Int64
        /// Pledged by residents and groups, not withdrawn (match funds excluded).
        public var crowd: Int64
        public init(category: String, ward: String?, creatorKind: CreatorKind, target: Int64, crowd: Int64) {
            self.category = category
            self.ward = ward
            self.creatorKind = creatorKind
            self.target = target
            self.crowd = crowd
        }
    }

    /// Where the fund stands apart from this project.
    public struct Position: Sendable, Equatable {
        public var budget: Int64
        /// Pledged by the fund to its other projects and not released.
        public var committedElsewhere: Int64
        /// Of that, to other projects of the same creator.
        public var toCreatorElsewhere: Int64
        public init(budget: Int64, committedElsewhere: Int64 = 0, toCreatorElsewhere: Int64 = 0) {
            self.budget = budget
            self.committedElsewhere = committedElsewhere
            self.toCreatorElsewhere = toCreatorElsewhere
        }
    }

    /// Why a project cannot be matched.
    public enum Ineligible: String, Sendable, Equatable, CaseIterable {
        case category, ward, creatorKind, fundSpent, creatorCapReached
    }

    /// Which rule set the pledge's size.
    public enum Limit: String, Sendable, Equatable, CaseIterable {
        case crowd, percentOfTarget, projectCap, creatorCap, budget, target
    }

    public struct Offer: Sendable, Equatable {
        /// Empty when the project is eligible.
        public let ineligible: [Ineligible]
        public let sharePercent: Int
        /// The most the fund would pledge however much the crowd gives.
        public let ceiling: Int64
        /// The pledge now.
        public let amount: Int64
        public let limitedBy: Limit?
        public var eligible: Bool { ineligible.isEmpty }
    }

    /// The pledge these rules give `project`, with `need` the project ward's scaled need (0…1; nil: unknown, taken as 0).
    public func offer(_ project: Project, need: Double?, position: Position) -> Offer {
        var ineligible: [Ineligible] = []
        if !categories.isEmpty && !categories.contains(project.category) { ineligible.append(.category) }
        if !wards.isEmpty && !(project.ward.map(wards.contains) ?? false) { ineligible.append(.ward) }
        if !creatorKinds.isEmpty && !creatorKinds.contains(project.creatorKind) { ineligible.append(.creatorKind) }
        let budgetLeft = max(0, position.budget - position.committedElsewhere)
        let creatorLeft = max(0, capPerCreator - position.toCreatorElsewhere)
        if budgetLeft == 0 { ineligible.append(.fundSpent) }
        if creatorLeft == 0 { ineligible.append(.creatorCapReached) }
        let weighted = Double(needWeightingPercent) * min(1, max(0, need ?? 0))
        let share = min(100, percentOfTarget + Int(weighted.rounded()))
        guard ineligible.isEmpty else { return Offer(ineligible: ineligible, sharePercent: share, ceiling: 0, amount: 0, limitedBy: nil) }
        // Ties go to the first limit listed: the rule a reader meets first.
        let ceilings: [(Limit, Int64)] = [
            (.percentOfTarget, project.target * Int64(share) / 100), (.projectCap, capPerProject), (.creatorCap, creatorLeft),
            (.budget, budgetLeft),
        ]
        let bound = ceilings.min { $0.1 < $1.1 }!
        let candidates: [(Limit, Int64)] = [
            (.crowd, max(0, project.crowd) * Int64(pencePerPound) / 100), bound, (.target, max(0, project.target - project.crowd)),
        ]
        let chosen = candidates.min { $0.1 < $1.1 }!
        return Offer(ineligible: [], sharePercent: share, ceiling: bound.1, amount: max(0, chosen.1), limitedBy: chosen.0)
    }
}

/// A ward need index (the Index of Multiple Deprivation rolled up to wards, or any score where higher means more
/// need) scaled so the least deprived ward listed is 0 and the most deprived 1; match funds weight by it.
public enum NeedIndex {
    public static func scaled(_ scores: [String: Double]) -> [String: Double] {
        guard let lo = scores.values.min(), let hi = scores.values.max() else { return [:] }
        guard hi > lo else { return scores.mapValues { _ in 0 } }
        return scores.mapValues { ($0 - lo) / (hi - lo) }
    }

    /// Reads pasted "ward code, score" lines (a header line of two titles is skipped); problems name the line.
    public static func parse(_ text: String) -> (scores: [String: Double], problems: [String]) {
        var scores: [String: Double] = [:]
        var problems: [String] = []
        for (n, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let score = Double(parts[1]), score.isFinite else {
                // A first line of two titles ("ward,score") is a header.
                if n == 0 && parts.count == 2 { continue }
                problems.append("Line \(n + 1): write a ward code, a comma and a number (\"E05000001, 34.2\")")
                continue
            }
            guard !parts[0].isEmpty else {
                problems.append("Line \(n + 1): the ward code is missing")
                continue
            }
            if scores[parts[0]] != nil { problems.append("Line \(n + 1): \(parts[0]) is listed twice") }
            scores[parts[0]] = score
        }
        return (scores, problems)
    }
}
