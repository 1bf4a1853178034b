import Vapor

/// A file to download (attachment) with its type and name: CSV exports, a plan as Markdown, a resident's data.
enum Download {
    /// `private`: the file holds someone's personal data, so no cache on the way keeps a copy (`no-store`).
    static func attachment(_ body: Response.Body, contentType: String, filename: String, private: Bool = false) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        if `private` { headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// A CSV export as a download (`text/csv`, attachment) with its file name.
enum CSVDownload {
    static func response(_ body: String, filename: String) -> Response {
        Download.attachment(.init(string: body), contentType: "text/csv; charset=utf-8", filename: filename)
    }
}
