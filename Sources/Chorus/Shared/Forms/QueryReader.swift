import Foundation
import ChorusCore

/// Reads a list page's query string (`?ward=…&from=…`) into typed filter values and collects one message per bad
/// field, for the register's and the insight store's filters alike. An empty value means "any".
struct QueryReader {
    let values: [String: String]
    private(set) var validator = Validator()

    init(_ values: [String: String]) { self.values = values }

    /// The trimmed text, nil when absent or empty.
    func text(_ key: String) -> String? { values[key]?.trimmingCharacters(in: .whitespaces).nilIfEmpty }

    mutating func uuid(_ key: String) -> UUID? {
        guard let s = text(key) else { return nil }
        if let id = UUID(uuidString: s) { return id }
        validator.add(key, "\(key) must be an id from the list"); return nil
    }

    mutating func day(_ key: String) -> Day? {
        guard let s = text(key) else { return nil }
        if let d = Day(iso: s) { return d }
        validator.add(key, "Enter \(key == "from" ? "the from date" : key == "to" ? "the to date" : key) as YYYY-MM-DD, like 2026-11-23"); return nil
    }

    /// One of an enumeration's raw values.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> String? where T.RawValue == String {
        guard let s = text(key) else { return nil }
        if T(rawValue: s) != nil { return s }
        validator.add(key, "\(key) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))"); return nil
    }

    mutating func add(_ key: String, _ message: String) { validator.add(key, message) }

    /// The to date not before the from date, and whole-number paging; then throws every message collected.
    mutating func check(from: Day?, to: Day?) throws {
        if let a = from, let b = to, b < a { validator.add("to", "The to date must be the same as or after the from date") }
        for key in ["page", "size"] { if let s = values[key], Int(s) == nil { validator.add(key, "\(key) must be a whole number") } }
        try validator.check()
    }
}
