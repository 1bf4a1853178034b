import Fluent
import Vapor
import ChorusCore

/// A CSV import of insights: the uploaded file (kept in the data directory until the job ends), the column mapping
/// the uploader chose, and the progress and outcome of the background run. Only the uploader and partnership
/// admins see it.
final class ImportJob: Model, @unchecked Sendable {
    static let schema = "import_jobs"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// The file is checked and stored; the uploader has not yet confirmed the mapping.
        case uploaded
        case queued, running, failed, done
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "organisation_id") var organisation: Organisation
    /// The name of the file on the uploader's computer (shown back to them).
    @Field(key: "file_name") var fileName: String
    /// Where the upload is kept: `<data dir>/imports/<id>.csv`. Deleted when the job ends.
    @Field(key: "file_path") var filePath: String
    /// `InsightCSV.Mapping` as JSON, once the uploader has chosen the columns.
    @OptionalField(key: "mapping") var mapping: String?
    @Field(key: "status") var status: String
    /// While running: `checking` (pass 1, every row validated) or `saving` (pass 2, rows stored).
    @OptionalField(key: "phase") var phase: String?
    /// Data rows in the file (counted when it was uploaded).
    @OptionalField(key: "rows_total") var rowsTotal: Int?
    /// Rows checked (while checking) or stored (while saving, and at the end).
    @Field(key: "rows_done") var rowsDone: Int
    @Field(key: "rows_rejected") var rowsRejected: Int
    /// The first `InsightCSV.maxProblems` row problems as JSON `[{"line":…, "field":…, "message":…}]`.
    @OptionalField(key: "errors") var errors: String?
    /// Why the job stopped, when the reason is not a row (the file changed, the database failed).
    @OptionalField(key: "message") var message: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    init() {}

    var statusValue: Status { Status(rawValue: status) ?? .failed }

    var problems: [InsightCSV.Problem] {
        guard let errors, let data = errors.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([InsightCSV.Problem].self, from: data)) ?? []
    }
}
