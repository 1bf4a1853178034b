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

        public init(columns: [String: Int], defaultSharing: String, defaultKind: String, validOnly: Bool) {
            self.columns = columns; self.defaultSharing = defaultSharing; self.defaultKind = defaultKind; self.validOnly = validOnly
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
