import Foundation
import Vapor
import ChorusCore

/// A photo a resident or member of staff adds (a budgeting proposal's, a crowdfunding project's): a JPEG or PNG checked
/// by content and stripped of the metadata phones add (`ImageUpload`), with alt text required so a screen reader user
/// hears what it shows. Problems are named on the form's `image` and `image_alt` fields, in the reader's language.
enum PhotoUpload {
    /// A form's body limit: the photo's 8 MB and the other fields.
    static let maxBody = ImageUpload.maxBytes + 64 * 1024

    struct Accepted: Sendable {
        let image: ImageUpload.Checked
        let alt: String
    }

    /// The photo and its alt text, or every problem with them.
    static func check(_ file: File?, alt typed: String?, language: UILanguage) throws -> Accepted {
        func t(_ key: String) -> String { Catalogue.text(key, language) }
        var errors: [FieldError] = []
        let alt = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if alt.isEmpty {
            errors.append(FieldError("image_alt", t("photo.alt_missing")))
        } else if alt.count > 250 || !Validation.isSingleLine(alt) {
            errors.append(FieldError("image_alt", t("photo.alt_bad")))
        }
        var checked: ImageUpload.Checked? = nil
        if let file, file.data.readableBytes > 0 {
            switch ImageUpload.check(Array(file.data.readableBytesView)) {
            case .success(let c): checked = c
            case .failure(.tooLarge): errors.append(FieldError("image", t("photo.too_large")))
            case .failure(.tooManyPixels): errors.append(FieldError("image", t("photo.too_many_pixels")))
            case .failure(.notAnImage), .failure(.empty): errors.append(FieldError("image", t("photo.not_image")))
            case .failure(.damaged): errors.append(FieldError("image", t("photo.damaged")))
            }
        } else {
            errors.append(FieldError("image", t("photo.missing")))
        }
        guard errors.isEmpty, let checked else { throw ValidationFailure(errors) }
        return Accepted(image: checked, alt: alt)
    }

    /// The photo as a response: its own type, never sniffed as anything else, cached by browsers only when public.
    static func response(kind: String, bytes: Data, isPublic: Bool) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: ImageUpload.Kind(rawValue: kind)?.mimeType ?? "application/octet-stream")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: isPublic ? "public, max-age=3600" : "private, no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return Response(status: .ok, headers: headers, body: .init(data: bytes))
    }

    /// The form fields: the file and what it shows.
    static func fields(_ e: ValidationFailure, alt: String?, _ ctx: PageContext) -> [HNode] {
        [
            Form.field(
                "image", label: ctx.t("photo.file"), control: .file(accept: "image/jpeg,image/png"), value: nil, error: e.message(for: "image"),
                hint: ctx.t("photo.hint"), required: true),
            Form.field(
                "image_alt", label: ctx.t("photo.alt"), control: .text(), value: alt, error: e.message(for: "image_alt"),
                hint: ctx.t("photo.alt_hint"),
                required: true),
        ]
    }
}
