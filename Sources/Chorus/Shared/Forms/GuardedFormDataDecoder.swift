import ChorusCore
import MultipartKit
import Vapor

/// Vapor's `multipart/form-data` content decoder with ChorusCore's `MultipartHeaderGuard` in front of it.
///
/// Vapor decodes any body whose Content-Type says multipart with MultipartKit 4.7.1's parser, which traps (stopping
/// the whole server) on a header-name byte ≥ 0x80 or an empty boundary; every form route reads the body (the CSRF
/// check reads `_csrf`), so one request could stop Chorus without signing in (found by fuzzing, docs/fuzzing.md).
/// This decoder refuses such a body with 400 before the parser sees it. `configure` installs it for `.formData`.
struct GuardedFormDataDecoder: ContentDecoder {
    let inner = FormDataDecoder()

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        guard let boundary = headers.contentType?.parameters["boundary"], !boundary.isEmpty else { throw Abort(.unsupportedMediaType) }
        var check = MultipartHeaderGuard(boundary: boundary)
        if case .wouldCrash = check.feed(body.readableBytesView) {
            throw Abort(.badRequest, reason: "The form's data was not well formed")
        }
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    /// Replaces Vapor's decoder for `multipart/form-data` (process-wide, once however many apps are configured: tests
    /// configure many at once); `configure` calls it.
    static func install() { _ = installed }
    private static let installed: Void = ContentConfiguration.global.use(decoder: GuardedFormDataDecoder(), for: .formData)
}
