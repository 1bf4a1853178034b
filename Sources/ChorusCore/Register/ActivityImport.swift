import Foundation

/// Reading a partner's existing activity spreadsheet: which column holds which field, and the cell formats
/// spreadsheets use (UK dates, yes/no, lists separated by semicolons). Pure: names are resolved by the caller.
public enum ActivityImport {
    /// Chorus fields a column can be mapped to, in form order, with the header names recognised automatically.
    public static let fields: [(field: String, synonyms: [String])] = [
        ("title", ["title", "name", "activity", "activity title"]),
        ("purpose", ["purpose", "why", "description", "aim"]),
        ("organisation", ["organisation", "organization", "lead organisation", "org", "partner"]),
        ("lead_officer", ["lead_officer", "lead officer", "lead", "officer", "lead email", "contact"]),
        ("partners", ["partners", "partner organisations"]),
        ("borough_wide", ["borough_wide", "borough wide", "borough-wide"]),
        ("places", ["places", "wards", "ward", "place", "area"]),
        ("themes", ["themes", "theme", "topic", "topics"]),
        ("audiences", ["audiences", "audience", "communities", "who"]),
        ("methods", ["methods", "method", "how"]),
        ("ladder_level", ["ladder_level", "ladder level", "level", "engagement level"]),
        ("status", ["status", "stage"]),
        ("starts_on", ["starts_on", "start", "start date", "from"]),
        ("ends_on", ["ends_on", "end", "end date", "to", "until"]),
        ("expected_reach", ["expected_reach", "expected reach", "reach", "participants"]),
        ("public_summary", ["public_summary", "public summary", "summary"]),
        ("is_public", ["is_public", "public", "listed publicly"]),
    ]
    public static let maxRows = 20_000
    /// A header wider than this is refused: the mapping page lists every column in each of its selects, so a file
    /// with 20,000 columns made a 12 MB page.
    public static let maxColumns = 100

    static func normalise(_ s: String) -> String {
        s.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
    }

    /// Field → column index, guessed from the header (first match wins; each column used once).
    public static func guessMapping(header: [String]) -> [String: Int] {
        var used = Set<Int>()
        var map: [String: Int] = [:]
        let names = header.map(normalise)
        for (field, synonyms) in fields {
            for s in synonyms.map(normalise) {
                if let i = names.firstIndex(of: s), !used.contains(i) { map[field] = i; used.insert(i); break }
            }
        }
        return map
    }

    /// Splits "Quayside; Old Town" (also "|" or line breaks: LF, CRLF or CR) into trimmed non-empty items. Split by
    /// scalar: "\r\n" is one Character, so a cell with Windows line breaks stayed one item (found by the fuzz checks, docs/fuzzing.md).
    public static func list(_ cell: String) -> [String] {
        cell.unicodeScalars.split(whereSeparator: { $0 == ";" || $0 == "|" || $0 == "\n" || $0 == "\r" })
            .map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
    }

    /// ISO (2026-03-01) or UK (01/03/2026, 1/3/2026) dates, as ISO text; nil when it is neither.
    public static func isoDate(_ cell: String) -> String? {
        let s = cell.trimmedWhitespace
        if let d = Day(iso: s) { return d.description }
        let parts = s.split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 else { return nil }
        func pad(_ n: Int, _ width: Int) -> String { let t = String(n); return String(repeating: "0", count: max(0, width - t.count)) + t }
        guard y >= 0, m >= 0, d >= 0 else { return nil }
        return Day(iso: pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2))?.description
    }

    /// yes/no, true/false, y/n, 1/0; nil when blank or unrecognised.
    public static func bool(_ cell: String) -> Bool? {
        switch cell.trimmedWhitespace.lowercased() {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0": return false
        default: return nil
        }
    }

    /// Matches a cell to one of a fixed set of codes by code or by label, ignoring case, spaces and punctuation.
    public static func code(_ cell: String, among options: [(code: String, label: String)]) -> String? {
        let key = squash(cell)
        return options.first { squash($0.code) == key || squash($0.label) == key }?.code
    }

    /// Lowercased letters and digits only. ASCII text (nearly every cell) is done byte by byte: `Character.isLetter`
    /// looks up Unicode properties and was a noticeable share of an import's time.
    static func squash(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A: out.append(b + 0x20)
            case 0x61...0x7A, 0x30...0x39: out.append(b)
            case 0x80...: return s.lowercased().filter { $0.isLetter || $0.isNumber }
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `code(_:among:)` for many cells against the same options: the options' squashed codes and labels, once.
    public struct Codes: Sendable {
        private let table: [String: String]
        public init(_ options: [(code: String, label: String)]) {
            var t: [String: String] = [:]
            for o in options { for k in [squash(o.code), squash(o.label)] where t[k] == nil { t[k] = o.code } }
            table = t
        }
        /// The same answer as `ActivityImport.code(cell, among: options)`.
        public func code(_ cell: String) -> String? { table[squash(cell)] }
    }
}
