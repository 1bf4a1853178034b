import Vapor
import Fluent
import ChorusCore

/// A JSON output value (DTO field).
enum OutValue: Encodable, Sendable, Equatable {
    case string(String), int(Int), bool(Bool), strings([String]), null
    static func opt(_ s: String?) -> OutValue { s.map(OutValue.string) ?? .null }
    static func opt(_ n: Int?) -> OutValue { n.map(OutValue.int) ?? .null }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let n): try c.encode(n)
        case .bool(let b): try c.encode(b)
        case .strings(let list): try c.encode(list)
        case .null: try c.encodeNil()
        }
    }
}

/// A record the partnership admin manages (organisations, people, places, themes, audiences). One conformance
/// gives the HTML list/new/edit/delete pages, CSV export, the /api/v1 endpoints, their OpenAPI entries and
/// audit entries (see `AdminCRUD`). The conformance is the feature's service: it validates and applies changes.
protocol AdminResource: Sendable {
    associatedtype Record: Model where Record.IDValue == UUID
    associatedtype Clean: Sendable

    /// URL segment and catalogue prefix, plural: "places".
    var slug: String { get }
    /// Audit entity and OpenAPI schema name stem, singular: "place".
    var entity: String { get }
    /// Input fields, in form order.
    var specs: [FieldSpec] { get }
    /// Extra list filters (query parameter names) beyond the free-text `q`.
    var filters: [FieldSpec] { get }
    var searchFields: [FieldKey] { get }
    /// Whether records can be deleted at all (people are deactivated instead).
    var deletable: Bool { get }
    /// Whether every staff member may read these through the API (people: partnership admins only).
    var readableByAllStaff: Bool { get }

    func applyFilters(_ q: QueryBuilder<Record>, _ filters: [String: String])
    func sort(_ q: QueryBuilder<Record>)
    /// Choices for a choice or uuid field, labelled in the reader's language (the page builder asks; views get them).
    func options(_ field: String, ctx: PageContext, db: any Database) async throws -> [Form.Option]
    /// The record's input fields as text (edit form, PATCH base, audit snapshot, CSV).
    func values(_ r: Record) -> [String: String]
    func label(_ r: Record) -> String
    /// Checks input against the rules and the database. Throws `ValidationFailure`; saves nothing.
    func validate(_ input: Input, existing: Record?, on db: any Database) async throws -> Clean
    func apply(_ c: Clean, to r: Record)
    /// nil if the record may be deleted, else the reason it may not.
    func deleteBlocker(_ r: Record, on db: any Database) async throws -> String?
    /// Read-only output fields beyond id and the input fields.
    func extraOutput(_ r: Record) -> [String: OutValue]
    var extraSchema: [String: Schema] { get }
    /// Names for related ids shown in the list (organisation names, parent places…).
    func lookup(_ records: [Record], on db: any Database) async throws -> [UUID: String]
    /// The record's fields as text for a list row (default: `values`; people add whether they are active).
    func rowValues(_ r: Record) -> [String: String]
    /// List columns: header text and cell, from the plain row (its values and looked-up names).
    func columns(_ ctx: PageContext) -> [Lists.Column<AdminRow>]
    /// Extra sections on the edit page (people: status, invitation), as plain values a pure view renders.
    func editExtras(_ r: Record) -> (any AdminEditExtras)?
    /// Where to go after creating a record (default: the list with a "saved" notice).
    func afterCreate(_ r: Record) -> String?
}

extension AdminResource {
    var filters: [FieldSpec] { [] }
    var deletable: Bool { true }
    var readableByAllStaff: Bool { true }
    func applyFilters(_ q: QueryBuilder<Record>, _ filters: [String: String]) {}
    func options(_ field: String, ctx: PageContext, db: any Database) async throws -> [Form.Option] { [] }
    func deleteBlocker(_ r: Record, on db: any Database) async throws -> String? { nil }
    func extraOutput(_ r: Record) -> [String: OutValue] { [:] }
    var extraSchema: [String: Schema] { [:] }
    func lookup(_ records: [Record], on db: any Database) async throws -> [UUID: String] { [:] }

    func rowValues(_ r: Record) -> [String: String] { values(r) }
    func editExtras(_ r: Record) -> (any AdminEditExtras)? { nil }
    func afterCreate(_ r: Record) -> String? { nil }

    var urls: SiteURL.Admin { SiteURL.admin(slug) }

    /// The DTO: id, every input field typed as documented, and the extra read-only fields.
    func dto(_ r: Record) -> [String: OutValue] {
        let v = values(r)
        var out: [String: OutValue] = ["id": .string(r.id?.uuidString ?? "")]
        for s in specs {
            let text = v[s.name] ?? ""
            if case .integer = s.kind {
                out[s.name] = Int(text).map(OutValue.int) ?? .null
            } else {
                out[s.name] = text.isEmpty ? .null : .string(text)
            }
        }
        return out.merging(extraOutput(r)) { a, _ in a }
    }

    var outputSchema: Schema {
        var props: [String: Schema] = ["id": .string(format: "uuid")]
        for s in specs { props[s.name] = s.outputSchema(nullable: !s.required) }
        props.merge(extraSchema) { a, _ in a }
        return .object(props, required: Array(props.keys))
    }

    var inputSchema: Schema {
        .object(
            Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.schema(nullable: !$0.required)) }),
            required: specs.filter(\.required).map(\.name))
    }

    var patchSchema: Schema {
        .object(Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.schema(nullable: !$0.required)) }), required: [])
    }
}

extension FieldSpec {
    /// The field's JSON Schema, as strict as the checks the services make on the value alone: lengths, one line or
    /// several (never control characters), a non-blank required text, a plausible email, a real date within the years
    /// Chorus takes, at least one item where one is required.
    func schema(nullable: Bool) -> Schema {
        switch kind {
        case .string(let max):
            return .string(
                maxLength: max, nullable: nullable, minLength: required ? 1 : nil,
                pattern: pattern ?? TextPattern.text(required: required, multiline: multiline))
        case .email: return .string(format: "email", maxLength: 254, nullable: nullable, pattern: TextPattern.email)
        case .integer(let lo, let hi): return .integer(minimum: lo, maximum: hi, nullable: nullable)
        case .choice(let values): return .string(enumValues: values, nullable: nullable)
        case .uuid: return .string(format: "uuid", nullable: nullable)
        case .date: return .string(format: "date", nullable: nullable, pattern: TextPattern.day)
        case .boolean: return .boolean
        case .uuidList: return .array(.string(format: "uuid"), minItems: required ? 1 : nil)
        case .choiceList(let values): return .array(.string(enumValues: values), minItems: required ? 1 : nil)
        }
    }

    /// The field as records come back: its type, format and choices, without the input rules (a record stored before a
    /// rule was tightened still comes back as it is).
    func outputSchema(nullable: Bool) -> Schema {
        switch kind {
        case .string(let max): return .string(maxLength: max, nullable: nullable)
        // What the server checks is a plausible address (`Validation.isPlausibleEmail`), not RFC 5322: say no more.
        case .email: return .string(nullable: nullable)
        case .date: return .string(format: "date", nullable: nullable)
        case .uuidList: return .array(.string(format: "uuid"))
        case .choiceList(let values): return .array(.string(enumValues: values))
        default: return schema(nullable: nullable)
        }
    }
}

/// Regular expressions for the OpenAPI document that say what `Validator` and `Validation` accept (ECMA-262 syntax,
/// which schemathesis and client generators read).
enum TextPattern {
    /// C0 control characters other than tab, and DEL (`Validation.hasControlCharacters`), with the line breaks
    /// (`Validation.hasLineBreaks`: LF, VT, FF, CR, NEL, U+2028, U+2029) for one-line text.
    static let oneLineForbidden = "\\u0000-\\u0008\\u000A-\\u001F\\u007F\\u0085\\u2028\\u2029"
    static let multilineForbidden = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F"

    /// Text without the forbidden characters; a required one also holds something other than white space.
    static func text(required: Bool, multiline: Bool) -> String {
        let bad = multiline ? multilineForbidden : oneLineForbidden
        return required ? "^[^\(bad)]*[^\\s\\u0085\(bad)][^\(bad)]*$" : "^[^\(bad)]*$"
    }

    /// Within `Validation.isPlausibleEmail` (one @, something before it, a dot in the domain but not at either end, no
    /// white space, <, > or commas), with a domain of letters, digits and hyphens, as real addresses have.
    static let email = "^[^@\\s<>,\\u0000-\\u001F\\u007F]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$"

    /// A day from 1900 to 2200 (`Day(iso:)`); `format: date` says the rest.
    static let day = "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"

    /// A day from 1900 to the end of last year: for dates that may not be in the future, a pattern cannot follow
    /// today, so it stops a little early rather than promise what the server refuses.
    static func pastDay(today: Day = Day(Date())) -> String {
        let year = today.components.year - 1
        var alternatives = ["19[0-9]{2}"]
        let century = year / 100, tens = year % 100 / 10, units = year % 10
        for c in 20..<max(20, century) { alternatives.append("\(c)[0-9]{2}") }
        if tens > 0 { alternatives.append("\(century)[0-\(tens - 1)][0-9]") }
        alternatives.append("\(century)\(tens)[0-\(units)]")
        return "^(" + alternatives.joined(separator: "|") + ")-[0-9]{2}-[0-9]{2}$"
    }
}
