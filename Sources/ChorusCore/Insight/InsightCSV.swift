import Foundation

/// Reading a survey export into insights: which column holds which field (guessed from the header, confirmed by
/// the person importing), and what the import job remembers between the mapping page and the background run.
/// Pure: names are resolved and rows validated by the caller.
public enum InsightCSV {
    /// Fields a column can be mapped to, in form order, with header names recognised automatically.
    public static let fields: [(field: String, synonyms: [String])] =
        [
            ("text", ["text", "comment", "comments", "response", "answer", "what was said", "quote", "feedback", "verbatim", "insight"]),
            ("kind", ["kind", "type", "insight type"]),
            ("heard_on", ["heard_on", "heard on", "date heard", "date", "response date", "submitted", "completed", "submitted on"]),
            ("sharing", ["sharing", "sharing level", "who may see it", "visibility"]),
            ("ward", ["ward", "ward name", "ward code", "place", "area", "neighbourhood"]),
            ("postcode", ["postcode", "post code", "postal code", "postcode district"]),
            ("themes", ["themes", "theme", "topic", "topics"]),
            ("audiences", ["audiences", "audience", "communities", "community"]),
            ("people_count", ["people_count", "people count", "people", "number of people", "respondents"]),
            ("source_ref", ["source_ref", "source ref", "response id", "respondent id", "id", "reference", "ref"]),
            // "Heard during": an activity's title, its full name as the insight form suggests it, or its id.
            ("activity", ["activity", "heard during", "activity title", "activity name", "source activity", "activity id", "event"]),
        ] + EqualityMonitoring.questions.map { ($0.field, [$0.field, $0.question]) }

    /// Only the first rows are shown before an import starts.
    public static let previewRows = 5
    /// How many row problems a job keeps to show (the count of rejected rows is always complete).
    public static let maxProblems = 200

    /// Field → column index, guessed from the header (first match wins; each column used once).
    public static func guessMapping(header: [String]) -> [String: Int] {
        var used = Set<Int>()
        var map: [String: Int] = [:]
        let names = header.map(ActivityImport.normalise)
        for (field, synonyms) in fields {
            for s in synonyms.map(ActivityImport.normalise) {
                if let i = names.firstIndex(of: s), !used.contains(i) { map[field] = i; used.insert(i); break }
            }
        }
        return map
    }

    /// What the person chose on the mapping page; stored with the job as JSON.
    public struct Mapping: Codable, Sendable, Equatable {
        /// Field → column index.
        public var columns: [String: Int]
        /// Sharing level for rows whose sharing cell is empty or not mapped.
        public var defaultSharing: String
        /// Kind for rows whose kind cell is empty or not mapped.
        public var defaultKind: String
        /// Store the valid rows and skip the others, instead of storing nothing when any row fails.
        public var validOnly: Bool
        /// The activity ("Heard during", an id) for rows whose activity cell is empty or not mapped; nil for none.
        public var defaultActivity: UUID?
        /// "Import the N valid rows" after a run that stored nothing: exactly this many rows must pass, else nothing
        /// is stored (the file or the reference data changed in between).
        public var expectedValidRows: Int?

        public init(
            columns: [String: Int], defaultSharing: String, defaultKind: String, validOnly: Bool, defaultActivity: UUID? = nil,
            expectedValidRows: Int? = nil
        ) {
            self.columns = columns; self.defaultSharing = defaultSharing; self.defaultKind = defaultKind; self.validOnly = validOnly
            self.defaultActivity = defaultActivity; self.expectedValidRows = expectedValidRows
        }

        enum CodingKeys: String, CodingKey { case columns, defaultSharing, defaultKind, validOnly, defaultActivity, expectedValidRows }

        /// Mappings stored before a field existed still read (the new fields are optional).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            columns = try c.decode([String: Int].self, forKey: .columns)
            defaultSharing = try c.decode(String.self, forKey: .defaultSharing)
            defaultKind = try c.decode(String.self, forKey: .defaultKind)
            validOnly = try c.decode(Bool.self, forKey: .validOnly)
            defaultActivity = try c.decodeIfPresent(UUID.self, forKey: .defaultActivity)
            expectedValidRows = try c.decodeIfPresent(Int.self, forKey: .expectedValidRows)
        }

        /// The trimmed cell of `field` in `row`, or "" when the field is not mapped or the row is short.
        public func cell(_ field: String, _ row: [String]) -> String {
            guard let i = columns[field], i >= 0, i < row.count else { return "" }
            return row[i].trimmedWhitespaceAndNewlines
        }
    }

    /// One row that could not be stored: the file line, the column (its header name where mapped) and why.
    public struct Problem: Codable, Sendable, Equatable {
        public let line: Int
        public let field: String
        public let message: String
        public init(line: Int, field: String, message: String) { self.line = line; self.field = field; self.message = message }
    }
}
