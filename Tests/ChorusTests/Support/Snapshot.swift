import Foundation
import Testing
import ChorusCore

/// HTML snapshot tests: a page is compared with a reviewable file in `Tests/ChorusTests/Snapshots/pages/`, one tag a
/// line. What changes from run to run is replaced first: ids (`<id-1>`… in order of appearance), the form token, and
/// today's date. A missing file is written and the test fails saying so; `CHORUS_RECORD_SNAPSHOTS=1` rewrites them
/// all (review the diff before committing). A mismatch shows the first lines that differ.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots/pages")

    static func normalise(_ html: String, today: Day = Day(Date())) -> String {
        var s = html
        // Ids as written and percent-encoded in links (`%2D` for the dashes).
        let uuid = try! NSRegularExpression(
            pattern: "[0-9A-Fa-f]{8}(?:-|%2D)[0-9A-Fa-f]{4}(?:-|%2D)[0-9A-Fa-f]{4}(?:-|%2D)[0-9A-Fa-f]{4}(?:-|%2D)[0-9A-Fa-f]{12}")
        var seen: [String: Int] = [:]
        let ns = s as NSString
        var out = ""
        var last = 0
        for m in uuid.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let id = ns.substring(with: m.range).uppercased().replacingOccurrences(of: "%2D", with: "-")
            if seen[id] == nil { seen[id] = seen.count + 1 }
            out += "<id-\(seen[id]!)>"
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        s = out
        let csrf = try! NSRegularExpression(pattern: #"name="_csrf" type="hidden" value="[^"]*""#)
        s = csrf.stringByReplacingMatches(
            in: s, range: NSRange(location: 0, length: (s as NSString).length),
            withTemplate: #"name="_csrf" type="hidden" value="<csrf>""#)
        // The bot-protection stamp is the time the form was served.
        let stamp = try! NSRegularExpression(pattern: #"name="_t" type="hidden" value="[^"]*""#)
        s = stamp.stringByReplacingMatches(
            in: s, range: NSRange(location: 0, length: (s as NSString).length), withTemplate: #"name="_t" type="hidden" value="<stamp>""#)
        let c = today.components
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for form in [today.description, "\(c.day) \(months[c.month - 1]) \(c.year)"] { s = s.replacingOccurrences(of: form, with: "<today>") }
        return s.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    /// The committed file's text; or, when it is missing or `CHORUS_RECORD_SNAPSHOTS=1` is set, nil after writing
    /// `text` there and recording an issue that says so (page and schema snapshots both go through here).
    static func recordedOrExisting(_ text: String, at file: URL, what: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let record = ProcessInfo.processInfo.environment["CHORUS_RECORD_SNAPSHOTS"] == "1"
        if !record, let existing = try? String(contentsOf: file, encoding: .utf8) { return existing }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(Comment(rawValue: "\(what) recorded at \(file.path); review it, commit it and run again"), sourceLocation: sourceLocation)
        return nil
    }

    static func check(_ html: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = normalise(html)
        let file = folder.appendingPathComponent(name + ".html")
        guard let expected = recordedOrExisting(actual, at: file, what: "snapshot \(name)", sourceLocation: sourceLocation),
            expected != actual
        else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false), b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for i in 0..<max(a.count, b.count) where lines.count < 24 {
            let x = i < a.count ? String(a[i]) : "(none)", y = i < b.count ? String(b[i]) : "(none)"
            if x != y { lines.append("line \(i + 1):\n  - \(x)\n  + \(y)") }
        }
        let message = "snapshot \(name) differs (\(file.lastPathComponent); CHORUS_RECORD_SNAPSHOTS=1 re-records):\n" + lines.joined(separator: "\n")
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
