/// Writing an election as a Pabulib file, so a Chorus round can be exported and checked with the tools PB research
/// uses (pabutools, the Pabulib site), and read back by `PabulibElection.parse` into the same election.
///
/// The file is what `parse` reads: `META` (a `key;value` header line, then one key a line, in `metaOrder`),
/// `PROJECTS` (`project_id;cost`, then the asked-for columns) and `VOTES` (`voter_id;vote`, `points` when any vote
/// has points, then the asked-for columns); `;`-separated, LF line ends. A field is quoted with `"` (an inner `"`
/// doubled) when it holds `;`, `"`, CR or LF, or a `,` outside the list columns (`vote`, `points`), whose items
/// are comma-separated. A missing value is written `none`. Costs and points are written as plain numbers, without a
/// trailing `.0` when whole and never with a thousands separator or a decimal comma.
///
/// Unlike `CSV.escape`, a value that looks like a spreadsheet formula (`=SUM(A1)`) is not prefixed with `'`: the
/// file is data for other programs, and the prefix would change the value read back.
///
/// What the format cannot hold, and so does not read back as written: a value with spaces or tabs at either end
/// (the reader trims them), an empty value or one that is `none` in any case in PROJECTS or VOTES (read as
/// missing), a project id with a comma, in a vote (it splits the list), and a blank vote's points (read as no
/// points).
extension PabulibElection {
    /// The order META keys are written in: Pabulib's usual first keys, then every other key sorted.
    public static let metaOrder = ["description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule"]

    /// `keys` in `metaOrder`: the known keys in that order, then the rest sorted (byte order, so any platform agrees).
    public static func orderedMetaKeys(_ keys: some Sequence<String>) -> [String] {
        let given = Set(keys)
        let known = metaOrder.filter(given.contains)
        let rest = given.subtracting(metaOrder).sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
        return known + rest
    }

    /// The election as Pabulib text. `projectColumns` and `voteColumns` are the extra columns to write, in that
    /// order, from each project's or vote's `fields` (a column without a value is written `none`); the columns the
    /// file always has (`project_id`, `cost`; `voter_id`, `vote`, `points`) are not written twice.
    public func pabulibText(projectColumns: [String] = [], voteColumns: [String] = []) -> String {
        var out = ""
        func line(_ fields: [String]) {
            out += fields.joined(separator: ";")
            out += "\n"
        }
        line(["META"])
        line(["key", "value"])
        for key in Self.orderedMetaKeys(meta.keys) { line([Self.field(key), Self.field(meta[key]!, missing: "")]) }

        let projectExtra = Self.unique(projectColumns, without: ["project_id", "cost"])
        line(["PROJECTS"])
        line((["project_id", "cost"] + projectExtra).map { Self.field($0) })
        for p in projects {
            line([Self.field(p.id), Self.written(p.cost)] + projectExtra.map { Self.field(p.fields[$0]) })
        }

        let withPoints = votes.contains { $0.points != nil }
        let voteExtra = Self.unique(voteColumns, without: ["voter_id", "vote", "points"])
        line(["VOTES"])
        line((["voter_id", "vote"] + (withPoints ? ["points"] : []) + voteExtra).map { Self.field($0) })
        for v in votes {
            var row = [Self.field(v.voterID), Self.field(v.projects.joined(separator: ","), list: true)]
            if withPoints { row.append(Self.field(v.points.map { $0.map(Self.written).joined(separator: ",") }, list: true)) }
            line(row + voteExtra.map { Self.field(v.fields[$0]) })
        }
        return out
    }

    /// Columns in the order asked, each once, leaving out those the section always writes.
    private static func unique(_ columns: [String], without fixed: Set<String>) -> [String] {
        var seen = fixed
        return columns.filter { seen.insert($0.lowercased()).inserted }
    }

    /// One field: `none` when missing (or empty), quoted when `parse` would otherwise split or cut it. Looked at
    /// scalar by scalar as the reader reads ("\r\n" is one Character, equal to neither "\r" nor "\n").
    static func field(_ value: String?, list: Bool = false, missing: String = "none") -> String {
        guard let value, !value.isEmpty else { return missing }
        let quote = value.unicodeScalars.contains { c in
            c == ";" || c == "\"" || c == "\r" || c == "\n" || (!list && c == ",")
        }
        guard quote else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for c in value.unicodeScalars {
            if c == "\"" { quoted.append("\"") }
            quoted.append(c)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// A cost or points value: whole numbers without `.0` (7200, not 7200.0); others in Swift's shortest form that
    /// reads back as the same Double (7200.5, 1e-07).
    static func written(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
