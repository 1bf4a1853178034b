import Foundation

/// A participatory-budgeting election in the Pabulib format (pabulib.org), the common format of PB research and of
/// peers' exports: three sections, `META` (key;value), `PROJECTS` (a header with `project_id;cost`, then one project
/// a line) and `VOTES` (a header with `voter_id;vote`, then one ballot a line), `;`-separated with CSV quoting, LF or
/// CRLF, section and column names in any case, `none` for a missing value, lists comma-separated. Reading it lets
/// Chorus replay a real election through its rules, and check them against the official outcome (`selected`);
/// writing it (`pabulibText`, PabulibWriter.swift) lets a round be checked by others with the same tools. A vote
/// that is missing (`none` or empty) is a blank ballot, so a round with blank ballots reads back as it was written.
public struct PabulibElection: Sendable, Equatable {
    public enum VoteType: String, Sendable, CaseIterable {
        case approval, ordinal, cumulative, scoring
        case chooseOne = "choose-1"
    }

    public struct Project: Sendable, Equatable {
        public let id: String
        public let cost: Double
        /// Every column as given (lower-cased names), `none` as missing: votes, name, category, selected…
        public let fields: [String: String]
        /// The official outcome, when the file says (`selected` 1 or 0).
        public var selected: Bool? { fields["selected"].flatMap { Int($0) }.map { $0 != 0 } }

        public init(id: String, cost: Double, fields: [String: String] = [:]) {
            self.id = id
            self.cost = cost
            self.fields = fields
        }
    }

    public struct Vote: Sendable, Equatable {
        public let voterID: String
        /// The projects on the ballot, in ballot order (for `ordinal`, most preferred first).
        public let projects: [String]
        /// Points per project in `projects` order (cumulative and scoring ballots).
        public let points: [Double]?
        /// The other columns (age, sex, voting_method…).
        public let fields: [String: String]

        public init(voterID: String, projects: [String], points: [Double]? = nil, fields: [String: String] = [:]) {
            self.voterID = voterID
            self.projects = projects
            self.points = points
            self.fields = fields
        }
    }

    public var meta: [String: String]
    public var projects: [Project]
    public var votes: [Vote]

    public init(meta: [String: String], projects: [Project], votes: [Vote]) {
        self.meta = meta
        self.projects = projects
        self.votes = votes
    }

    public var voteType: VoteType? { meta["vote_type"].flatMap { VoteType(rawValue: $0.lowercased()) } }
    public var budget: Double? { meta["budget"].flatMap(Self.number) }

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads a `.pb` file's text. Errors name the section, the record (project or voter id) and the column.
    public static func parse(_ text: String) throws(ParseError) -> PabulibElection {
        let records: [[String]]
        do { records = try CSV.parse(text, separator: ";") } catch { throw ParseError(message: "The file is not readable: \(error.description)") }
        var sections: [String: [[String]]] = [:]
        var current: String? = nil
        for record in records {
            let first = record.first.map { trimmed(Substring($0)).uppercased() } ?? ""
            if record.count == 1, ["META", "PROJECTS", "VOTES"].contains(first) {
                guard sections[first] == nil else { throw ParseError(message: "The section \(first) appears twice") }
                current = first
                sections[first] = []
                continue
            }
            guard let section = current else { throw ParseError(message: "The file must start with the META section") }
            sections[section]!.append(record.map { trimmed(Substring($0)) })
        }
        for name in ["META", "PROJECTS", "VOTES"] where sections[name] == nil {
            throw ParseError(message: "The file has no \(name) section")
        }
        var meta: [String: String] = [:]
        for row in sections["META"]!.dropFirst() where row.count >= 2 {
            meta[row[0].lowercased()] = row[1...].joined(separator: ";")
        }
        let projects = try table("PROJECTS", sections["PROJECTS"]!, required: ["project_id", "cost"]).map { row throws(ParseError) -> Project in
            let id = row["project_id"]!
            guard let cost = number(row["cost"]), cost >= 0 else {
                throw ParseError(message: "PROJECTS, project \(id): the cost \"\(row["cost"] ?? "")\" is not a number of 0 or more")
            }
            return Project(id: id, cost: cost, fields: row)
        }
        var known = Set<String>()
        for p in projects where !known.insert(p.id).inserted { throw ParseError(message: "PROJECTS: the project id \(p.id) is used twice") }
        var voters = Set<String>()
        let votes = try table("VOTES", sections["VOTES"]!, required: ["voter_id", "vote"], mayBeMissing: ["vote"]).map {
            row throws(ParseError) -> Vote in
            let id = row["voter_id"]!
            guard voters.insert(id).inserted else { throw ParseError(message: "VOTES: the voter id \(id) is used twice") }
            let chosen = list(row["vote"])
            for p in chosen where !known.contains(p) {
                throw ParseError(message: "VOTES, voter \(id): the vote names project \(p), which is not in PROJECTS")
            }
            var points: [Double]? = nil
            if let raw = row["points"] {
                let values = list(raw).map(number)
                guard values.count == chosen.count, values.allSatisfy({ $0 != nil }) else {
                    throw ParseError(message: "VOTES, voter \(id): points \"\(raw)\" must be one number for each project voted for (\(chosen.count))")
                }
                points = values.map { $0! }
            }
            var rest = row
            for used in ["voter_id", "vote", "points"] { rest[used] = nil }
            return Vote(voterID: id, projects: chosen, points: points, fields: rest)
        }
        return PabulibElection(meta: meta, projects: projects, votes: votes)
    }

    /// A section's rows as column name (lower-cased) → value, `none` and empty left out. Every `required` column
    /// must be in the header, and have a value on every row unless it is in `mayBeMissing`.
    private static func table(
        _ name: String, _ rows: [[String]], required: [String], mayBeMissing: Set<String> = []
    ) throws(ParseError) -> [[String: String]] {
        guard let header = rows.first?.map({ $0.lowercased() }) else { throw ParseError(message: "\(name) has no header line") }
        for column in required where !header.contains(column) {
            throw ParseError(message: "\(name): the header has no \(column) column (it has \(header.joined(separator: ", ")))")
        }
        return try rows.dropFirst().enumerated().map { n, row throws(ParseError) -> [String: String] in
            guard row.count <= header.count else {
                throw ParseError(message: "\(name), line \(n + 1) after the header: \(row.count) values for \(header.count) columns")
            }
            var out: [String: String] = [:]
            for (i, value) in row.enumerated() where !value.isEmpty && value.lowercased() != "none" { out[header[i]] = value }
            for column in required where out[column] == nil && !mayBeMissing.contains(column) {
                throw ParseError(message: "\(name), line \(n + 1) after the header: no \(column)")
            }
            return out
        }
    }

    private static func list(_ raw: String?) -> [String] {
        (raw ?? "").split(separator: ",").map(trimmed).filter { !$0.isEmpty }
    }

    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode spaces, Zs) without Foundation, which bridges every
    /// string through NSString: that took half the time of reading a 90,000-ballot file (Łódź 2022).
    static func trimmed(_ s: Substring) -> String {
        func space(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? c == " " || c == "\t" : c.properties.generalCategory == .spaceSeparator
        }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !space($0) }), let last = scalars.lastIndex(where: { !space($0) }) else { return "" }
        // Through Substring: String(UnicodeScalarView) appends scalar by scalar; this copies the bytes at once.
        return String(Substring(scalars[first...last]))
    }

    /// A number as Pabulib files write them: "7200", "7200.50", "7 200", "7200,50" (a decimal comma).
    static func number(_ raw: String?) -> Double? {
        guard var s = raw.map({ trimmed(Substring($0)) }), !s.isEmpty else { return nil }
        s = s.replacingOccurrences(of: " ", with: "")
        if !s.contains("."), s.filter({ $0 == "," }).count == 1 { s = s.replacingOccurrences(of: ",", with: ".") }
        guard let d = Double(s), d.isFinite else { return nil }
        return d
    }
}
