import Foundation

/// RFC 4180 CSV read incrementally from byte chunks, so a file of any size is read in constant memory.
/// Handles quoted fields whose commas, quotes ("" escapes) and line breaks fall across chunk boundaries, LF or
/// CRLF line ends, and a leading UTF-8 byte-order mark. Each record carries the file line it starts on.
/// Fields must be UTF-8; a NUL byte means the file is not text. Blank lines are skipped.
public struct CSVStreamParser: Sendable {
    public struct Record: Sendable, Equatable {
        /// The physical line of the file the record starts on (1 = first line).
        public let line: Int
        public let fields: [String]
        public init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case notUTF8(line: Int)
        case binary(line: Int)
        case unclosedQuote(line: Int)
        case fieldTooLong(line: Int, limit: Int)
        case tooManyColumns(line: Int, limit: Int)
        case unreadable(String)

        public var description: String {
            switch self {
            case .notUTF8(let line): return "line \(line) is not UTF-8 text"
            case .binary(let line): return "line \(line) holds binary data (a NUL byte), so this is not a CSV text file"
            case .unclosedQuote(let line): return "a quoted field opened on line \(line) is never closed"
            case .fieldTooLong(let line, let limit): return "a field on line \(line) is longer than \(limit / 1024) KB"
            case .tooManyColumns(let line, let limit): return "line \(line) has more than \(limit) columns"
            case .unreadable(let why): return "the file could not be read (\(why))"
            }
        }

        /// The line the problem is on, when there is one.
        public var line: Int? {
            switch self {
            case .notUTF8(let l), .binary(let l), .unclosedQuote(let l), .fieldTooLong(let l, _), .tooManyColumns(let l, _): return l
            case .unreadable: return nil
            }
        }
    }

    public let maxFieldBytes: Int
    public let maxColumns: Int

    private var field: [UInt8] = []
    private var record: [String] = []
    private var inQuotes = false
    /// A `"` was seen inside a quoted field; the next byte decides whether it was an escape or the closing quote.
    private var quotePending = false
    /// A `\r` ended a record; a following `\n` belongs to it.
    private var crPending = false
    private var fieldWasQuoted = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    /// Bytes of a leading byte-order mark matched so far; -1 once the start of the file has passed.
    private var bomMatched = 0
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(maxFieldBytes: Int = 1 << 20, maxColumns: Int = 1_000) {
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
    }

    /// Consumes the next chunk of the file and returns the records it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Failure) -> [Record] {
        var out: [Record] = []
        for b in bytes { try consume(b, &out) }
        return out
    }

    /// Ends the input: returns the last record if the file does not end with a line break.
    public mutating func finish() throws(Failure) -> [Record] {
        var out: [Record] = []
        if bomMatched > 0 { let partial = Self.bom.prefix(bomMatched); bomMatched = -1; for b in partial { try consume(b, &out) } }
        if quotePending { quotePending = false; inQuotes = false }
        if inQuotes { throw .unclosedQuote(line: quoteLine) }
        crPending = false
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { try endRecord(&out) }
        return out
    }

    private mutating func consume(_ b: UInt8, _ out: inout [Record]) throws(Failure) {
        if bomMatched >= 0 {
            if b == Self.bom[bomMatched] {
                bomMatched += 1
                if bomMatched == 3 { bomMatched = -1 }
                return
            }
            let partial = Self.bom.prefix(bomMatched)
            bomMatched = -1
            for p in partial { try consume(p, &out) }
        }
        if b == 0 { throw .binary(line: line) }
        if crPending {
            crPending = false
            if b == 0x0A { return }
        }
        if quotePending {
            quotePending = false
            if b == 0x22 { try append(b); return }
            inQuotes = false
        }
        if inQuotes {
            if b == 0x22 { quotePending = true; return }
            if b == 0x0A { line += 1 }
            try append(b)
            return
        }
        switch b {
        case 0x22 where field.isEmpty && !fieldWasQuoted:
            inQuotes = true
            fieldWasQuoted = true
            quoteLine = line
        case 0x2C:
            try endField()
        case 0x0D:
            try endRecord(&out)
            line += 1
            crPending = true
        case 0x0A:
            try endRecord(&out)
            line += 1
        default:
            try append(b)
        }
    }

    private mutating func append(_ b: UInt8) throws(Failure) {
        guard field.count < maxFieldBytes else { throw .fieldTooLong(line: recordLine, limit: maxFieldBytes) }
        field.append(b)
    }

    private mutating func endField() throws(Failure) {
        guard let s = String(validating: field, as: UTF8.self) else { throw .notUTF8(line: recordLine) }
        guard record.count < maxColumns else { throw .tooManyColumns(line: recordLine, limit: maxColumns) }
        record.append(s)
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
    }

    private mutating func endRecord(_ out: inout [Record]) throws(Failure) {
        let blank = record.isEmpty && field.isEmpty && !fieldWasQuoted
        try endField()
        if !blank { out.append(Record(line: recordLine, fields: record)) }
        record = []
        recordLine = line + 1
    }
}

/// Reads a CSV file record by record, a chunk at a time, through `CSVStreamParser`.
public final class CSVFileReader {
    private let handle: FileHandle
    private var parser: CSVStreamParser
    private var queue: [CSVStreamParser.Record] = []
    private var position = 0
    private var ended = false
    public let chunkSize: Int
    /// Bytes read so far.
    public private(set) var bytesRead = 0

    public init(path: String, chunkSize: Int = 64 * 1024, parser: CSVStreamParser = CSVStreamParser()) throws(CSVStreamParser.Failure) {
        guard let h = FileHandle(forReadingAtPath: path) else { throw .unreadable("cannot open \((path as NSString).lastPathComponent)") }
        handle = h
        self.parser = parser
        self.chunkSize = chunkSize
    }

    deinit { try? handle.close() }

    /// The next record, or nil at the end of the file.
    public func next() throws(CSVStreamParser.Failure) -> CSVStreamParser.Record? {
        while position >= queue.count {
            if ended { return nil }
            queue.removeAll(keepingCapacity: true)
            position = 0
            let data: Data
            do { data = try handle.read(upToCount: chunkSize) ?? Data() } catch { throw .unreadable(error.localizedDescription) }
            if data.isEmpty {
                ended = true
                queue = try parser.finish()
            } else {
                bytesRead += data.count
                queue = try parser.feed(data)
            }
        }
        defer { position += 1 }
        return queue[position]
    }
}
