import Foundation

/// One log record as a line of JSON, for log collectors (`CHORUS_LOG_FORMAT=json`). Messages and metadata carry
/// what people typed (titles, addresses, paths), so everything is a JSON string written by `JSONSerialization`:
/// a line break, a quote or a control character in a value is escaped, and one record is always one line.
public enum JSONLogLine {
    /// The formats `CHORUS_LOG_FORMAT` accepts.
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public static func encode(
        time: Date, level: String, label: String, message: String, metadata: [String: String], source: String, file: String, line: UInt
    ) -> String {
        var record: [String: Any] = [
            "time": timestamp(time), "level": level, "label": label, "message": message, "source": source,
            "file": (file as NSString).lastPathComponent + ":\(line)",
        ]
        // Metadata keys sit beside the record's own; a key that would overwrite one is prefixed.
        for (key, value) in metadata { record[record[key] == nil ? key : "meta." + key] = value }
        guard let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return #"{"level":"error","message":"a log record could not be written as JSON"}"# }
        return text
    }

    /// "2026-12-06T17:20:01.123Z" (UTC, milliseconds).
    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
