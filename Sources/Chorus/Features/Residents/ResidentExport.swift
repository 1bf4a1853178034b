import Fluent
import Vapor
import ChorusCore

/// A resident's data as one zip that opens with standard tools: `data.json` (machine-readable: every record of every
/// feature, from the registry) and `data.html` (the same, readable in any browser, in their language).
enum ResidentExport {
    struct Document: Codable, Sendable {
        let reference: String
        let exportedAt: String
        let records: [ExportedRecord]
    }

    static func zip(_ key: ResidentKey, reference: String, language: UILanguage, now: Date, _ db: any Database) async throws -> [UInt8] {
        let records = try await PersonalDataRegistry.export(key, db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(Document(reference: reference, exportedAt: now.formatted(.iso8601), records: records))
        let html = ResidentViews.exportHTML(reference: reference, records: records, exportedAt: now, language: language)
        var archive = ZipArchive()
        archive.add(path: "my-data/data.json", bytes: Array(json), modified: now)
        archive.add(path: "my-data/data.html", bytes: Array(html.utf8), modified: now)
        return archive.bytes()
    }

    static func response(_ key: ResidentKey, reference: String, language: UILanguage, _ db: any Database) async throws -> Response {
        let bytes = try await zip(key, reference: reference, language: language, now: Date(), db)
        return Download.attachment(.init(data: Data(bytes)), contentType: "application/zip", filename: "my-data-\(reference).zip", private: true)
    }
}
