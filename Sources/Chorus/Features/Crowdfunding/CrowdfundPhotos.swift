import Fluent
import Foundation
import SQLKit
import Vapor
import ChorusCore

/// A project's photos: up to four, each checked by `PhotoUpload` (a JPEG or PNG, metadata stripped, alt text
/// required), shown on the project page in order and the first on the list of projects. The creator adds and removes
/// them; staff remove one that should not be shown. Kept in the database; they go when their project goes.
enum CrowdfundPhotos {
    static let maxPhotos = 4

    /// A photo without its bytes, as pages show it.
    struct Meta: Sendable, Equatable {
        let id: UUID
        let position: Int
        let alt: String
        let width: Int
        let height: Int
    }

    /// The photos of these projects, in order, without their bytes.
    static func meta(_ projects: [UUID], _ db: any Database) async throws -> [UUID: [Meta]] {
        guard let sql = db as? any SQLDatabase, !projects.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let project_id: UUID
            let position: Int
            let alt: String
            let width: Int
            let height: Int
        }
        var out: [UUID: [Meta]] = [:]
        for chunk in projects.chunked(500) {
            let rows = try await sql.select().columns("id", "project_id", "position", "alt", "width", "height").from(CrowdfundPhoto.schema)
                .where("project_id", .in, chunk).orderBy("position").all(decoding: Row.self)
            for r in rows {
                out[r.project_id, default: []].append(Meta(id: r.id, position: r.position, alt: r.alt, width: r.width, height: r.height))
            }
        }
        return out
    }

    static func meta(of project: UUID, _ db: any Database) async throws -> [Meta] { try await meta([project], db)[project] ?? [] }

    /// One photo of a project, with its bytes.
    static func photo(_ id: UUID?, project: UUID, _ db: any Database) async throws -> CrowdfundPhoto? {
        guard let id else { return nil }
        return try await CrowdfundPhoto.query(on: db).filter(\.$id == id).filter(\.$projectID == project).first()
    }

    /// Checks and adds a photo after the project's others; refused, naming `image`, when it has four already.
    static func add(_ file: File?, alt: String?, to p: CrowdfundProject, actor: Actor, language: UILanguage, _ db: any Database) async throws {
        let accepted = try PhotoUpload.check(file, alt: alt, language: language)
        try await db.transaction { tx in
            let existing = try await CrowdfundPhoto.query(on: tx).filter(\.$projectID == p.id!).all(\.$position)
            guard existing.count < maxPhotos else {
                throw ValidationFailure([FieldError("image", Catalogue.text("crowdfunding.photos_full", language))])
            }
            let photo = CrowdfundPhoto()
            photo.projectID = p.id!
            photo.position = (existing.max() ?? 0) + 1
            photo.kind = accepted.image.kind.rawValue
            photo.bytes = Data(accepted.image.bytes)
            photo.width = accepted.image.width
            photo.height = accepted.image.height
            photo.alt = accepted.alt
            photo.createdAt = Date()
            try await photo.create(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: CrowdfundProjectService.entity, id: p.id, label: p.title,
                after: ["photo": "\(accepted.image.kind.rawValue) \(accepted.image.width)×\(accepted.image.height)", "photo_alt": accepted.alt])
        }
    }

    /// Removes a photo (its creator, or staff moderating), audited.
    static func remove(_ photoID: UUID?, from p: CrowdfundProject, actor: Actor, _ db: any Database) async throws {
        guard let photo = try await photo(photoID, project: p.id!, db) else { throw Abort(.notFound) }
        try await db.transaction { tx in
            try await photo.delete(on: tx)
            try await AuditService.record(
                tx, actor: actor, action: .update, entity: CrowdfundProjectService.entity, id: p.id, label: p.title,
                after: ["photo": "removed", "photo_alt": photo.alt])
        }
    }
}
