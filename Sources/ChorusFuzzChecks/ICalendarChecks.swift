import ChorusCore
import Foundation

/// The iCalendar writer (Register/ICalendar.swift), whose text fields are activity titles, public summaries and
/// place names that staff type.
///
/// A feed written from any text: ends every line with CRLF and has no bare CR or LF (no line can be injected);
/// no physical line is longer than 75 octets and each is whole UTF-8; after unfolding, the content lines are
/// exactly the ones the writer meant (same property names in the same order, so nothing was added), every TEXT
/// value has `\`, `;` and `,` escaped, and unescaping it gives the original text (line breaks as `\n`).
/// `ICalendar.unfold` reads the same lines back.
enum ICalendarChecks {
    static func check(_ data: Data) {
        let parts = splitFields(data, count: 5)
        let text = parts.prefix(4).map { String(decoding: $0, as: UTF8.self) }
        let (name, summary, description, location) = (text[0], text[1], text[2], text[3])
        var dice = FuzzDice(parts[4])
        let start = Day(ordinal: 18_000 + dice.next(40_000))
        let end: Day? = dice.next(3) == 0 ? nil : start.adding(days: dice.next(400))
        let events = [
            ICalendar.Event(
                uid: "0f6c8a52-3c1e-4f0e-9a43-1b2c3d4e5f60@chorus.example", summary: summary, description: description,
                location: location, url: "https://chorus.example/whats-on/activities/0f6c8a52", start: start, end: end,
                lastModified: Date(timeIntervalSince1970: Double(dice.next(2_000_000_000)))),
            ICalendar.Event(
                uid: "second@chorus.example", summary: location, description: summary, location: description, url: nil, start: start,
                end: nil, lastModified: Date(timeIntervalSince1970: 0)),
        ]
        let feed = ICalendar.feed(name: name, events: events, now: Date(timeIntervalSince1970: 1_800_000_000))
        let bytes = Array(feed.utf8)

        // Line ends: CRLF only.
        for (i, b) in bytes.enumerated() {
            if b == 0x0D { precondition(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "a bare CR at byte \(i)") }
            if b == 0x0A { precondition(i > 0 && bytes[i - 1] == 0x0D, "a bare LF at byte \(i)") }
        }
        precondition(bytes.suffix(2) == [0x0D, 0x0A], "the feed does not end with CRLF")

        // Physical lines: at most 75 octets, whole UTF-8, a continuation starts with one space.
        var physical = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0.dropLast()) }
        precondition(physical.removeLast().isEmpty, "text after the last CRLF")
        var logical: [[UInt8]] = []
        for line in physical {
            precondition(line.count <= 75, "a line of \(line.count) octets")
            precondition(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 character")
            precondition(!line.isEmpty, "an empty content line")
            if line[0] == 0x20 {
                precondition(!logical.isEmpty, "the feed starts with a continuation")
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        let lines = logical.map { String(decoding: $0, as: UTF8.self) }
        precondition(ICalendar.unfold(feed).map(scalars) == lines.map(scalars), "ICalendar.unfold reads other lines")

        // Content lines: exactly the properties written, each TEXT value the original text.
        var expected: [(String, String?)] = [
            ("BEGIN", nil), ("VERSION", nil), ("PRODID", nil), ("CALSCALE", nil), ("METHOD", nil), ("X-WR-CALNAME", name),
        ]
        for e in events {
            expected += [
                ("BEGIN", nil), ("UID", nil), ("DTSTAMP", nil), ("LAST-MODIFIED", nil), ("DTSTART;VALUE=DATE", nil),
                ("DTEND;VALUE=DATE", nil), ("SUMMARY", e.summary),
            ]
            if !e.description.isEmpty { expected.append(("DESCRIPTION", e.description)) }
            if !e.location.isEmpty { expected.append(("LOCATION", e.location)) }
            if e.url != nil { expected.append(("URL", nil)) }
            expected += [("TRANSP", nil), ("END", nil)]
        }
        expected.append(("END", nil))
        precondition(lines.count == expected.count, "\(lines.count) content lines where \(expected.count) were written")
        for (line, (property, value)) in zip(lines, expected) {
            guard let colon = line.unicodeScalars.firstIndex(of: ":") else { preconditionFailure("a content line without a colon") }
            let key = String(line.unicodeScalars[..<colon])
            precondition(key == property, "content line \(key) where \(property) was written")
            guard let value else { continue }
            let written = String(line.unicodeScalars[line.unicodeScalars.index(after: colon)...])
            precondition(scalars(unescape(written)) == scalars(newlinesAsLF(value)), "\(property) does not read back as written")
        }
    }

    /// RFC 5545 TEXT unescaping; traps on a `;` or `,` left unescaped or an unknown escape.
    static func unescape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            precondition(c != ";" && c != ",", "an unescaped \(c) in a TEXT value")
            guard c == "\\" else { out.append(c); continue }
            switch it.next() {
            case "\\": out.append("\\")
            case ";": out.append(";")
            case ",": out.append(",")
            case "n", "N": out.append("\n")
            default: preconditionFailure("an unknown escape in a TEXT value")
            }
        }
        return String(out)
    }

    static func newlinesAsLF(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for c in s.unicodeScalars {
            if c == "\n" && previousCR { previousCR = false; continue }
            previousCR = c == "\r"
            out.append(c == "\r" ? "\n" : c)
        }
        return String(out)
    }
}
