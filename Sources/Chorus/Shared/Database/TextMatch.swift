import Fluent
import SQLKit

extension QueryBuilder {
    /// Case-insensitive "contains" over one or more text columns, the same on SQLite (LIKE) and PostgreSQL (ILIKE).
    /// LIKE wildcards (`%`, `_`, `\`) typed by a person are dropped from the search text, so they never act as wildcards.
    @discardableResult
    func matching(_ text: String?, in fields: [FieldKey]) -> Self {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return self }
        let op = (database as? any SQLDatabase)?.dialect.name == "postgresql" ? "ILIKE" : "LIKE"
        let literal = text.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "%", with: "")
            .replacingOccurrences(of: "_", with: "")
        guard !literal.isEmpty else { return self }
        return group(.or) { g in
            for f in fields { g.filter(f, .custom(op), "%\(literal)%") }
        }
    }
}

extension Database {
    var isPostgres: Bool { (self as? any SQLDatabase)?.dialect.name == "postgresql" }
}
