import Foundation

/// RFC 4180 CSV reading and writing. Pure and allocation-light; used by every import and export.
public enum CSV {
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses CSV text into records (arrays of fields). Accepts LF or CRLF line ends, quoted fields with
    /// embedded commas, quotes ("" escapes) and line breaks, and a leading UTF-8 byte-order mark.
    /// Blank lines are skipped. An unterminated quote is an error naming the line where it opened.
    public static func parse(_ text: String, separator: Character = ",") throws(ParseError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var quoteOpenedLine = 0
        var line = 1
        var fieldWasQuoted = false
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        let sep = separator.unicodeScalars.first!

        func endRecord() {
            record.append(field)
            if !(record.count == 1 && record[0].isEmpty && !fieldWasQuoted) { records.append(record) }
            record = []
            field = ""
            fieldWasQuoted = false
        }

        var first = true
        while let c = pending ?? chars.next() {
            pending = nil
            if first { first = false; if c == "\u{FEFF}" { continue } }
            if inQuotes {
                if c == "\"" {
                    let next = chars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteOpenedLine = line
            case sep:
                record.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                let next = chars.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
            case "\n":
                endRecord()
                line += 1
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ParseError(line: quoteOpenedLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// Quotes a field when it needs it. Fields that a spreadsheet could run as a formula (see `looksLikeFormula`)
    /// are prefixed with an apostrophe (CSV injection). Looked at scalar by scalar, as `parse` reads: by Character,
    /// "\r\n" is one Character equal to neither "\r" nor "\n", and a comma or quote followed by a combining mark is
    /// one Character too, so such a field was written unquoted and split the row when read back (found by the fuzz checks, docs/fuzzing.md).
    public static func escape(_ field: String) -> String {
        var value = field
        if looksLikeFormula(value) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// Whether a field starts with =, +, -, @, a tab or a carriage return, judged on its first Unicode scalar that
    /// is not a format character (Cf: zero-width space, joiners, direction marks, BOM) or a combining mark (Mn, Me),
    /// because a spreadsheet may drop those or draw them onto the next character: `=\u{301}HYPERLINK(…)` still starts
    /// with `=`. Compatibility forms count as their ASCII letter (fullwidth `＝ ＋ － ＠`, small `﹦`, superscript `⁼`…),
    /// since some spreadsheets fold them when they read a file.
    public static func looksLikeFormula(_ field: String) -> Bool {
        for scalar in field.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .format, .nonspacingMark, .enclosingMark: continue
            default: break
            }
            if scalar.isASCII { return formulaStarts.contains(scalar) }
            // Only the first visible scalar is folded (NFKC), so a long field costs no more than a short one.
            guard let folded = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars.first else { return false }
            return folded.isASCII && formulaStarts.contains(folded) && folded != "\t" && folded != "\r"
        }
        return false
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Writes records as CSV with CRLF line ends (RFC 4180).
    public static func write(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// One record, escaped, with its CRLF: for exports streamed a page of rows at a time.
    public static func line(_ cells: [String]) -> String { cells.map(escape).joined(separator: ",") + "\r\n" }
}

/// A CSV file read as a header plus rows addressed by column name (case-insensitive, trimmed).
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String]]
    private let index: [String: Int]

    public init(text: String) throws(CSV.ParseError) {
        let records = try CSV.parse(text)
        guard let head = records.first else { throw CSV.ParseError(line: 1, message: "the file is empty") }
        header = head.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = Array(records.dropFirst())
        var idx: [String: Int] = [:]
        for (i, name) in header.enumerated() where idx[Self.key(name)] == nil { idx[Self.key(name)] = i }
        index = idx
    }

    static func key(_ name: String) -> String {
        name.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_")
    }

    public func hasColumn(_ name: String) -> Bool { index[Self.key(name)] != nil }

    /// The trimmed value of `column` in `row`, or "" when the column or cell is missing.
    public func value(_ row: [String], _ column: String) -> String {
        guard let i = index[Self.key(column)], i < row.count else { return "" }
        return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
