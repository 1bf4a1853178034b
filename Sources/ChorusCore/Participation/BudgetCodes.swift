import Foundation

/// The codes participatory budgeting gives out, in Crockford's base32 like `SurveyCodes` (read back forgiving O for 0
/// and I or L for 1): a ballot's receipt, "B-7K3M-9QXD", which its voter looks up on the results page to see it was
/// counted (40 random bits, so receipts cannot be guessed from one another), and a proposal's public reference,
/// "P-7K3M9Q", which is also its project id in the Pabulib export.
public enum BudgetCodes {
    public static func ballotReference() -> String {
        let c = SurveyCodes.random(8)
        return "B-" + String(c[0..<4]) + "-" + String(c[4..<8])
    }

    public static func proposalReference() -> String { "P-" + String(SurveyCodes.random(6)) }

    /// A typed receipt in its stored form, or nil when it cannot be one.
    public static func normaliseBallotReference(_ typed: String) -> String? {
        var text = Substring(typed.trimmingCharacters(in: .whitespaces).uppercased())
        if text.hasPrefix("B") { text = text.dropFirst() }
        guard let out = SurveyCodes.readBack(text, count: 8) else { return nil }
        return "B-" + String(out[0..<4]) + "-" + String(out[4..<8])
    }

    /// A paper voter as the "same person" check compares them: the name in lower case with only letters and single
    /// spaces, and the postcode in capitals without spaces. "Mary  O'Neil, SW1A 1AA" and "mary oneil, sw1a1aa" match.
    public static func voterIdentity(name: String, postcode: String) -> String {
        let letters = name.lowercased().unicodeScalars.map {
            CharacterSet.letters.contains($0) ? Character($0) : (CharacterSet.whitespaces.contains($0) ? " " : "\u{0}")
        }
        let cleanName = String(letters.filter { $0 != "\u{0}" }).split(separator: " ").joined(separator: " ")
        let cleanPostcode = postcode.uppercased().filter { $0.isLetter || $0.isNumber }
        return cleanName + "|" + cleanPostcode
    }
}
