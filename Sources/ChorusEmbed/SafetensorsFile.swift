import Foundation

/// A `.safetensors` file: an 8-byte little-endian header length N, N bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {...}}`), then the
/// tensor bytes, offsets relative to the end of the header. Only what the engine needs: F32 tensors by name.
/// Everything is validated on open, so a truncated or corrupt file is an `EmbeddingError`, never a crash.
public struct SafetensorsFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public let dtype: String
        public let shape: [Int]
        /// Absolute byte range in the file.
        public let range: Range<Int>
    }

    public let path: String
    public let entries: [String: Entry]
    private let bytes: Data

    static let elementSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
        "U16": 2, "U32": 4, "U64": 8, "F8_E4M3": 1, "F8_E5M2": 1,
    ]

    public init(url: URL) throws {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "no such file"
            throw EmbeddingError.unreadable(file: path, reason: reason)
        }
        try self.init(data: data, path: path)
    }

    public init(data: Data, path: String) throws {
        self.path = path
        guard data.count >= 8 else {
            throw EmbeddingError.truncated(file: path, detail: "\(data.count) bytes, less than the 8-byte header length")
        }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard headerLength >= 2, headerLength <= 100_000_000 else {
            throw EmbeddingError.corrupt(file: path, detail: "header length \(headerLength) is implausible")
        }
        let dataStart = 8 + Int(headerLength)
        guard dataStart <= data.count else {
            throw EmbeddingError.truncated(
                file: path,
                detail: "header says \(headerLength) bytes of JSON but the file has \(data.count) bytes")
        }
        let header = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + dataStart))
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw EmbeddingError.corrupt(file: path, detail: "header is not JSON")
        }
        guard let object = json as? [String: Any] else {
            throw EmbeddingError.corrupt(file: path, detail: "header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                let shapeValues = info["shape"] as? [Any], let offsetValues = info["data_offsets"] as? [Any],
                offsetValues.count == 2
            else {
                throw EmbeddingError.corrupt(file: path, detail: "tensor \"\(name)\" lacks dtype, shape or data_offsets")
            }
            let shape = shapeValues.compactMap { ($0 as? NSNumber)?.intValue }
            let offsets = offsetValues.compactMap { ($0 as? NSNumber)?.intValue }
            guard shape.count == shapeValues.count, offsets.count == 2, shape.allSatisfy({ $0 >= 0 }),
                offsets[0] >= 0, offsets[1] >= offsets[0]
            else {
                throw EmbeddingError.corrupt(file: path, detail: "tensor \"\(name)\" has a malformed shape or offsets")
            }
            guard let size = Self.elementSizes[dtype] else {
                throw EmbeddingError.corrupt(file: path, detail: "tensor \"\(name)\" has unknown dtype \(dtype)")
            }
            var count = 1
            for d in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow else { throw EmbeddingError.corrupt(file: path, detail: "tensor \"\(name)\" shape overflows") }
                count = product
            }
            guard count * size == offsets[1] - offsets[0] else {
                throw EmbeddingError.corrupt(
                    file: path,
                    detail: "tensor \"\(name)\" shape \(shape) needs \(count * size) bytes, offsets give \(offsets[1] - offsets[0])")
            }
            let range = (dataStart + offsets[0])..<(dataStart + offsets[1])
            guard range.upperBound <= data.count else {
                throw EmbeddingError.truncated(
                    file: path,
                    detail: "tensor \"\(name)\" ends at byte \(range.upperBound), the file has \(data.count)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, range: range)
        }
        self.entries = entries
        self.bytes = data
    }

    /// The F32 tensor `name` as a flat row-major array, checked against `shape` when given.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws -> [Float] {
        guard let entry = entries[name] else { throw EmbeddingError.missingTensor(file: path, tensor: name) }
        guard entry.dtype == "F32" else {
            throw EmbeddingError.wrongTensor(file: path, tensor: name, detail: "is \(entry.dtype), expected F32")
        }
        if let expected, expected != entry.shape {
            throw EmbeddingError.wrongTensor(file: path, tensor: name, detail: "has shape \(entry.shape), expected \(expected)")
        }
        let count = entry.range.count / 4
        var out = [Float](repeating: 0, count: count)
        out.withUnsafeMutableBytes { dst in
            bytes.withUnsafeBytes { src in
                let start = src.baseAddress! + entry.range.lowerBound
                dst.baseAddress!.copyMemory(from: start, byteCount: entry.range.count)
            }
        }
        #if _endian(big)
            for i in out.indices { out[i] = Float(bitPattern: UInt32(littleEndian: out[i].bitPattern)) }
        #endif
        return out
    }
}
