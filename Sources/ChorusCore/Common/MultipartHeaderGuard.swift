/// Reads a `multipart/form-data` body byte by byte exactly as MultipartKit 4's `MultipartParser` does (same states,
/// same boundary matching) and says whether that parser would trap on it, before it sees the bytes.
///
/// MultipartKit 4.7.1 looks each byte of a part's header name up in a 128-entry table, so one byte ≥ 0x80 in a
/// header name (`--b\r\nC\u{E9}: x`) is an index out of range that stops the whole server; and an empty boundary fails
/// the parser's `precondition`. Vapor decodes any request body whose Content-Type says multipart with that parser,
/// so both reach every form route (the CSRF check reads `_csrf` from the body) without signing in. Found by fuzzing
/// (docs/fuzzing.md); the fuzz target `multipart` checks this guard against the parser itself.
///
/// Pure: no MultipartKit. Feed the body in any chunks; the verdict is final once it is not `.fine`.
public struct MultipartHeaderGuard: Sendable {
    public enum Verdict: Equatable, Sendable {
        /// Nothing so far would trap the parser.
        case fine
        /// The parser would throw (a syntax error) at this byte offset: it stops itself, safely.
        case malformed(at: Int)
        /// The parser would trap at this byte offset (or, at 0, on the boundary itself): refuse the body.
        case wouldCrash(at: Int)
    }

    private enum State: Sendable {
        case preamble(Int)
        case preHeaders(expectingLF: Bool)
        case headerName(empty: Bool)
        case headerValue(empty: Bool)
        case postHeaderValue
        case postHeaders
        case body
        case boundary(Int)
        case epilogue
    }

    private let delimiter: [UInt8]
    private var state: State = .preamble(0)
    private var offset = 0
    public private(set) var verdict: Verdict

    /// `boundary`: the Content-Type's boundary parameter, as the parser gets it ("\r\n--" is put in front).
    public init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        verdict = boundary.isEmpty ? .wouldCrash(at: 0) : .fine
    }

    /// Reads the next bytes of the body; the verdict so far.
    @discardableResult
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Verdict {
        guard verdict == .fine else { return verdict }
        for b in bytes {
            step(b)
            guard verdict == .fine else { return verdict }
            offset += 1
        }
        return verdict
    }

    private static let cr: UInt8 = 13, lf: UInt8 = 10, colon: UInt8 = 58, hyphen: UInt8 = 45

    private mutating func step(_ b: UInt8) {
        switch state {
        case .preamble(var i):
            if i == 0, b == delimiter[2] {
                i = 3  // the parser lets the body start with "--" instead of "\r\n--"
            } else if b == delimiter[i] {
                i += 1
            } else if i > 0, b == delimiter[0] {
                i = 1
            } else {
                i = 0
            }
            state = i >= delimiter.count ? .preHeaders(expectingLF: false) : .preamble(i)
        case .preHeaders(let expectingLF):
            if !expectingLF && b == Self.cr {
                state = .preHeaders(expectingLF: true)
            } else if expectingLF && b == Self.lf {
                state = .headerName(empty: true)
            } else {
                verdict = .malformed(at: offset)
            }
        case .headerName(let empty):
            if b == Self.colon && !empty {
                state = .headerValue(empty: true)
            } else if b == Self.cr && empty {
                state = .postHeaders
            } else if b >= 0x80 {
                verdict = .wouldCrash(at: offset)
            } else if Self.allowedInName[Int(b)] {
                state = .headerName(empty: false)
            } else {
                verdict = .malformed(at: offset)
            }
        case .headerValue(let empty):
            if b == Self.cr {
                state = .postHeaderValue
            } else if !(empty && (b == 0x20 || b == 0x09)) {
                state = .headerValue(empty: false)
            }
        case .postHeaderValue:
            if b == Self.lf { state = .headerName(empty: true) } else { verdict = .malformed(at: offset) }
        case .postHeaders:
            if b == Self.lf { state = .body } else { verdict = .malformed(at: offset) }
        case .body:
            if b == delimiter[0] { state = .boundary(1) }
        case .boundary(let i):
            if i >= delimiter.count {
                if b == Self.cr {
                    state = .preHeaders(expectingLF: true)
                } else if b == Self.hyphen {
                    state = .epilogue
                } else {
                    verdict = .malformed(at: offset)
                }
            } else if b == delimiter[i] {
                state = .boundary(i + 1)
            } else if b == delimiter[0] {
                state = .boundary(1)
            } else {
                state = .body
            }
        case .epilogue:
            break
        }
    }

    /// RFC 822 token characters (no CTLs, no tspecials), as MultipartKit's table has them.
    private static let allowedInName: [Bool] = (0..<128).map { c in
        c > 32 && c != 127 && !"()<>@,;:\\\"/[]?={}".utf8.contains(UInt8(c))
    }
}
