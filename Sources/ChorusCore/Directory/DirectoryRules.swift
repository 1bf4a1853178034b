import Foundation

/// The shape checks a directory entry's contact and address fields get, the same for a form, the JSON API and an
/// imported feed: a phone number people can dial and a full UK postcode written the usual way (a website is checked by
/// `WebAddress.isWeb`).
public enum DirectoryRules {
    /// Digits with spaces, `+`, brackets and hyphens; 6 to 20 digits.
    public static func isPlausiblePhone(_ s: String) -> Bool {
        let digits = s.filter(\.isASCII).filter(\.isNumber).count
        return (6...20).contains(digits) && s.allSatisfy { $0.isASCII && ($0.isNumber || " +()-".contains($0)) }
    }

    /// A full UK postcode, upper case with one space before the inward code ("ol11aa" → "OL1 1AA"); nil otherwise.
    public static func fullPostcode(_ raw: String) -> String? {
        let s = raw.uppercased().filter { !$0.isWhitespace }
        guard s.count >= 5, let outward = Postcode.outward(s), outward.count == s.count - 3 else { return nil }
        return outward + " " + s.dropFirst(outward.count)
    }
}
