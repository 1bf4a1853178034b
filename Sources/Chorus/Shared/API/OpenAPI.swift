import Vapor

/// A JSON Schema fragment for the OpenAPI document.
indirect enum Schema: Encodable, Sendable {
    case string(
        format: String? = nil, enumValues: [String]? = nil, maxLength: Int? = nil, nullable: Bool = false, minLength: Int? = nil,
        pattern: String? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil, nullable: Bool = false)
    case number(minimum: Double? = nil, maximum: Double? = nil, nullable: Bool = false)
    case boolean
    /// Exactly this boolean (`const`).
    case constant(Bool)
    case array(Schema, minItems: Int? = nil, maxItems: Int? = nil)
    case object([String: Schema], required: [String], additional: Bool = false)
    case ref(String)
    /// JSON `null` (in `anyOf`, for a nullable object, array or reference).
    case null
    /// Any one of these (OpenAPI 3.1 `anyOf`).
    case anyOf([Schema])
    /// A schema with example values (`examples`), which also guide test generators to realistic values.
    case examples(Schema, [String])

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case let .string(format, enumValues, maxLength, nullable, minLength, pattern):
            try c.encode(nullable ? ["string", "null"] : ["string"], forKey: .type)
            try c.encodeIfPresent(format, forKey: .format)
            try c.encodeIfPresent(enumValues, forKey: .enum)
            try c.encodeIfPresent(maxLength, forKey: .maxLength)
            try c.encodeIfPresent(minLength, forKey: .minLength)
            try c.encodeIfPresent(pattern, forKey: .pattern)
        case let .integer(minimum, maximum, nullable):
            try c.encode(nullable ? ["integer", "null"] : ["integer"], forKey: .type)
            try c.encodeIfPresent(minimum, forKey: .minimum)
            try c.encodeIfPresent(maximum, forKey: .maximum)
        case let .number(minimum, maximum, nullable):
            try c.encode(nullable ? ["number", "null"] : ["number"], forKey: .type)
            try c.encodeIfPresent(minimum, forKey: .minimum)
            try c.encodeIfPresent(maximum, forKey: .maximum)
        case .boolean:
            try c.encode("boolean", forKey: .type)
        case let .constant(value):
            try c.encode("boolean", forKey: .type)
            try c.encode(value, forKey: .const)
        case let .array(items, minItems, maxItems):
            try c.encode("array", forKey: .type)
            try c.encode(items, forKey: .items)
            try c.encodeIfPresent(minItems, forKey: .minItems)
            try c.encodeIfPresent(maxItems, forKey: .maxItems)
        case let .object(props, required, additional):
            try c.encode("object", forKey: .type)
            try c.encode(props, forKey: .properties)
            if !required.isEmpty { try c.encode(required.sorted(), forKey: .required) }
            try c.encode(additional, forKey: .additionalProperties)
        case let .ref(name):
            try c.encode("#/components/schemas/\(name)", forKey: .ref)
        case .null:
            try c.encode("null", forKey: .type)
        case let .anyOf(options):
            try c.encode(options, forKey: .anyOf)
        case let .examples(inner, values):
            try inner.encode(to: encoder)
            var added = encoder.container(keyedBy: Key.self)
            try added.encode(values, forKey: .examples)
        }
    }

    enum Key: String, CodingKey {
        case type, format, `enum`, maxLength, minLength, pattern, minimum, maximum, items, minItems, maxItems, properties, required
        case additionalProperties, anyOf, const, examples
        case ref = "$ref"
    }
}

/// One documented /api/v1 operation. Routes are registered through `APIDocs.route`, which both adds the Vapor
/// route and records the operation, so the document lists exactly what the server serves.
struct APIOperation: Sendable {
    let method: HTTPMethod
    /// OpenAPI-style path under /api/v1, e.g. "/places/{id}".
    let path: String
    let summary: String
    let tag: String
    let request: Schema?
    let response: Schema?
    let success: HTTPResponseStatus
    let query: [(name: String, schema: Schema, description: String)]
}

final class APIDocs: @unchecked Sendable {
    private let lock = NSLock()
    private var ops: [APIOperation] = []
    private var schemas: [String: Schema] = [:]

    var operations: [APIOperation] { lock.withLock { ops } }

    func add(_ op: APIOperation) { lock.withLock { ops.append(op) } }
    func addSchema(_ name: String, _ schema: Schema) { lock.withLock { schemas[name] = schema } }

    /// Registers a route under /api/v1 and documents it. Path segments in braces become Vapor parameters.
    @discardableResult
    func route(
        _ builder: any RoutesBuilder, _ method: HTTPMethod, _ path: String, summary: String, tag: String,
        request: Schema? = nil, response: Schema?, success: HTTPResponseStatus = .ok,
        query: [(name: String, schema: Schema, description: String)] = [], maxBody: ByteCount = "1mb",
        handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        add(
            APIOperation(
                method: method, path: path, summary: summary, tag: tag, request: request, response: response,
                success: success, query: query))
        let components: [PathComponent] = path.split(separator: "/").map { seg in
            seg.hasPrefix("{") ? .parameter(String(seg.dropFirst().dropLast())) : .constant(String(seg))
        }
        let route = builder.on(method, components, body: .collect(maxSize: maxBody), use: handler)
        route.userInfo[BodyLimits.maxBodyKey] = maxBody.value
        return route
    }

    /// The OpenAPI 3.1 document.
    func document(serverURL: String) -> Data {
        struct Doc: Encodable {
            let openapi = "3.1.0"
            let info: [String: String]
            let servers: [[String: String]]
            let paths: [String: [String: Operation]]
            let components: Components
        }
        struct Components: Encodable {
            let schemas: [String: Schema]
            let securitySchemes: [String: [String: String]]
        }
        struct Parameter: Encodable {
            let name: String
            let `in`: String
            let required: Bool
            let schema: Schema
            let description: String
        }
        struct MediaType: Encodable { let schema: Schema }
        struct Body: Encodable { let required = true; let content: [String: MediaType] }
        struct ResponseDoc: Encodable { let description: String; let content: [String: MediaType]? }
        struct Operation: Encodable {
            let summary: String
            let operationId: String
            let tags: [String]
            let parameters: [Parameter]?
            let requestBody: Body?
            let responses: [String: ResponseDoc]
            let security: [[String: [String]]]
        }
        let error = MediaType(schema: .ref("Error"))
        var paths: [String: [String: Operation]] = [:]
        for op in operations {
            var params: [Parameter] = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                Parameter(
                    name: String($0.dropFirst().dropLast()), in: "path", required: true,
                    schema: .string(format: "uuid"), description: "Identifier")
            }
            params += op.query.map { Parameter(name: $0.name, in: "query", required: false, schema: $0.schema, description: $0.description) }
            var responses: [String: ResponseDoc] = [
                String(op.success.code): ResponseDoc(
                    description: op.summary,
                    content: op.response.map { ["application/json": MediaType(schema: $0)] }),
                "401": ResponseDoc(description: "Missing or invalid API token", content: ["application/json": error]),
                "403": ResponseDoc(description: "Your role may not do this", content: ["application/json": error]),
            ]
            if op.path.contains("{") { responses["404"] = ResponseDoc(description: "Not found", content: ["application/json": error]) }
            if op.request != nil || !op.query.isEmpty {
                responses["400"] = ResponseDoc(description: "Invalid input; `fields` names each problem", content: ["application/json": error])
            }
            if op.method == .DELETE { responses["409"] = ResponseDoc(description: "Still in use", content: ["application/json": error]) }
            if op.request != nil {
                responses["409"] = ResponseDoc(
                    description: "Well formed but at odds with what is stored (a name already used, an id that is not there, "
                        + "a change the stored records rule out, an Idempotency-Key used for another request); `fields` names each problem",
                    content: ["application/json": error])
            }
            let id =
                op.method.rawValue.lowercased()
                + op.path.split(separator: "/").map {
                    $0.hasPrefix("{") ? "By" + $0.dropFirst().dropLast().capitalized : $0.replacingOccurrences(of: "-", with: "_").capitalized
                }.joined()
            paths["/api/v1" + op.path, default: [:]][op.method.rawValue.lowercased()] = Operation(
                summary: op.summary, operationId: id, tags: [op.tag], parameters: params.isEmpty ? nil : params,
                requestBody: op.request.map { Body(content: ["application/json": MediaType(schema: $0)]) },
                responses: responses, security: [["bearerAuth": []]])
        }
        var allSchemas = lock.withLock { schemas }
        allSchemas["Error"] = .object(
            [
                "error": .object(
                    [
                        "status": .integer(),
                        "message": .string(),
                        "fields": .array(.object(["field": .string(), "message": .string()], required: ["field", "message"])),
                    ], required: ["status", "message", "fields"])
            ], required: ["error"])
        let doc = Doc(
            info: [
                "title": "Chorus API", "version": "1",
                "description": "Chorus engagement platform. Authenticate with a personal API token (Account › API tokens).",
            ],
            servers: [["url": serverURL]], paths: paths,
            components: Components(
                schemas: allSchemas,
                securitySchemes: ["bearerAuth": ["type": "http", "scheme": "bearer"]]))
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? enc.encode(doc)) ?? Data()
    }
}

extension Application {
    private struct APIDocsKey: StorageKey { typealias Value = APIDocs }
    var apiDocs: APIDocs {
        if let d = storage[APIDocsKey.self] { return d }
        let d = APIDocs()
        storage[APIDocsKey.self] = d
        return d
    }
}
