import Foundation

/// Writes iCalendar (RFC 5545) feeds of all-day events: CRLF line ends, lines folded at 75 octets, TEXT values
/// escaped, DTEND exclusive (the day after the last day).
public enum ICalendar {
    public struct Event: Sendable {
        public let uid: String
        public let summary: String
        public let description: String
        public let location: String
        public let url: String?
        public let start: Day
        /// Last day (inclusive); nil for open-ended, written as a one-day event on the start day.
        public let end: Day?
        public let lastModified: Date

        public init(uid: String, summary: String, description: String, location: String, url: String?, start: Day, end: Day?, lastModified: Date) {
            self.uid = uid; self.summary = summary; self.description = description; self.location = location
            self.url = url; self.start = start; self.end = end; self.lastModified = lastModified
        }
    }

    public static func feed(name: String, events: [Event], now: Date = Date()) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Chorus//Engagement register//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name),
        ]
        let stamp = timestamp(now)
        for e in events {
            lines += [
                "BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:" + stamp, "LAST-MODIFIED:" + timestamp(e.lastModified),
                "DTSTART;VALUE=DATE:" + compact(e.start), "DTEND;VALUE=DATE:" + compact((e.end ?? e.start).adding(days: 1)),
                "SUMMARY:" + escape(e.summary),
            ]
            if !e.description.isEmpty { lines.append("DESCRIPTION:" + escape(e.description)) }
            if !e.location.isEmpty { lines.append("LOCATION:" + escape(e.location)) }
            if let url = e.url { lines.append("URL:" + url) }
            lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT escaping: backslash, semicolon, comma and newlines.
    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var current = ""
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if current.utf8.count + size > limit {
                out += current + "\r\n "
                current = ""
                limit = 74  // the leading space counts
            }
            current.unicodeScalars.append(scalar)
        }
        return out + current
    }

    /// Undoes folding and splits into content lines (for reading a feed back).
    public static func unfold(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func compact(_ d: Day) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }
}
