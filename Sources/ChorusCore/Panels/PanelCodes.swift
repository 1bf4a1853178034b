import Foundation

/// The code printed on a recruitment letter, "H-7K3M-9QXD" in Crockford's base32 like `SurveyCodes` (read back
/// forgiving O for 0 and I or L for 1, spaces and dashes ignored): 40 random bits from the system's generator, so a
/// household cannot guess a neighbour's code from its own, and short enough to type from paper on a phone.
public enum PanelCodes {
    public static func householdCode() -> String {
        let c = SurveyCodes.random(8)
        return "H-" + String(c[0..<4]) + "-" + String(c[4..<8])
    }

    /// A typed code in its stored form, or nil when it cannot be one.
    public static func normaliseHouseholdCode(_ typed: String) -> String? {
        var text = Substring(typed.trimmingCharacters(in: .whitespaces).uppercased())
        if text.hasPrefix("H") { text = text.dropFirst() }
        guard let out = SurveyCodes.readBack(text, count: 8) else { return nil }
        return "H-" + String(out[0..<4]) + "-" + String(out[4..<8])
    }

    /// A volunteer's pseudonym on a selection's published audit files: "V0001"… in pool order, which is the order of
    /// a random shuffle the service makes before publishing, so the number says nothing about who joined when.
    public static func pseudonym(_ index: Int) -> String {
        let n = String(index + 1)
        return "V" + String(repeating: "0", count: max(0, 4 - n.count)) + n
    }
}
