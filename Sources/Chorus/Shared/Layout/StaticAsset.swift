import Vapor

/// A stylesheet or script Chorus ships as a string, served with its type and an hour's caching.
enum StaticAsset {
    static func response(_ body: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type + "; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
