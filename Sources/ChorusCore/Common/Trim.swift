/// Trimming white space without Foundation. `trimmingCharacters(in:)` goes through NSString on Linux and was the
/// largest single cost of checking an imported CSV row (every cell is trimmed, several times); these give exactly
/// the same result for the two sets used (`TrimTests` compares them over every Unicode scalar).
extension StringProtocol {
    /// The same as `trimmingCharacters(in: .whitespacesAndNewlines)`.
    public var trimmedWhitespaceAndNewlines: String { Trim.trim(self, newlines: true) }
    /// The same as `trimmingCharacters(in: .whitespaces)`.
    public var trimmedWhitespace: String { Trim.trim(self, newlines: false) }
}

public enum Trim {
    /// Foundation's `CharacterSet.whitespaces` (`newlines` false) or `.whitespacesAndNewlines` (true) on Linux.
    @inline(__always)
    public static func isSpace(_ s: Unicode.Scalar, newlines: Bool) -> Bool {
        switch s.value {
        case 0x20, 0x09: return true
        case 0x21...0x7F: return false
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        case 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func trim<S: StringProtocol>(_ s: S, newlines: Bool) -> String {
        let str = String(s)
        let scalars = str.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        // Most cells need nothing taken off.
        if !isSpace(first, newlines: newlines) && !isSpace(last, newlines: newlines) { return str }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start], newlines: newlines) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)], newlines: newlines) { end = scalars.index(before: end) }
        return String(Substring(scalars[start..<end]))
    }
}
