import Foundation

/// Whether a client's cached copy of a page or feed is still current, so the server can answer `304 Not Modified`
/// with no body (RFC 9110 §13). A resident's phone re-checking a "You said, we did" report, or a calendar app polling a
/// ward's feed every few minutes, then costs a few header bytes instead of the whole page.
///
/// `If-None-Match` wins when both are sent (§13.2.2): it compares entity tags weakly (`W/"x"` matches `"x"`), and `*`
/// matches any current representation. Only without it does `If-Modified-Since` count, at one-second precision, the
/// precision of an HTTP date. A date that cannot be read is ignored, as the RFC asks.
public enum ConditionalGet {
    public static func isNotModified(ifNoneMatch: String?, ifModifiedSince: String?, etag: String, lastModified: Date) -> Bool {
        if let ifNoneMatch, !ifNoneMatch.trimmingCharacters(in: .whitespaces).isEmpty {
            let mine = opaque(etag)
            return ifNoneMatch.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || opaque(tag) == mine
            }
        }
        guard let since = ifModifiedSince.flatMap(HTTPDate.parse) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    /// The tag without its weakness marker, quotes included (`W/"a"` → `"a"`).
    static func opaque(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
}

/// HTTP dates (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7): written for `Last-Modified`, read from
/// `If-Modified-Since`. Only the preferred format is read; the two obsolete ones are ignored rather than guessed.
public enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static var utc: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    public static func format(_ date: Date) -> String {
        let p = utc.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(p.weekday ?? 1) - 1]), \(two(p.day)) \(months[(p.month ?? 1) - 1]) \(p.year ?? 1970) "
            + "\(two(p.hour)):\(two(p.minute)):\(two(p.second)) GMT"
    }

    public static func parse(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), days.contains(String(parts[0].dropLast())), parts[5] == "GMT",
            let day = Int(parts[1]), parts[1].count == 2, let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let h = Int(clock[0]), let m = Int(clock[1]),
            let s = Int(clock[2]), (1...31).contains(day), (0...23).contains(h), (0...59).contains(m), (0...60).contains(s)
        else { return nil }
        return utc.date(from: DateComponents(year: year, month: month + 1, day: day, hour: h, minute: m, second: s))
    }
}
