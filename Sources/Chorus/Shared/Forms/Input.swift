import Vapor
import ChorusCore

/// The declared shape of one input field, shared by the HTML form, the JSON API and the OpenAPI document,
/// so the three cannot drift apart.
struct FieldSpec: Sendable {
    enum Kind: Sendable {
        case string(maxLength: Int)
        case email
        case integer(min: Int, max: Int)
        case choice([String])
        case uuid
        case date
        case boolean
        case uuidList
        case choiceList([String])
    }
    let name: String
    let kind: Kind
    let required: Bool
    let description: String
    /// A regular expression the value must match (documented in the OpenAPI schema; checked by the validator).
    var pattern: String? = nil
    /// Text that may hold line breaks (a textarea; `Validator`'s `multiline:`). Other text is one line.
    var multiline: Bool = false

    /// Whether the field takes several values (checkboxes, a JSON array).
    var isList: Bool {
        switch kind {
        case .uuidList, .choiceList: return true
        default: return false
        }
    }
}

/// Submitted values as text, whichever way they arrived (form or JSON), ready for a `Validator`.
struct Input: Sendable {
    var values: [String: String]
    /// Every value of a repeated field (checkbox groups, JSON arrays), by name.
    var lists: [String: [String]] = [:]
    subscript(_ key: String) -> String? { values[key] }

    /// A ticked checkbox or a yes in a file or a query: "true", "yes", "on" or "1", in any case.
    static func isTrue(_ s: String?) -> Bool { ["true", "yes", "on", "1"].contains((s ?? "").lowercased()) }
    func list(_ key: String) -> [String] { lists[key] ?? [] }

    /// An urlencoded form (repeated names and `name[]` become lists), or the text fields of a multipart form.
    static func form(_ req: Request) throws -> Input {
        if req.headers.contentType == .urlEncodedForm, let buffer = req.body.data {
            var input = parse(urlEncoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
            input.values[CSRFMiddleware.fieldName] = nil
            input.lists[CSRFMiddleware.fieldName] = nil
            return input
        }
        let all = (try? req.content.decode([String: String].self)) ?? [:]
        return Input(values: all.filter { $0.key != CSRFMiddleware.fieldName })
    }

    static func parse(urlEncoded body: String) -> Input {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            var key = decode(kv[0])
            // NUL is never meaningful in a form and PostgreSQL cannot store it.
            let value = (kv.count > 1 ? decode(kv[1]) : "").replacingOccurrences(of: "\u{0}", with: "")
            if key.hasSuffix("[]") { key.removeLast(2) }
            guard !key.isEmpty else { continue }
            values[key] = value
            lists[key, default: []].append(value)
        }
        return Input(values: values, lists: lists)
    }

    /// A JSON object checked against the field specs: unknown fields and wrong JSON types are field errors.
    /// `null` clears an optional field. Values become text for the same validators the forms use.
    static func json(_ req: Request, specs: [FieldSpec]) throws -> Input {
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw ValidationFailure([FieldError("body", "Send a JSON object in the request body")])
        }
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch {
            throw ValidationFailure([FieldError("body", "The request body is not valid JSON")])
        }
        guard case let .object(dict) = object else {
            throw ValidationFailure([FieldError("body", "The request body must be a JSON object")])
        }
        return try Input.object(dict, specs: specs)
    }

    /// One JSON object checked against the field specs. `prefix` names fields inside a batch ("insights[3].").
    static func object(_ dict: [String: JSONValue], specs: [FieldSpec], prefix: String = "") throws(ValidationFailure) -> Input {
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var v = Validator()
        let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, raw) in dict.sorted(by: { $0.key < $1.key }) {
            let field = prefix + key
            guard let spec = byName[key] else {
                v.add(field, "\(key) is not a field of this resource (fields: \(specs.map(\.name).joined(separator: ", ")))")
                continue
            }
            if raw.containsNUL {
                // PostgreSQL cannot store NUL in text, and no field needs it.
                v.add(field, "\(key) must not contain NUL characters")
                continue
            }
            switch (spec.kind, raw) {
            case (_, .null): values[key] = ""; lists[key] = []
            case (.integer, .integer(let n)): values[key] = String(n)
            case (.integer, _): v.add(field, "\(key) must be an integer")
            case (.boolean, .bool(let b)): values[key] = b ? "true" : "false"
            case (.boolean, _): v.add(field, "\(key) must be true or false")
            case (.uuidList, .array(let items)), (.choiceList, .array(let items)):
                var strings: [String] = []
                for item in items { if case .string(let s) = item { strings.append(s) } }
                if strings.count != items.count { v.add(field, "\(key) must be an array of strings") }
                lists[key] = strings
                values[key] = strings.joined(separator: ",")
            case (.uuidList, _), (.choiceList, _): v.add(field, "\(key) must be an array of strings")
            case (_, .string(let s)): values[key] = s
            default: v.add(field, "\(key) must be a string")
            }
        }
        try v.check()
        return Input(values: values, lists: lists)
    }

    /// `base` overlaid with these values: a PATCH changes only the fields it sends.
    func over(_ base: [String: String]) -> Input {
        Input(values: base.merging(values) { _, new in new }, lists: lists)
    }

    /// `base` overlaid with these values and lists (for records with list fields).
    func over(_ base: Input) -> Input {
        Input(values: base.values.merging(values) { _, new in new }, lists: base.lists.merging(lists) { _, new in new })
    }
}

/// Any JSON value, decoded strictly (true is not 1, 1.5 is not an integer).
enum JSONValue: Decodable {
    var containsNUL: Bool {
        switch self {
        case .string(let s): return s.contains("\u{0}")
        case .array(let a): return a.contains { $0.containsNUL }
        case .object(let o): return o.contains { $0.key.contains("\u{0}") || $0.value.containsNUL }
        default: return false
        }
    }

    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }
}
