/// One quota of a citizens' panel: between `min` and `max` members (inclusive) whose answer in `category` is
/// `feature` (e.g. category "age", feature "16-29", 3...6).
public struct PanelQuota: Sendable, Hashable, Codable {
    public var category: String
    public var feature: String
    public var min: Int
    public var max: Int

    public init(category: String, feature: String, min: Int, max: Int) {
        self.category = category
        self.feature = feature
        self.min = min
        self.max = max
    }
}

/// A person in the pool who said yes to this event: their answer per category (category -> feature) and, when
/// known, their household, so that two people from one household need not both be chosen.
public struct PanelVolunteer: Sendable, Hashable, Codable {
    public var id: String
    public var features: [String: String]
    public var household: String?

    public init(id: String, features: [String: String], household: String? = nil) {
        self.id = id
        self.features = features
        self.household = household
    }
}

/// What a selection is asked to do: choose `panelSize` volunteers meeting every quota, at most one per household
/// when `keepHouseholdsApart` (volunteers without a household count as their own).
public struct PanelProblem: Sendable, Hashable, Codable {
    public var panelSize: Int
    public var quotas: [PanelQuota]
    public var volunteers: [PanelVolunteer]
    public var keepHouseholdsApart: Bool

    public init(panelSize: Int, quotas: [PanelQuota], volunteers: [PanelVolunteer], keepHouseholdsApart: Bool = false) {
        self.panelSize = panelSize
        self.quotas = quotas
        self.volunteers = volunteers
        self.keepHouseholdsApart = keepHouseholdsApart
    }
}

/// How a selection spreads the chance of being chosen (Flanigan et al., "Fair algorithms for selecting citizens'
/// assemblies", Nature 2021; the Sortition Foundation's sortition-algorithms).
public enum PanelAlgorithm: String, Sendable, CaseIterable, Codable {
    /// Maximise the lowest selection probability, then the next lowest, and so on: the fairest known method.
    case leximin
    /// Maximise the lowest selection probability only (sortition-algorithms' default).
    case maximin
    /// A simple stratified lottery: each of `PanelLottery.draws` panels is the feasible panel of largest total
    /// weight under seeded random weights per volunteer (random weights + ILP), each panel equally likely. It meets
    /// the quotas but makes no promise about equal chances: the probabilities are those of this lottery over its 50
    /// panels, so in a large pool many volunteers are on none of them and have probability 0 (42 of synth_500_40's
    /// 500, 807 of the 2,000 in bench/make_panel_instance.py's pool).
    case lottery
}

/// A lottery over panels: `panels[i]` (volunteer indices into the problem's list, sorted) is drawn with
/// probability `weights[i]`; `probabilities[v]` is volunteer v's chance of being chosen (they sum to the panel
/// size).
public struct PanelDistribution: Sendable, Hashable, Codable {
    public var panels: [[Int]]
    public var weights: [Double]
    public var probabilities: [Double]

    public init(panels: [[Int]], weights: [Double], probabilities: [Double]) {
        self.panels = panels
        self.weights = weights
        self.probabilities = probabilities
    }
}

/// A quota that has to change for any panel to exist, and the smallest change: the new min and max.
public struct PanelRelaxation: Sendable, Hashable, Codable {
    public var quota: PanelQuota
    public var suggestedMin: Int
    public var suggestedMax: Int

    public init(quota: PanelQuota, suggestedMin: Int, suggestedMax: Int) {
        self.quota = quota
        self.suggestedMin = suggestedMin
        self.suggestedMax = suggestedMax
    }
}

/// Whether any panel meets the quotas; if not, which quotas to change and how (the smallest total change).
public enum PanelFeasibility: Sendable, Hashable {
    case feasible
    case infeasible([PanelRelaxation])
}

/// Why a selection could not be made, naming the field (or quota, or volunteer) at fault so a page can put the
/// message next to it.
public enum PanelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problem itself is malformed or cannot be met by changing quotas: `field` is e.g. "panelSize",
    /// "quotas[3].max", "volunteers[7].id", "keepHouseholdsApart".
    case invalid(field: String, message: String)
    /// No panel meets the quotas; these changes would make one possible.
    case infeasible([PanelRelaxation])
    /// The LP/ILP solver failed (numerical trouble); the message is GLPK's status.
    case solver(String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .infeasible(let relaxations):
            "no panel meets the quotas; change "
                + relaxations.map {
                    "\($0.quota.category)/\($0.quota.feature) from \($0.quota.min)...\($0.quota.max) to \($0.suggestedMin)...\($0.suggestedMax)"
                }
                .joined(separator: ", ")
        case .solver(let message): message
        }
    }
}
