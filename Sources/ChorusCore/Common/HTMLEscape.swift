/// HTML escaping for text a person typed. Attribute values are where injection happens: a value that keeps a raw `"`
/// or `'` ends the attribute and lets the rest of the text write new attributes or elements (a `formaction` that
/// sends an admin's form elsewhere, a `<meta http-equiv=refresh>`). So every attribute value is escaped completely,
/// `& < > " '`, in one place, whatever quote the renderer uses.
public enum HTMLEscape {
    /// The value made safe inside a double- or single-quoted attribute.
    public static func attribute(_ value: String) -> String { escape(value, quotes: true) }

    /// The value made safe as element text (every `&` escaped, so text that looks like an entity reads as typed).
    public static func text(_ value: String) -> String { escape(value, quotes: false) }

    private static func escape(_ value: String, quotes: Bool) -> String {
        func special(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E || (quotes && (b == 0x22 || b == 0x27)) }
        guard value.utf8.contains(where: special) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
