import Vapor
import Fluent
import SQLKit
import ChorusCore

/// A proposal's photo: a JPEG or PNG checked by content and stripped of the metadata phones add (where it was taken,
/// the device), with alt text required so a screen reader user hears what it shows. Kept in the database, so every
/// server of a deployment serves it and a backup holds it; it goes when its proposal goes.
enum BudgetPhotos {
    static let entity = "budget_proposal_photo"
    /// The form's body limit: the photo's 8 MB and the other fields.
    static let maxBody = ImageUpload.maxBytes + 64 * 1024

    struct Meta: Sendable { let alt: String, width: Int, height: Int }

    /// Photos' alt text and sizes for these proposals, without their bytes.
    static func meta(_ proposals: [UUID], _ db: any Database) async throws -> [UUID: Meta] {
        guard !proposals.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var out: [UUID: Meta] = [:]
        for chunk in proposals.chunked(500) {
            let rows = try await sql.select().column("proposal_id").column("alt").column("width").column("height").from(BudgetProposalPhoto.schema)
                .where("proposal_id", .in, chunk).all()
            for row in rows {
                out[try row.decode(column: "proposal_id", as: UUID.self)] = Meta(
                    alt: try row.decode(column: "alt", as: String.self), width: try row.decode(column: "width", as: Int.self),
                    height: try row.decode(column: "height", as: Int.self))
            }
        }
        return out
    }

    static func photo(_ proposal: UUID, _ db: any Database) async throws -> BudgetProposalPhoto? {
        try await BudgetProposalPhoto.query(on: db).filter(\.$proposalID == proposal).first()
    }

    /// Checks and stores a photo for a proposal, replacing any earlier one. Problems are named on `image` and
    /// `image_alt`, in the reader's language.
    static func save(_ file: File?, alt typed: String?, proposal: BudgetProposal, actor: Actor, language: UILanguage, _ db: any Database) async throws
    {
        func t(_ key: String) -> String { Catalogue.text(key, language) }
        var errors: [FieldError] = []
        let alt = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if alt.isEmpty {
            errors.append(FieldError("image_alt", t("pb.photo_alt_missing")))
        } else if alt.count > 250 || !Validation.isSingleLine(alt) {
            errors.append(FieldError("image_alt", t("pb.photo_alt_bad")))
        }
        var checked: ImageUpload.Checked? = nil
        if let file, file.data.readableBytes > 0 {
            switch ImageUpload.check(Array(file.data.readableBytesView)) {
            case .success(let c): checked = c
            case .failure(.tooLarge): errors.append(FieldError("image", t("pb.photo_too_large")))
            case .failure(.tooManyPixels): errors.append(FieldError("image", t("pb.photo_too_many_pixels")))
            case .failure(.notAnImage), .failure(.empty): errors.append(FieldError("image", t("pb.photo_not_image")))
            case .failure(.damaged): errors.append(FieldError("image", t("pb.photo_damaged")))
            }
        } else {
            errors.append(FieldError("image", t("pb.photo_missing")))
        }
        guard errors.isEmpty, let checked else { throw ValidationFailure(errors) }
        try await db.transaction { tx in
            try await BudgetProposalPhoto.query(on: tx).filter(\.$proposalID == proposal.id!).delete()
            let photo = BudgetProposalPhoto()
            photo.proposalID = proposal.id!
            photo.kind = checked.kind.rawValue
            photo.bytes = Data(checked.bytes)
            photo.width = checked.width
            photo.height = checked.height
            photo.alt = alt
            photo.createdAt = Date()
            try await photo.create(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: BudgetProposalService.entity, id: proposal.id, label: proposal.title,
                after: ["photo": "\(checked.kind.rawValue) \(checked.width)×\(checked.height)", "photo_alt": alt])
        }
    }

    /// Removes a proposal's photo (moderation), audited.
    static func remove(_ proposal: BudgetProposal, user: CurrentUser, _ db: any Database) async throws {
        try await db.transaction { tx in
            try await BudgetProposalPhoto.query(on: tx).filter(\.$proposalID == proposal.id!).delete()
            try await AuditService.record(
                tx, actor: user.actor, action: .update, entity: BudgetProposalService.entity, id: proposal.id, label: proposal.title,
                after: ["photo": "removed"])
        }
    }

    /// The photo as a response: its own type, never sniffed as anything else, cached by browsers only when public.
    static func response(_ photo: BudgetProposalPhoto, isPublic: Bool) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: ImageUpload.Kind(rawValue: photo.kind)?.mimeType ?? "application/octet-stream")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: isPublic ? "public, max-age=3600" : "private, no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return Response(status: .ok, headers: headers, body: .init(data: photo.bytes))
    }
}
