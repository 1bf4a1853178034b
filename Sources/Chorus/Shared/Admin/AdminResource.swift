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
    /// Choices for a choice or uuid field, labelled in the reader's language.
    func options(_ field: String, req: Request) async throws -> [Form.Option]
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
    /// List columns: header text and cell, given the lookup.
    func columns(_ req: Request) -> [Lists.Column<(Record, [UUID: String])>]
    /// Extra sections on the edit page (people: status, invitation).
    func editExtras(_ req: Request, _ r: Record) async throws -> [HNode]
    /// Where to go after creating a record (default: the list with a "saved" notice).
    func afterCreate(_ r: Record) -> String?
}

extension AdminResource {
    var filters: [FieldSpec] { [] }
    var deletable: Bool { true }
    var readableByAllStaff: Bool { true }
    func applyFilters(_ q: QueryBuilder<Record>, _ filters: [String: String]) {}
    func options(_ field: String, req: Request) async throws -> [Form.Option] { [] }
    func deleteBlocker(_ r: Record, on db: any Database) async throws -> String? { nil }
    func extraOutput(_ r: Record) -> [String: OutValue] { [:] }
    var extraSchema: [String: Schema] { [:] }
    func lookup(_ records: [Record], on db: any Database) async throws -> [UUID: String] { [:] }

    func editExtras(_ req: Request, _ r: Record) async throws -> [HNode] { [] }
    func afterCreate(_ r: Record) -> String? { nil }

    var urls: SiteURL.Admin { SiteURL.admin(slug) }

    /// The DTO: id, every input field typed as documented, and the extra read-only fields.
    func dto(_ r: Record) -> [String: OutValue] {
        let v = values(r)
        var out: [String: OutValue] = ["id": .string(r.id?.uuidString ?? "")]
        for s in specs {
            let text = v[s.name] ?? ""
            if case .integer = s.kind { out[s.name] = Int(text).map(OutValue.int) ?? .null }
            else { out[s.name] = text.isEmpty ? .null : .string(text) }
        }
        return out.merging(extraOutput(r)) { a, _ in a }
    }

    var outputSchema: Schema {
        var props: [String: Schema] = ["id": .string(format: "uuid")]
        for s in specs { props[s.name] = s.schema(nullable: !s.required) }
        props.merge(extraSchema) { a, _ in a }
        return .object(props, required: Array(props.keys))
    }

    var inputSchema: Schema {
        .object(Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.schema(nullable: !$0.required)) }),
                required: specs.filter(\.required).map(\.name))
    }

    var patchSchema: Schema {
        .object(Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.schema(nullable: !$0.required)) }), required: [])
    }
}

extension FieldSpec {
    func schema(nullable: Bool) -> Schema {
        switch kind {
        case .string(let max):
            return .string(maxLength: max, nullable: nullable, minLength: required ? 1 : nil, pattern: pattern ?? (required ? "\\S" : nil))
        case .email: return .string(format: "email", nullable: nullable)
        case .integer(let lo, let hi): return .integer(minimum: lo, maximum: hi, nullable: nullable)
        case .choice(let values): return .string(enumValues: values, nullable: nullable)
        case .uuid: return .string(format: "uuid", nullable: nullable)
        case .date: return .string(format: "date", nullable: nullable)
        case .boolean: return .boolean
        case .uuidList: return .array(.string(format: "uuid"))
        case .choiceList(let values): return .array(.string(enumValues: values))
        }
    }
}
