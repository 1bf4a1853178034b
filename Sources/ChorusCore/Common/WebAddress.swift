import Foundation

/// Addresses people type that pages turn into links: an absolute http or https address a browser opens (never
/// `javascript:` or `data:`), or one of Chorus's own pages. One rule for the directory's websites and feeds, evidence
/// links on self-assessments and links in the good-practice library.
public enum WebAddress {
    /// Whitespace, a control character, a double quote or an angle bracket: none belongs in an address a page links.
    public static func hasUnsafeCharacter(_ s: String) -> Bool {
        s.contains { $0.isWhitespace || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true || $0 == "\"" || $0 == "<" || $0 == ">" }
    }

    /// An absolute http or https address with a host and no spaces or control characters.
    public static func isWeb(_ s: String) -> Bool {
        guard !hasUnsafeCharacter(s), let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// A page of this site: one leading slash (two would name another host) and nothing unsafe.
    public static func isSitePath(_ s: String) -> Bool { s.hasPrefix("/") && !s.hasPrefix("//") && !hasUnsafeCharacter(s) }
}
