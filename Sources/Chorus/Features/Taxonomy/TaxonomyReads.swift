import Foundation
import Fluent
import ChorusCore

/// What other features may read of the themes taxonomy.
enum TaxonomyReads {
    struct ThemeFacts: Sendable { let id: UUID; let name: String; let description: String? }

    static func theme(_ id: UUID, _ db: any Database) async throws -> ThemeFacts? {
        try await Theme.find(id, on: db).map { ThemeFacts(id: $0.id!, name: $0.name, description: $0.description) }
    }

    /// Every theme, by name.
    static func themes(_ db: any Database) async throws -> [ThemeFacts] {
        try await Theme.query(on: db).sort(\.$name).all().map { ThemeFacts(id: $0.id!, name: $0.name, description: $0.description) }
    }

    static func names(_ ids: [UUID], _ db: any Database) async throws -> [UUID: String] {
        try await NameLookup.names(Theme.self, ids, db) { $0.name }
    }

    struct AudienceFacts: Sendable { let id: UUID; let name: String }

    /// Every audience, by name.
    static func audiences(_ db: any Database) async throws -> [AudienceFacts] {
        try await Audience.query(on: db).sort(\.$name).all().map { AudienceFacts(id: $0.id!, name: $0.name) }
    }

    static func audienceNames(_ ids: [UUID], _ db: any Database) async throws -> [UUID: String] {
        try await NameLookup.names(Audience.self, ids, db) { $0.name }
    }

    /// A theme and every theme under it.
    static func themeAndBelow(_ id: UUID, _ db: any Database) async throws -> [UUID] {
        let all = try await Theme.query(on: db).all()
        var out = [id], frontier = [id]
        while !frontier.isEmpty {
            let next = all.filter { t in t.$parent.id.map { frontier.contains($0) } ?? false }.compactMap(\.id).filter { !out.contains($0) }
            out += next; frontier = next
        }
        return out
    }
}
