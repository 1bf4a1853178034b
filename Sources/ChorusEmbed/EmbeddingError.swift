import Foundation

/// Why a model could not be loaded. Every case names the file (and the tensor where there is one) so the message
/// can be shown as is to an operator.
public enum EmbeddingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not exist or cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is shorter than its own header says (a partial download or copy).
    case truncated(file: String, detail: String)
    /// The file is not what it claims to be: bad header length, header not JSON, malformed tensor entries.
    case corrupt(file: String, detail: String)
    /// A tensor the model needs is not in the file.
    case missingTensor(file: String, tensor: String)
    /// A tensor is present with the wrong element type or shape.
    case wrongTensor(file: String, tensor: String, detail: String)
    /// config.json or vocab.txt does not describe a model this engine runs.
    case badConfiguration(file: String, detail: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "cannot read \(file): \(reason)"
        case let .truncated(file, detail): return "\(file) is truncated: \(detail)"
        case let .corrupt(file, detail): return "\(file) is not a valid safetensors file: \(detail)"
        case let .missingTensor(file, tensor): return "\(file) has no tensor \"\(tensor)\""
        case let .wrongTensor(file, tensor, detail): return "\(file): tensor \"\(tensor)\" \(detail)"
        case let .badConfiguration(file, detail): return "\(file): \(detail)"
        }
    }
}

extension EmbeddingError: LocalizedError {
    public var errorDescription: String? { description }
}
