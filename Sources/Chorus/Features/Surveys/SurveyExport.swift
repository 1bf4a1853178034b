import Vapor
import Fluent
import SQLKit
import ChorusCore

/// Every submitted response as CSV (the documented layout of `SurveyCSVLayout`, after four columns about the
/// response) or JSON lines, streamed a page of responses at a time so memory stays flat however many there are.
/// Cells are CSV-escaped with formulas neutralised (`CSV.escape`), since answers are typed by the public.
enum SurveyExport {
    static let metadata = ["reference", "channel", "submitted_at", "ward"]

    static func csv(_ s: SurveyService.Info, _ db: any Database) -> Response {
        let columns = SurveyCSVLayout.columns(s.definition)
        let questions = SurveyCSVLayout.questions(s.definition)
        let body = Response.Body(
            managedAsyncStream: { writer in
                let wards = Dictionary(try await PlacesReads.wards(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
                try await writer.write(.buffer(ByteBuffer(string: CSV.line(metadata + columns.map(\.name)))))
                try await each(s, db) { batch in
                    var text = ""
                    for r in batch {
                        let meta = [
                            r.reference, r.channel, r.submittedAt.map(ISOTime.string) ?? "", r.placeID.flatMap { wards[$0] } ?? "",
                        ]
                        text += CSV.line(meta + SurveyCSVLayout.row(questions, SurveyResponseService.decode(r.answers)))
                    }
                    try await writer.write(.buffer(ByteBuffer(string: text)))
                }
            }, count: -1)
        return Download.attachment(body, contentType: "text/csv; charset=utf-8", filename: "survey-responses.csv", private: true)
    }

    /// One JSON object a line: `{"reference":…,"channel":…,"submitted_at":…,"place_id":…,"answers":{question id: [values]}}`.
    static func json(_ s: SurveyService.Info, _ db: any Database) -> Response {
        let body = Response.Body(
            managedAsyncStream: { writer in
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                struct Line: Encodable {
                    let reference: String
                    let channel: String
                    let submitted_at: String?
                    let place_id: UUID?
                    let answers: [String: [String]]
                }
                try await each(s, db) { batch in
                    var buffer = ByteBuffer()
                    for r in batch {
                        let l = Line(
                            reference: r.reference, channel: r.channel, submitted_at: r.submittedAt.map(ISOTime.string),
                            place_id: r.placeID,
                            answers: SurveyResponseService.decode(r.answers))
                        buffer.writeBytes(try enc.encode(l))
                        buffer.writeString("\n")
                    }
                    try await writer.write(.buffer(buffer))
                }
            }, count: -1)
        return Download.attachment(body, contentType: "application/x-ndjson; charset=utf-8", filename: "survey-responses.jsonl", private: true)
    }

    /// What the exports write of a response.
    struct Row: Sendable {
        let id: UUID
        let reference: String
        let channel: String
        let submittedAt: Date?
        let placeID: UUID?
        let answers: String
    }

    /// The submitted responses in the order they came, 1,000 at a time (keyset paging: each page is an index read).
    /// Read as plain SQL rows: building a Fluent model a row (its properties found by reflection) was a quarter of
    /// the export's time at 100,000 responses (bench/README.md, "Surveys").
    static func each(_ s: SurveyService.Info, _ db: any Database, _ body: ([Row]) async throws -> Void) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "Exports need an SQL database") }
        var last: (Date, UUID)? = nil
        while true {
            let q = sql.select().column("id").column("reference").column("channel").column("submitted_at").column("place_id").column("answers")
                .from(SurveyResponse.schema).where("survey_id", .equal, s.id).where("status", .equal, "submitted")
            if let (at, id) = last {
                q.where { $0.where("submitted_at", .greaterThan, at).orWhere { $0.where("submitted_at", .equal, at).where("id", .greaterThan, id) } }
            }
            let batch = try await q.orderBy("submitted_at").orderBy("id").limit(1000).all().map { r in
                Row(
                    id: try r.decode(column: "id", as: UUID.self), reference: try r.decode(column: "reference", as: String.self),
                    channel: try r.decode(column: "channel", as: String.self), submittedAt: try r.decode(column: "submitted_at", as: Date?.self),
                    placeID: try r.decode(column: "place_id", as: UUID?.self), answers: try r.decode(column: "answers", as: String.self))
            }
            try await body(batch)
            guard batch.count == 1000, let end = batch.last, let at = end.submittedAt else { return }
            last = (at, end.id)
        }
    }
}
