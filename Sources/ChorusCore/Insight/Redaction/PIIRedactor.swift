import Foundation

/// The kinds of personal data the redactor finds in residents' comments.
public enum PIIKind: String, CaseIterable, Sendable, Codable {
    case name, email, phone, postcode, nhsNumber = "nhs_number", niNumber = "ni_number", address

    /// The token that replaces it in the redacted text (a postcode keeps its sector in front: "HB3 4 [postcode]").
    public var token: String {
        switch self {
        case .name: return "[name]"
        case .email: return "[email]"
        case .phone: return "[phone]"
        case .postcode: return "[postcode]"
        case .nhsNumber: return "[NHS number]"
        case .niNumber: return "[NI number]"
        case .address: return "[address]"
        }
    }
}

/// One piece of personal data found and replaced.
public struct Redaction: Sendable, Equatable, Codable {
    public let kind: PIIKind
    /// Byte offsets in the UTF-8 of the original text.
    public let utf8Range: Range<Int>
    /// The text that was removed (show it only to the recording organisation).
    public let original: String
    /// What stands in its place in the redacted text.
    public let replacement: String

    public init(kind: PIIKind, utf8Range: Range<Int>, original: String, replacement: String) {
        self.kind = kind
        self.utf8Range = utf8Range
        self.original = original
        self.replacement = replacement
    }
}

public struct RedactionResult: Sendable, Equatable {
    /// The redacted text: what everyone outside the recording organisation, the API and analysis see.
    public let text: String
    /// What was replaced, in order of position in the original.
    public let redactions: [Redaction]
    /// Postcode sectors of the redacted postcodes ("HB3 4"), kept as the place; in order, without repeats.
    public var postcodeSectors: [String]

    public init(text: String, redactions: [Redaction], postcodeSectors: [String]) {
        self.text = text
        self.redactions = redactions
        self.postcodeSectors = postcodeSectors
    }

    /// The kinds that were redacted, each once, in `PIIKind.allCases` order.
    public var kinds: [PIIKind] {
        PIIKind.allCases.filter { kind in redactions.contains { $0.kind == kind } }
    }

    public var isUnchanged: Bool { redactions.isEmpty }
}

/// Finds names (given names from a list with their surnames, and any name after cue words and titles), email
/// addresses, UK phone numbers, full UK postcodes, NHS numbers, National Insurance numbers and street addresses in
/// free text, and replaces them with readable tokens.
/// Pure and fast: one pass over the UTF-8 bytes, no regular expressions. See docs/redaction.md for the rules.
public enum PIIRedactor {
    public static func redact(_ text: String) -> RedactionResult {
        var text = text
        if let result = text.utf8.withContiguousStorageIfAvailable({ redact(text, bytes: $0) }) { return result }
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { redact(text, bytes: $0) }!
    }

    static func redact(_ original: String, bytes: UnsafeBufferPointer<UInt8>) -> RedactionResult {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return RedactionResult(text: original, redactions: [], postcodeSectors: [])
        }
        let t = PIIText(p: base, n: bytes.count)
        var scanner = PIIScanner(t)
        scanner.scan()
        guard !scanner.candidates.isEmpty else { return RedactionResult(text: original, redactions: [], postcodeSectors: []) }
        let chosen = resolve(scanner.candidates)
        return assemble(t, chosen)
    }

    /// Keeps the strongest of overlapping candidates: by kind rank, then the longer, then the earlier. Candidates
    /// are grouped into runs that overlap each other (almost always a run of one), and only within a run are they
    /// compared, so a long text with many matches costs O(k log k), not O(k²).
    static func resolve(_ candidates: [PIICandidate]) -> [PIICandidate] {
        if candidates.count == 1 { return candidates }
        let byStart = candidates.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        var kept: [PIICandidate] = []
        kept.reserveCapacity(byStart.count)
        var i = 0
        while i < byStart.count {
            var j = i + 1
            var groupEnd = byStart[i].end
            while j < byStart.count && byStart[j].start < groupEnd {
                groupEnd = max(groupEnd, byStart[j].end)
                j += 1
            }
            if j == i + 1 {
                kept.append(byStart[i])
            } else {
                let strongestFirst = byStart[i..<j].sorted {
                    if $0.rank != $1.rank { return $0.rank < $1.rank }
                    if $0.end - $0.start != $1.end - $1.start { return $0.end - $0.start > $1.end - $1.start }
                    return $0.start < $1.start
                }
                var group: [PIICandidate] = []
                for c in strongestFirst where !group.contains(where: { $0.start < c.end && c.start < $0.end }) { group.append(c) }
                kept += group.sorted { $0.start < $1.start }
            }
            i = j
        }
        return kept
    }

    static func assemble(_ t: PIIText, _ chosen: [PIICandidate]) -> RedactionResult {
        var out: [UInt8] = []
        out.reserveCapacity(t.n + 16 * chosen.count)
        var redactions: [Redaction] = []
        redactions.reserveCapacity(chosen.count)
        var sectors: [String] = []
        var seenSectors: Set<String> = []
        var at = 0
        for c in chosen {
            out.append(contentsOf: UnsafeBufferPointer(start: t.p + at, count: c.start - at))
            let replacement: String
            if c.kind == .postcode {
                let sector = t.upperString(c.start, c.outwardEnd) + " " + String(UnicodeScalar(t[c.sectorDigit]))
                if seenSectors.insert(sector).inserted { sectors.append(sector) }
                replacement = sector + " " + PIIKind.postcode.token  // "HB3 4 [postcode]": the sector digit is not glued to the token
            } else {
                replacement = c.kind.token
            }
            out.append(contentsOf: replacement.utf8)
            redactions.append(Redaction(kind: c.kind, utf8Range: c.start..<c.end, original: t.string(c.start, c.end), replacement: replacement))
            at = c.end
        }
        out.append(contentsOf: UnsafeBufferPointer(start: t.p + at, count: t.n - at))
        return RedactionResult(text: String(decoding: out, as: UTF8.self), redactions: redactions, postcodeSectors: sectors)
    }
}
