import Vapor
import Fluent
import ChorusCore

/// Every submitted response as CSV (the documented layout of `SurveyCSVLayout`, after four columns about the
/// response) or JSON lines, streamed a page of responses at a time so memory stays flat however many there are.
/// Cells are CSV-escaped with formulas neutralised (`CSV.escape`), since answers are typed by the public.
enum SurveyExport {
    static let metadata = ["reference", "channel", "submitted_at", "ward"]

    static func csv(_ s: SurveyService.Info, _ db: any Database) -> Response {
        let columns = SurveyCSVLayout.columns(s.definition)
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
                        text += CSV.line(meta + SurveyCSVLayout.row(s.definition, SurveyResponseService.decode(r.answers)))
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

    /// The submitted responses in the order they came, 1,000 at a time (keyset paging: each page is an index read).
    static func each(_ s: SurveyService.Info, _ db: any Database, _ body: ([SurveyResponse]) async throws -> Void) async throws {
        var last: (Date, UUID)? = nil
        while true {
            // Only what the exports write is read: decoding whole rows cost more than writing them.
            let q = SurveyResponse.query(on: db).filter(\.$surveyID == s.id).filter(\.$status == "submitted")
                .field(\.$id).field(\.$reference).field(\.$channel).field(\.$submittedAt).field(\.$placeID).field(\.$answers)
            if let (at, id) = last {
                q.group(.or) { $0.filter(\.$submittedAt > at).group(.and) { $0.filter(\.$submittedAt == at).filter(\.$id > id) } }
            }
            let batch = try await q.sort(\.$submittedAt).sort(\.$id).limit(1000).all()
            try await body(batch)
            guard batch.count == 1000, let end = batch.last, let at = end.submittedAt else { return }
            last = (at, end.id!)
        }
    }
}
