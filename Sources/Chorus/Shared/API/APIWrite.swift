import Vapor
import ChorusCore

/// A write the API refuses because of what is stored, not because of what was sent: a name or code already used, an id
/// that is not there, a cycle, the last partnership admin. Answered `409` with the same field errors as a `400`.
struct StoredConflict: Error {
    let errors: [FieldError]
}

/// Tells a `400` from a `409` when a feature's service refuses a JSON write.
///
/// The OpenAPI document declares each body field's shape (`FieldSpec.schema`); a request whose every field fits it is
/// well formed. When the service still refuses it, and every field it names is one whose answer depends on stored
/// records (`dependsOnStore`: an id of another record, a name that must be unique), the request conflicts with what
/// is stored: `409`. Anything else (a field that breaks its declared shape, or fields that contradict each other,
/// `contradictions`) stays `400`. The messages are the service's own either way.
enum APIWrite {
    /// Runs a write; a `ValidationFailure` about stored records becomes a `StoredConflict`.
    /// `partial`: a PATCH, whose fields left out keep their stored values (a rule broken only with those is a conflict).
    static func run<T>(
        _ input: Input, specs: [FieldSpec], partial: Bool = false, dependsOnStore: (FieldSpec) -> Bool = APIWrite.isReference,
        contradictions: (Input) -> [String] = { _ in [] }, _ write: () async throws -> T
    ) async throws -> T {
        do {
            return try await write()
        } catch let failure as ValidationFailure {
            throw classify(failure, inputs: [input], specs: specs, partial: partial, dependsOnStore: dependsOnStore, contradictions: contradictions)
        }
    }

    /// A field naming another record (which may not exist).
    static func isReference(_ spec: FieldSpec) -> Bool {
        switch spec.kind {
        case .uuid, .uuidList: return true
        default: return false
        }
    }

    /// The error to answer with. `inputs` are the bodies checked (one, or a batch's items: fields named `items[3].name`
    /// with any prefix before the index, like `insights[3].activity_id`).
    static func classify(
        _ failure: ValidationFailure, inputs: [Input], specs: [FieldSpec], partial: Bool = false,
        dependsOnStore: (FieldSpec) -> Bool, contradictions: (Input) -> [String]
    ) -> any Error {
        let byName = Dictionary(specs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for error in failure.errors {
            var name = error.field
            var index = 0
            if let close = name.firstIndex(of: "]"), let open = name.firstIndex(of: "["), open < close,
                let n = Int(name[name.index(after: open)..<close]), name[name.index(after: close)...].hasPrefix(".")
            {
                index = n
                name = String(name[name.index(close, offsetBy: 2)...])
            }
            guard inputs.indices.contains(index), let spec = byName[name], dependsOnStore(spec),
                wellFormed(inputs[index], spec, partial: partial), !contradictions(inputs[index]).contains(name)
            else { return failure }
        }
        return StoredConflict(errors: failure.errors)
    }

    /// Whether the field's value (as sent, if sent) fits its declared shape, as `FieldSpec.schema` documents it.
    static func wellFormed(_ input: Input, _ spec: FieldSpec, partial: Bool = false) -> Bool {
        guard let raw = input.values[spec.name] else { return partial || !spec.required }
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            switch spec.kind {
            case .uuidList, .choiceList: return !spec.required || !input.list(spec.name).isEmpty
            default: return !spec.required
            }
        }
        if let pattern = spec.pattern, value.range(of: pattern, options: .regularExpression) == nil { return false }
        switch spec.kind {
        case .string(let max):
            return value.count <= max && !Validation.hasControlCharacters(value) && (spec.multiline || !Validation.hasLineBreaks(value))
        case .email: return Validation.isPlausibleEmail(value.lowercased())
        case .integer(let lo, let hi): return Int(value).map { (lo...hi).contains($0) } ?? false
        case .choice(let allowed): return allowed.contains(value)
        case .uuid: return UUID(uuidString: value) != nil
        case .date: return Day(iso: value) != nil
        case .boolean: return true
        case .uuidList: return input.list(spec.name).allSatisfy { UUID(uuidString: $0) != nil }
        case .choiceList(let allowed): return input.list(spec.name).allSatisfy(allowed.contains)
        }
    }
}
