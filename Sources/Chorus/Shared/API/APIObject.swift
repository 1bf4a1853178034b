import Foundation
import ChorusCore

/// A JSON API output (a DTO): a `Codable` struct whose property names are the JSON names (snake_case). One
/// declaration gives both the JSON and its OpenAPI schema:
///
/// - encoding writes every property, an empty optional as an explicit `null` (never a missing key, docs/api.md);
/// - the schema is read from the type's `Decodable` conformance (`SchemaProbe`): each property with its type, optionals
///   nullable, every property required (always present), nested `APIObject`s as `$ref`s to their own schemas.
///
/// What a Swift type cannot say (a minimum, a format on a plain string) goes in `constraints`. Enumerations conform to
/// `APIEnum`, dates are `APIDay` ("YYYY-MM-DD"), instants `Date` (ISO 8601), ids `UUID`.
protocol APIObject: Codable, Sendable {
    /// The component name in the OpenAPI document (default: the type name without a trailing "DTO").
    static var schemaName: String { get }
    /// Schemas for properties that need more than their type says, by property name (nullability is still added for
    /// optionals).
    static var constraints: [String: Schema] { get }
}

extension APIObject {
    static var schemaName: String {
        let name = String(describing: Self.self)
        return name.hasSuffix("DTO") ? String(name.dropLast(3)) : name
    }
    static var constraints: [String: Schema] { [:] }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label else { continue }
            let key = APIKey(label)
            if let optional = child.value as? any APIOptional, optional.isNone {
                try c.encodeNil(forKey: key)
            } else if let value = child.value as? any Encodable {
                try c.encode(value, forKey: key)
            }
        }
    }
}

/// A type with a fixed schema and a value the schema probe can hand to a decoder (ids, dates, enumerations).
protocol APISchemaType: Decodable {
    static var apiSchema: Schema { get }
    static var placeholder: Self { get }
}

/// A string enumeration in the API: its schema lists the raw values.
protocol APIEnum: APISchemaType, RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension APIEnum {
    static var apiSchema: Schema { .string(enumValues: allCases.map(\.rawValue)) }
    static var placeholder: Self { allCases.first! }
}

extension UUID: APISchemaType {
    static var apiSchema: Schema { .string(format: "uuid") }
    static var placeholder: UUID { UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) }
}

extension Date: APISchemaType {
    static var apiSchema: Schema { .string(format: "date-time") }
    static var placeholder: Date { Date(timeIntervalSince1970: 0) }
}

/// A calendar day as the API writes it: "2026-11-23".
struct APIDay: Codable, Sendable, Equatable, APISchemaType {
    let day: Day
    init(_ day: Day) { self.day = day }
    init?(ordinal: Int?) {
        guard let ordinal else { return nil }
        day = Day(ordinal: ordinal)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "Expected a date as YYYY-MM-DD")
        }
        day = d
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(day.description)
    }

    static var apiSchema: Schema { .string(format: "date") }
    static var placeholder: APIDay { APIDay(Day(ordinal: 0)) }
}

/// One page of a list: `{"items": [...], "page": 1, "size": 25, "total": 13}`.
struct APIPage<Item: APIObject>: APIObject {
    let items: [Item]
    let page: Int
    let size: Int
    let total: Int

    init(items: [Item], page: Int, size: Int, total: Int) {
        self.items = items; self.page = page; self.size = size; self.total = total
    }

    init<T>(_ p: PageOf<T>, _ transform: (T) throws -> Item) rethrows {
        self.init(items: try p.items.map(transform), page: p.page, size: p.size, total: p.total)
    }

    static var schemaName: String { Item.schemaName + "Page" }
    static var constraints: [String: Schema] {
        ["page": .integer(minimum: 1), "size": .integer(minimum: 1, maximum: PageWindow.maxSize), "total": .integer(minimum: 0)]
    }
}

/// A whole list that is not paged: `{"items": [...]}`.
struct APIList<Item: APIObject>: APIObject {
    let items: [Item]
    init(_ items: [Item]) { self.items = items }
    static var schemaName: String { Item.schemaName + "List" }
}

struct APIKey: CodingKey {
    let stringValue: String
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

protocol APIOptional { var isNone: Bool { get } }
extension Optional: APIOptional { var isNone: Bool { self == nil } }

extension Schema {
    /// The same schema also allowing `null`.
    var orNull: Schema {
        switch self {
        case let .string(format, enumValues, maxLength, _, minLength, pattern):
            return .string(format: format, enumValues: enumValues, maxLength: maxLength, nullable: true, minLength: minLength, pattern: pattern)
        case let .integer(minimum, maximum, _): return .integer(minimum: minimum, maximum: maximum, nullable: true)
        case let .number(minimum, maximum, _): return .number(minimum: minimum, maximum: maximum, nullable: true)
        case .null: return .null
        case .anyOf(let options) where options.contains { if case .null = $0 { return true } else { return false } }: return self
        default: return .anyOf([self, .null])
        }
    }
}

extension APIDocs {
    /// Registers the schema of `T` (and of every `APIObject` it holds) and returns a `$ref` to it.
    @discardableResult
    func schema<T: APIObject>(_ type: T.Type) -> Schema {
        let probe = SchemaProbe()
        for (name, schema) in probe.components(of: T.self) { addSchema(name, schema) }
        return .ref(T.schemaName)
    }
}

/// Reads a `Decodable` type's shape by decoding it from a decoder that answers every question with a placeholder and
/// writes down what was asked: the keys, their types and which were optional.
final class SchemaProbe: @unchecked Sendable {
    private var found: [String: Schema] = [:]
    private var visiting: Set<String> = []

    /// The schemas of `T` and of every `APIObject` inside it, by component name.
    func components<T: APIObject>(of type: T.Type) -> [String: Schema] {
        _ = try? objectSchema(T.self)
        return found
    }

    private func objectSchema<T: APIObject>(_ type: T.Type) throws -> T {
        let name = T.schemaName
        let decoder = ProbeDecoder(probe: self)
        let value = try T(from: decoder)
        if !visiting.contains(name), found[name] == nil {
            visiting.insert(name)
            var props = decoder.result.properties
            for (key, schema) in T.constraints where props[key] != nil {
                props[key] = decoder.result.nullable.contains(key) ? schema.orNull : schema
            }
            found[name] = .object(props, required: Array(props.keys))
            visiting.remove(name)
        }
        return value
    }

    /// The schema of one value of type `T`, and a value to hand back to the decoder.
    func value<T: Decodable>(_ type: T.Type) throws -> (Schema, T) {
        if let s = T.self as? any APISchemaType.Type { return (s.apiSchema, s.placeholder as! T) }
        if let o = T.self as? any APIObject.Type {
            let v = try openObject(o)
            return (.ref(o.schemaName), v as! T)
        }
        let decoder = ProbeDecoder(probe: self)
        let v = try T(from: decoder)
        return (decoder.result.single ?? .object(decoder.result.properties, required: Array(decoder.result.properties.keys)), v)
    }

    private func openObject<O: APIObject>(_ type: O.Type) throws -> O { try objectSchema(O.self) }

    final class Result {
        var properties: [String: Schema] = [:]
        var nullable: Set<String> = []
        var single: Schema?
    }

    struct ProbeDecoder: Decoder {
        let probe: SchemaProbe
        let result = Result()
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed<Key>(probe: probe, result: result))
        }
        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(probe: probe, result: result) }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(probe: probe, result: result) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let probe: SchemaProbe
        let result: Result
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let (schema, value) = try probe.value(T.self)
            result.properties[key.stringValue] = schema
            return value
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            let (schema, value) = try probe.value(T.self)
            result.properties[key.stringValue] = schema.orNull
            result.nullable.insert(key.stringValue)
            return value
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { result.properties[key.stringValue] = .string(); return "" }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { result.properties[key.stringValue] = .boolean; return false }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { result.properties[key.stringValue] = .integer(); return 0 }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { result.properties[key.stringValue] = .number(); return 0 }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(Wrapped<String>.self, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(Wrapped<Bool>.self, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(Wrapped<Int>.self, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(Wrapped<Double>.self, key) }

        private func decodeIfPresent<T>(_ w: Wrapped<T>.Type, _ key: Key) throws -> T? {
            result.properties[key.stringValue] = w.schema.orNull
            result.nullable.insert(key.stringValue)
            return w.value
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
        }
        func superDecoder() throws -> any Decoder { ProbeDecoder(probe: probe) }
        func superDecoder(forKey key: Key) throws -> any Decoder { ProbeDecoder(probe: probe) }
    }

    /// The primitive types' schemas and placeholders.
    enum Wrapped<T> {
        static var schema: Schema {
            switch T.self {
            case is String.Type: return .string()
            case is Bool.Type: return .boolean
            case is Int.Type: return .integer()
            default: return .number()
            }
        }
        static var value: T {
            switch T.self {
            case is String.Type: return "" as! T
            case is Bool.Type: return false as! T
            case is Int.Type: return 0 as! T
            default: return 0.0 as! T
            }
        }
    }

    /// An array: one element is asked for, and its schema becomes the items'.
    struct Unkeyed: UnkeyedDecodingContainer {
        let probe: SchemaProbe
        let result: Result
        var codingPath: [any CodingKey] = []
        var count: Int? { 1 }
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= 1 }

        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            let (schema, value) = try probe.value(T.self)
            result.single = .array(schema)
            return value
        }
        mutating func decode(_ type: String.Type) throws -> String { currentIndex += 1; result.single = .array(.string()); return "" }
        mutating func decode(_ type: Int.Type) throws -> Int { currentIndex += 1; result.single = .array(.integer()); return 0 }
        mutating func decode(_ type: Bool.Type) throws -> Bool { currentIndex += 1; result.single = .array(.boolean); return false }
        mutating func decode(_ type: Double.Type) throws -> Double { currentIndex += 1; result.single = .array(.number()); return 0 }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
        }
        mutating func superDecoder() throws -> any Decoder { ProbeDecoder(probe: probe) }
    }

    struct Single: SingleValueDecodingContainer {
        let probe: SchemaProbe
        let result: Result
        var codingPath: [any CodingKey] = []
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (schema, value) = try probe.value(T.self)
            result.single = schema
            return value
        }
        func decode(_ type: String.Type) throws -> String { result.single = .string(); return "" }
        func decode(_ type: Int.Type) throws -> Int { result.single = .integer(); return 0 }
        func decode(_ type: Bool.Type) throws -> Bool { result.single = .boolean; return false }
        func decode(_ type: Double.Type) throws -> Double { result.single = .number(); return 0 }
    }
}
