import Foundation
import Logging
import ChorusCore

/// Writes each log record as one line of JSON to standard error (`CHORUS_LOG_FORMAT=json`), for log collectors;
/// the line itself is `JSONLogLine` (ChorusCore), which escapes whatever people typed.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String

    public init(label: String, logLevel: Logger.Level) {
        self.label = label
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata.merging(event.metadata ?? [:]) { $1 }.mapValues { "\($0)" }
        if let error = event.error { merged["error"] = String(describing: error) }
        let text = JSONLogLine.encode(
            time: Date(), level: event.level.rawValue, label: label, message: event.message.description, metadata: merged,
            source: event.source, file: event.file, line: event.line)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
