import Vapor

/// A CSV export as a download (`text/csv`, attachment) with its file name.
enum CSVDownload {
    static func response(_ body: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
