import Vapor
import ChorusCore

/// The JSON error body every /api/v1 failure returns:
/// `{"error": {"status": 400, "message": "…", "fields": [{"field": "name", "message": "Enter a name"}]}}`.
struct APIErrorBody: Content {
    struct Detail: Content {
        let status: Int
        let message: String
        let fields: [FieldError]
    }
    let error: Detail

    init(status: HTTPResponseStatus, message: String, fields: [FieldError] = []) {
        error = Detail(status: Int(status.code), message: message, fields: fields)
    }
}

/// Turns a JSON decoding failure into the field it concerns, so a client is told which field was wrong.
enum DecodingDiagnosis {
    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ ctx: DecodingError.Context, extra: CodingKey? = nil) -> String {
            let keys = ctx.codingPath + (extra.map { [$0] } ?? [])
            let p = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
            return p.isEmpty ? "body" : p
        }
        switch error {
        case let .typeMismatch(type, ctx):
            return FieldError(path(ctx), "\(path(ctx)) must be \(describe(type))")
        case let .valueNotFound(type, ctx):
            return FieldError(path(ctx), "\(path(ctx)) must be \(describe(type)), not null")
        case let .keyNotFound(key, ctx):
            let p = path(ctx, extra: key)
            return FieldError(p, "\(p) is required")
        case let .dataCorrupted(ctx):
            let p = path(ctx)
            if p == "body" { return FieldError("body", "The request body is not valid JSON") }
            return FieldError(p, "\(p) is not valid: \(ctx.debugDescription)")
        @unknown default:
            return FieldError("body", "The request body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        default: return "of the documented type"
        }
    }
}
