import Vapor
import ChorusCore

/// Query parameters of an API operation, declared once as `FieldSpec`s: `documented` gives the OpenAPI parameters and
/// `read` checks a request against the same declaration, so a value the document does not allow is a 400 naming the
/// parameter. Parameters that are not declared are ignored (docs/api.md).
enum APIParameters {
    /// `page` (from 1) and `size` (1 to 200; a larger size is brought down to 200, as in every list).
    static let paging: [FieldSpec] = [
        FieldSpec(name: "page", kind: .integer(min: 1, max: 1_000_000), required: false, description: "Page number, from 1"),
        FieldSpec(name: "size", kind: .integer(min: 1, max: PageWindow.maxSize), required: false, description: "Items per page (default 25)"),
    ]

    static func documented(_ specs: [FieldSpec]) -> [(name: String, schema: Schema, description: String)] {
        specs.map { ($0.name, $0.schema(nullable: false), $0.description) }
    }

    /// The request's query values (trimmed, empty ones dropped), each declared one checked against its spec.
    static func read(_ req: Request, _ specs: [FieldSpec]) throws -> [String: String] {
        let values = req.queryValues
        var v = Validator()
        for spec in specs {
            guard let value = values[spec.name] else { continue }
            if let problem = problem(value, spec) { v.add(spec.name, problem) }
        }
        try v.check()
        return values
    }

    /// What is wrong with one value, or nil.
    static func problem(_ value: String, _ spec: FieldSpec) -> String? {
        let name = spec.name
        switch spec.kind {
        case .choice(let allowed):
            return allowed.contains(value) ? nil : "\(name) must be one of: \(allowed.joined(separator: ", "))"
        case .uuid:
            return UUID(uuidString: value) == nil ? "\(name) must be a UUID" : nil
        case .date:
            return Day(iso: value) == nil ? "\(name) must be a date as YYYY-MM-DD, like 2026-11-23" : nil
        case .integer(let lo, let hi):
            guard let n = Int(value) else { return "\(name) must be a whole number" }
            // Paging is brought into range rather than refused (docs/api.md); other numbers must be in range.
            if name == "page" || name == "size" { return nil }
            return (lo...hi).contains(n) ? nil : "\(name) must be from \(lo) to \(hi)"
        case .boolean:
            return ["true", "false"].contains(value) ? nil : "\(name) must be true or false"
        case .string(let max):
            if value.unicodeScalars.count > max { return "\(name) must be at most \(max) characters" }
            return Validation.isSingleLine(value) ? nil : "\(name) must be one line without control characters"
        case .email, .uuidList, .choiceList:
            return nil
        }
    }

    /// The page asked for (already checked by `read`).
    static func window(_ values: [String: String]) -> PageWindow {
        PageWindow(page: values["page"].flatMap { Int($0) }, size: values["size"].flatMap { Int($0) })
    }
}
