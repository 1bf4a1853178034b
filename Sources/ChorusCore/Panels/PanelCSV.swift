/// Reads the two files of a selection, as the Sortition Foundation's tools lay them out: `categories.csv` with
/// columns category, feature, min, max (one quota a row), and `respondents.csv` with one column per category
/// (named as in categories.csv) plus optional `id` and `household` columns (any other column is ignored). Without
/// an id column, ids are the data row numbers "1", "2", …. Column names match case-insensitively and values are
/// trimmed. Every problem is a `PanelCSV.Error` naming the file, row (the header is row 1) and column, e.g.
/// "categories.csv row 4: max (3) is below min (5)"; nothing here traps.
public enum PanelCSV {
    public struct Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        public var file: String
        /// 1-based row, the header being row 1; nil when the problem is the file as a whole.
        public var row: Int?
        public var column: String?
        public var message: String

        public var description: String {
            var place = file
            if let row { place += " row \(row)" }
            if let column { place += " column \(column)" }
            return "\(place): \(message)"
        }
    }

    public static let categoriesFile = "categories.csv"
    public static let respondentsFile = "respondents.csv"

    /// Both files into a problem with the given panel size.
    public static func problem(
        categories: String, respondents: String, panelSize: Int, keepHouseholdsApart: Bool = false
    ) throws(Error) -> PanelProblem {
        let quotas = try quotas(categories)
        let volunteers = try volunteers(respondents, quotas: quotas)
        return PanelProblem(panelSize: panelSize, quotas: quotas, volunteers: volunteers, keepHouseholdsApart: keepHouseholdsApart)
    }

    /// categories.csv: category, feature, min, max.
    public static func quotas(_ text: String) throws(Error) -> [PanelQuota] {
        let file = categoriesFile
        let rows = try records(text, file: file)
        guard let header = rows.first else { throw Error(file: file, message: "the file is empty") }
        let names = header.map { $0.lowercased() }
        var at: [String: Int] = [:]
        for wanted in ["category", "feature", "min", "max"] {
            guard let i = names.firstIndex(of: wanted) else {
                throw Error(file: file, row: 1, column: wanted, message: "the header has no \(wanted) column")
            }
            at[wanted] = i
        }
        var quotas: [PanelQuota] = []
        var seen: [String: Int] = [:]
        for (r, row) in rows.enumerated().dropFirst() {
            let line = r + 1
            func field(_ name: String) throws(Error) -> String {
                let i = at[name]!
                guard i < row.count, !row[i].isEmpty else {
                    throw Error(file: file, row: line, column: name, message: "\(name) is empty")
                }
                return row[i]
            }
            func number(_ name: String) throws(Error) -> Int {
                let text = try field(name)
                guard let value = Int(text), value >= 0 else {
                    throw Error(file: file, row: line, column: name, message: "\(name) (\(text)) is not a whole number ≥ 0")
                }
                return value
            }
            let quota = PanelQuota(
                category: try field("category"), feature: try field("feature"), min: try number("min"), max: try number("max"))
            guard quota.max >= quota.min else {
                throw Error(file: file, row: line, column: "max", message: "max (\(quota.max)) is below min (\(quota.min))")
            }
            let key = "\(quota.category)/\(quota.feature)"
            if let earlier = seen[key] {
                throw Error(file: file, row: line, message: "\(key) is listed twice (also row \(earlier))")
            }
            seen[key] = line
            quotas.append(quota)
        }
        guard !quotas.isEmpty else { throw Error(file: file, message: "there are no quotas (only a header)") }
        return quotas
    }

    /// respondents.csv: one column per category of `quotas`, optional id and household.
    public static func volunteers(_ text: String, quotas: [PanelQuota]) throws(Error) -> [PanelVolunteer] {
        let file = respondentsFile
        let rows = try records(text, file: file)
        guard let header = rows.first else { throw Error(file: file, message: "the file is empty") }
        let names = header.map { $0.lowercased() }
        var categories: [String] = []
        for quota in quotas where !categories.contains(quota.category) { categories.append(quota.category) }
        var columnOf: [String: Int] = [:]
        for category in categories {
            guard let i = names.firstIndex(of: category.lowercased()) else {
                throw Error(file: file, row: 1, column: category, message: "the header has no column for the category \(category)")
            }
            columnOf[category] = i
        }
        var featuresOf: [String: Set<String>] = [:]
        for quota in quotas { featuresOf[quota.category, default: []].insert(quota.feature) }
        let idColumn = names.firstIndex(of: "id")
        let householdColumn = names.firstIndex(of: "household")
        var volunteers: [PanelVolunteer] = []
        var seen: [String: Int] = [:]
        for (r, row) in rows.enumerated().dropFirst() {
            let line = r + 1
            var features: [String: String] = [:]
            for category in categories {
                let i = columnOf[category]!
                let value = i < row.count ? row[i] : ""
                guard !value.isEmpty else {
                    throw Error(file: file, row: line, column: category, message: "no answer for \(category)")
                }
                guard featuresOf[category]!.contains(value) else {
                    throw Error(
                        file: file, row: line, column: category,
                        message: "\(value) is not a feature of \(category) in \(categoriesFile)")
                }
                features[category] = value
            }
            let id: String
            if let idColumn {
                id = idColumn < row.count ? row[idColumn] : ""
                guard !id.isEmpty else { throw Error(file: file, row: line, column: "id", message: "the id is empty") }
                if let earlier = seen[id] {
                    throw Error(file: file, row: line, column: "id", message: "id \(id) is used twice (also row \(earlier))")
                }
                seen[id] = line
            } else {
                id = String(r)
            }
            let household = householdColumn.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }
            volunteers.append(PanelVolunteer(id: id, features: features, household: household))
        }
        guard !volunteers.isEmpty else { throw Error(file: file, message: "there are no respondents (only a header)") }
        return volunteers
    }

    /// CSV records with every field trimmed; a parse error names the file and its line.
    static func records(_ text: String, file: String) throws(Error) -> [[String]] {
        do {
            return try CSV.parse(text).map { $0.map(\.trimmedWhitespace) }
        } catch {
            throw Error(file: file, row: error.line, message: error.message)
        }
    }
}
