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

    /// TEXT escaping: backslash, semicolon, comma and newlines (CRLF, LF or CR each become `\n`). Scalar by scalar:
    /// `replacingOccurrences` matches whole Characters, so a line break, `\`, `;` or `,` followed by a combining mark
    /// was left as it was, and a bare CR/LF reached the feed (found by the fuzz checks, docs/fuzzing.md).
    public static func escape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for c in s.unicodeScalars {
            defer { afterCR = c == "\r" }
            switch c {
            case "\n" where afterCR: continue
            case "\r", "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\\", ";", ",":
                out.append("\\")
                out.append(c)
            default: out.append(c)
            }
        }
        return String(out)
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

    /// Undoes folding and splits into content lines (for reading a feed back). By bytes: a fold may fall before a
    /// combining mark, and " " plus that mark is one Character, which `replacingOccurrences(of: "\r\n ")` missed.
    public static func unfold(_ text: String) -> [String] {
        var lines: [[UInt8]] = []
        for line in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            let content = line.last == 0x0D ? line.dropLast() : line[...]
            if let first = content.first, first == 0x20 || first == 0x09, !lines.isEmpty {
                lines[lines.count - 1] += content.dropFirst()
            } else {
                lines.append(Array(content))
            }
        }
        return lines.filter { !$0.isEmpty }.map { String(decoding: $0, as: UTF8.self) }
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
