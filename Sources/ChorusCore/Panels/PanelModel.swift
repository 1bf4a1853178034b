/// A checked `PanelProblem` in the shape the solvers use. Volunteers with the same answer in every quota category
/// are interchangeable, so they form one *type*: every fair algorithm here gives them the same probability (the
/// LEXIMIN probabilities are unique and symmetric), and the ILPs choose how many of each type (an integer between
/// 0 and the type's size) instead of which person, which makes them far smaller (500 volunteers in synth_500_40
/// are a few hundred types; 2,000 in the Nature examples are 4). A volunteer who shares a household with another
/// volunteer is a type of their own when households are kept apart, so that "at most one per household" is a row
/// over single people.
struct PanelModel {
    let problem: PanelProblem
    /// Volunteer indices of each type, ascending; types are ordered by their first volunteer.
    let types: [[Int]]
    /// Quota indices each type counts towards.
    let typeQuotas: [[Int]]
    /// Groups of volunteers of which at most one may be chosen (households with two or more volunteers, when kept
    /// apart).
    let households: [[Int]]

    var panelSize: Int { problem.panelSize }

    /// Checks the problem, naming the field at fault: panel size against the pool and the number of households,
    /// each quota's bounds, duplicate quotas and duplicate or empty volunteer ids. Quotas that no panel can meet are
    /// not an error here (see `PanelFeasibilityCheck`).
    init(_ problem: PanelProblem) throws(PanelError) {
        self.problem = problem
        let n = problem.volunteers.count
        guard problem.panelSize >= 1 else {
            throw .invalid(field: "panelSize", message: "the panel size must be at least 1 (it is \(problem.panelSize))")
        }
        guard problem.panelSize <= n else {
            throw .invalid(
                field: "panelSize", message: "the panel needs \(problem.panelSize) people but the pool has only \(n) volunteers")
        }
        var seenQuotas: [String: Int] = [:]
        for (i, quota) in problem.quotas.enumerated() {
            let name = "\(quota.category)/\(quota.feature)"
            guard quota.min >= 0 else {
                throw .invalid(field: "quotas[\(i)].min", message: "\(name): min (\(quota.min)) is below 0")
            }
            guard quota.max >= quota.min else {
                throw .invalid(field: "quotas[\(i)].max", message: "\(name): max (\(quota.max)) is below min (\(quota.min))")
            }
            if let earlier = seenQuotas[name] {
                throw .invalid(field: "quotas[\(i)]", message: "\(name) is listed twice (also quotas[\(earlier)])")
            }
            seenQuotas[name] = i
        }
        var seenIDs: [String: Int] = [:]
        for (i, volunteer) in problem.volunteers.enumerated() {
            guard !volunteer.id.isEmpty else { throw .invalid(field: "volunteers[\(i)].id", message: "the id is empty") }
            if let earlier = seenIDs[volunteer.id] {
                throw .invalid(
                    field: "volunteers[\(i)].id", message: "id \(volunteer.id) is used twice (also volunteers[\(earlier)])")
            }
            seenIDs[volunteer.id] = i
        }

        var byHousehold: [String: [Int]] = [:]
        var householdOrder: [String] = []
        if problem.keepHouseholdsApart {
            for (i, volunteer) in problem.volunteers.enumerated() {
                guard let household = volunteer.household, !household.isEmpty else { continue }
                if byHousehold[household] == nil { householdOrder.append(household) }
                byHousehold[household, default: []].append(i)
            }
            let sharing = byHousehold.values.filter { $0.count > 1 }
            let distinct = n - sharing.reduce(0) { $0 + $1.count - 1 }
            guard distinct >= problem.panelSize else {
                throw .invalid(
                    field: "keepHouseholdsApart",
                    message:
                        "the \(n) volunteers live in only \(distinct) different households, fewer than the panel size \(problem.panelSize)"
                )
            }
        }
        households = householdOrder.compactMap { byHousehold[$0]!.count > 1 ? byHousehold[$0] : nil }
        let shared = Set(households.flatMap { $0 })

        let categories = Array(Set(problem.quotas.map(\.category))).sorted()
        var quotaIndex: [String: [String: Int]] = [:]
        for (i, quota) in problem.quotas.enumerated() { quotaIndex[quota.category, default: [:]][quota.feature] = i }
        var typeOfKey: [[String?]: Int] = [:]
        var types: [[Int]] = []
        var typeQuotas: [[Int]] = []
        for (i, volunteer) in problem.volunteers.enumerated() {
            let key = categories.map { volunteer.features[$0] }
            let quotas = categories.compactMap { category in volunteer.features[category].flatMap { quotaIndex[category]?[$0] } }
            if !shared.contains(i), let t = typeOfKey[key] {
                types[t].append(i)
            } else {
                if !shared.contains(i) { typeOfKey[key] = types.count }
                types.append([i])
                typeQuotas.append(quotas.sorted())
            }
        }
        self.types = types
        self.typeQuotas = typeQuotas
    }

    /// The integer program "a panel under the quotas" over `units` (each a list of interchangeable volunteers; its
    /// column counts how many of them are chosen, 0...size): one row for the panel size, one per quota, one per
    /// household kept apart. With `slack`, each quota gets two more columns, how far its min is lowered and its max
    /// raised, so that the program always has a solution (`PanelFeasibilityCheck` minimises their sum). Columns
    /// 0..<units.count are the units; slack columns follow, (lower, raise) per quota.
    func panelProgram(units: [[Int]], quotasOfUnit: [[Int]], slack: Bool = false) throws -> LinearProgram {
        let program = LinearProgram(maximize: !slack)
        for unit in units {
            try program.addColumn(lower: 0, upper: Double(unit.count), kind: unit.count == 1 ? .binary : .integer)
        }
        try program.addRow(units.indices.map { ($0, 1.0) }, lower: Double(panelSize), upper: Double(panelSize))
        var unitsOfQuota = Array(repeating: [Int](), count: problem.quotas.count)
        for (u, quotas) in quotasOfUnit.enumerated() { for q in quotas { unitsOfQuota[q].append(u) } }
        for (q, quota) in problem.quotas.enumerated() {
            let entries = unitsOfQuota[q].map { (column: $0, coefficient: 1.0) }
            if slack {
                let lower = try program.addColumn(lower: 0, upper: Double(quota.min), objective: 1, kind: .integer)
                let raise = try program.addColumn(lower: 0, upper: Double(panelSize), objective: 1, kind: .integer)
                try program.addRow(entries + [(lower, 1.0)], lower: Double(quota.min), upper: nil)
                try program.addRow(entries + [(raise, -1.0)], lower: nil, upper: Double(quota.max))
            } else {
                try program.addRow(entries, lower: Double(quota.min), upper: Double(quota.max))
            }
        }
        if !households.isEmpty {
            var unitOf: [Int: Int] = [:]
            for (u, unit) in units.enumerated() { for v in unit { unitOf[v] = u } }
            for household in households {
                let columns = household.compactMap { unitOf[$0] }
                if columns.count > 1 { try program.addRow(columns.map { ($0, 1.0) }, lower: nil, upper: 1) }
            }
        }
        return program
    }

    /// The panel program over types.
    func typeProgram(slack: Bool = false) throws -> LinearProgram {
        try panelProgram(units: types, quotasOfUnit: typeQuotas, slack: slack)
    }

    /// The panel program over single volunteers (for draws that must name people: the lottery, replacements).
    func volunteerProgram() throws -> LinearProgram {
        var quotasOf = Array(repeating: [Int](), count: problem.volunteers.count)
        for (t, members) in types.enumerated() { for v in members { quotasOf[v] = typeQuotas[t] } }
        return try panelProgram(units: problem.volunteers.indices.map { [$0] }, quotasOfUnit: quotasOf)
    }
}
