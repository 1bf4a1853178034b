import Vapor

/// An uploaded file kept on disk between the two steps of an import (upload, then choose columns and run), so the
/// mapping page carries a short random reference instead of the whole file echoed back as a hidden field. Files are
/// kept per person under `<data dir>/uploads/` (mode 0600) and removed once imported or after a day.
enum UploadStash {
    static let maxAge: TimeInterval = 24 * 3600

    /// Keeps `text` for `owner` and returns its reference.
    static func keep(_ text: String, owner: UUID, app: Application) throws -> String {
        let dir = folder(app)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        purgeOld(dir)
        let reference = Tokens.make()
        guard
            FileManager.default.createFile(
                atPath: path(dir, owner, reference), contents: Data(text.utf8),
                attributes: [.posixPermissions: 0o600])
        else {
            throw Abort(.internalServerError, reason: "The upload could not be kept on disk")
        }
        return reference
    }

    /// The file `owner` kept under `reference`, or nil (unknown, expired, someone else's, or not a reference at all).
    static func read(_ reference: String?, owner: UUID, app: Application) -> String? {
        guard let reference, isReference(reference),
            let data = FileManager.default.contents(atPath: path(folder(app), owner, reference))
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func discard(_ reference: String?, owner: UUID, app: Application) {
        guard let reference, isReference(reference) else { return }
        try? FileManager.default.removeItem(atPath: path(folder(app), owner, reference))
    }

    /// A reference is what `Tokens.make()` gives: base64url letters only, so it can never name another path.
    static func isReference(_ s: String) -> Bool {
        (20...100).contains(s.count)
            && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }

    private static func folder(_ app: Application) -> String {
        (app.chorusConfig.dataDirectory as NSString).appendingPathComponent("uploads")
    }

    private static func path(_ dir: String, _ owner: UUID, _ reference: String) -> String {
        (dir as NSString).appendingPathComponent("\(owner.uuidString.lowercased())-\(reference).csv")
    }

    private static func purgeOld(_ dir: String) {
        let fm = FileManager.default
        let cutoff = Date().addingTimeInterval(-maxAge)
        for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
            let p = (dir as NSString).appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: p))?[.modificationDate] as? Date, modified < cutoff {
                try? fm.removeItem(atPath: p)
            }
        }
    }
}
