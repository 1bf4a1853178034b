import ChorusCore
import Foundation
import MultipartKit
import NIOCore

/// MultipartKit's streaming `MultipartParser`, driven the way `StreamedUpload` (Sources/Chorus/Shared/Forms) drives
/// it: `onHeader`, `onBody` and `onPartComplete` callbacks over the body as it arrives, a chunk at a time, stopping at
/// the first error. Fuzzed through the multipart-kit product alone: building Vapor with the fuzzer would take far
/// longer than fuzzing it, and the upload code adds only bookkeeping around these callbacks.
///
/// The input's first line is the boundary (as the Content-Type header gives it: no CR or LF, 1 to 70 bytes, else a
/// fixed one) and the rest is the body.
///
/// MultipartKit 4.7.1 traps on a header-name byte ≥ 0x80 (found by this target), so ChorusCore's
/// `MultipartHeaderGuard` reads the body first, and this target checks the guard against the parser: where the guard
/// says `.fine` the parser takes the whole body without trapping or throwing; where it says `.malformed(at: k)` the
/// parser throws at byte k and not before; where it says `.wouldCrash(at: k)` the parser takes bytes 0..<k without
/// throwing, and a copy of the body with every byte ≥ 0x80 replaced by a control byte (which the parser refuses
/// instead of trapping on, and treats like the original everywhere else) throws exactly at byte k. Only the bytes
/// before the trap are given to the parser. On them, the parser sees the same headers and the same bytes of each
/// part, and fails or not at the same byte, whether the body arrives at once, a byte at a time or in random chunks;
/// and the parts it completed, written again with `MultipartSerializer`, parse back to the same parts.
enum MultipartChecks {
    enum Event: Equatable {
        case header(String, String)
        case body([UInt8])
        case complete
    }

    struct Outcome: Equatable {
        var events: [Event] = []
        var failed = false

        mutating func add(_ e: Event) {
            if case .body(let more) = e, case .body(let sofar)? = events.last {
                events[events.count - 1] = .body(sofar + more)
            } else {
                events.append(e)
            }
        }

        /// Parts whose boundary after them was seen: headers in order and the body.
        var completed: [(headers: [(String, String)], body: [UInt8])] {
            var out: [(headers: [(String, String)], body: [UInt8])] = []
            var headers: [(String, String)] = []
            var body: [UInt8] = []
            for e in events {
                switch e {
                case .header(let n, let v): headers.append((n, v))
                case .body(let b): body += b
                case .complete:
                    out.append((headers, body))
                    headers = []
                    body = []
                }
            }
            return out
        }
    }

    static func check(_ data: Data) {
        let bytes = [UInt8](data)
        let (boundary, whole) = split(bytes)
        var dice = FuzzDice(bytes)

        var guardWhole = MultipartHeaderGuard(boundary: boundary)
        let verdict = guardWhole.feed(whole)
        var guardChunked = MultipartHeaderGuard(boundary: boundary)
        for c in dice.chunks(of: whole.count, maxChunk: 11) { guardChunked.feed(whole[c]) }
        precondition(guardChunked.verdict == verdict, "MultipartHeaderGuard depends on the chunks")
        let body: [UInt8]
        switch verdict {
        case .fine:
            body = whole
            precondition(!parse(whole, boundary: boundary, chunks: nil).failed, "the guard passed a body the parser refuses")
        case .malformed(let k):
            body = whole
            precondition(firstFailure(whole, boundary: boundary) == k, "the parser does not fail where the guard says (\(k))")
        case .wouldCrash(let k):
            body = Array(whole[..<k])
            precondition(firstFailure(body, boundary: boundary) == nil, "the parser fails before the byte the guard stops at")
            let mask = ([0x01, 0x02, 0x7F] as [UInt8]).first { !boundary.utf8.contains($0) }
            if let mask, boundary.utf8.allSatisfy({ $0 < 0x80 }) {
                let masked = whole[...k].map { $0 >= 0x80 ? mask : $0 }
                precondition(firstFailure(masked, boundary: boundary) == k, "the guard stops at \(k) where the parser would not trap")
            }
        }
        let atOnce = parse(body, boundary: boundary, chunks: [0..<body.count])
        let byByte = parse(body, boundary: boundary, chunks: dice.chunks(of: body.count, maxChunk: 1))
        let random = parse(body, boundary: boundary, chunks: dice.chunks(of: body.count, maxChunk: 17))
        precondition(byByte == atOnce, "MultipartParser: a byte at a time differs from the whole body")
        precondition(random == atOnce, "MultipartParser: random chunks differ from the whole body")

        let parts = atOnce.completed
        guard !parts.isEmpty else { return }
        let serialized: ByteBuffer
        do {
            var buffer = ByteBuffer()
            try MultipartSerializer().serialize(
                parts: parts.map { p in
                    var headers = HTTPHeaders()
                    for (n, v) in p.headers { headers.add(name: n, value: v) }
                    return MultipartPart(headers: headers, body: ByteBuffer(bytes: p.body))
                }, boundary: boundary, into: &buffer)
            serialized = buffer
        } catch {
            preconditionFailure("MultipartSerializer refused parsed parts: \(error)")
        }
        let again = parse(Array(serialized.readableBytesView), boundary: boundary, chunks: nil)
        precondition(!again.failed, "serialized parts do not parse")
        let back = again.completed
        precondition(back.count == parts.count, "\(parts.count) parts serialized, \(back.count) read back")
        for (a, b) in zip(parts, back) {
            precondition(a.body == b.body, "a part's body changed through the serializer")
            precondition(a.headers.map(\.0) == b.headers.map(\.0) && a.headers.map(\.1) == b.headers.map(\.1), "a part's headers changed")
        }
    }

    /// The boundary (first line, if usable) and the body after it.
    static func split(_ bytes: [UInt8]) -> (String, [UInt8]) {
        let fallback = "----ChorusFuzzBoundary7MA4YWxkTrZu0gW"
        guard let lf = bytes.firstIndex(of: 0x0A) else { return (fallback, bytes) }
        let line = bytes[..<lf]
        let body = Array(bytes[(lf + 1)...])
        guard (1...70).contains(line.count), !line.contains(0x0D), let b = String(validating: line, as: UTF8.self) else {
            return (fallback, body)
        }
        return (b, body)
    }

    /// The offset of the byte the parser throws at, fed one byte at a time; nil when it takes them all.
    static func firstFailure(_ body: [UInt8], boundary: String) -> Int? {
        let parser = MultipartParser(boundary: boundary)
        for (i, b) in body.enumerated() {
            do { try parser.execute(ByteBuffer(bytes: [b])) } catch { return i }
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String, chunks: [Range<Int>]?) -> Outcome {
        let parser = MultipartParser(boundary: boundary)
        var outcome = Outcome()
        parser.onHeader = { outcome.add(.header($0, $1)) }
        parser.onBody = { outcome.add(.body(Array($0.readableBytesView))) }
        parser.onPartComplete = { outcome.add(.complete) }
        for c in chunks ?? [0..<body.count] {
            do {
                try parser.execute(ByteBuffer(bytes: body[c]))
            } catch {
                outcome.failed = true
                break
            }
        }
        parser.onHeader = { _, _ in }
        parser.onBody = { _ in }
        parser.onPartComplete = {}
        return outcome
    }
}
