import Foundation

/// The shape checks a directory entry's contact and address fields get, the same for a form, the JSON API and an
/// imported feed: a phone number people can dial, a web address a browser opens (never `javascript:`), a full UK
/// postcode written the usual way.
public enum DirectoryRules {
    /// Digits with spaces, `+`, brackets and hyphens; 6 to 20 digits.
    public static func isPlausiblePhone(_ s: String) -> Bool {
        let digits = s.filter(\.isASCII).filter(\.isNumber).count
        return (6...20).contains(digits) && s.allSatisfy { $0.isASCII && ($0.isNumber || " +()-".contains($0)) }
    }

    /// An absolute http or https address with a host and no spaces or control characters.
    public static func isWebAddress(_ s: String) -> Bool {
        guard !s.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true || $0 == "\"" || $0 == "<" || $0 == ">" }),
            let url = URL(string: s), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    /// A full UK postcode, upper case with one space before the inward code ("ol11aa" → "OL1 1AA"); nil otherwise.
    public static func fullPostcode(_ raw: String) -> String? {
        let s = raw.uppercased().filter { !$0.isWhitespace }
        guard s.count >= 5, let outward = Postcode.outward(s), outward.count == s.count - 3 else { return nil }
        return outward + " " + s.dropFirst(outward.count)
    }
}
