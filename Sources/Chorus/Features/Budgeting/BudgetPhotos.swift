import Vapor
import Fluent
import SQLKit
import ChorusCore

/// A proposal's photo (checked by `PhotoUpload`). Kept in the database, so every
/// server of a deployment serves it and a backup holds it; it goes when its proposal goes.
enum BudgetPhotos {
    static let entity = "budget_proposal_photo"

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

    /// Checks (`PhotoUpload`) and stores a photo for a proposal, replacing any earlier one.
    static func save(_ file: File?, alt typed: String?, proposal: BudgetProposal, actor: Actor, language: UILanguage, _ db: any Database) async throws
    {
        let accepted = try PhotoUpload.check(file, alt: typed, language: language)
        let checked = accepted.image, alt = accepted.alt
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
}
