import Foundation
import Fluent

/// What other features may read of partner organisations.
enum OrganisationsReads {
    static func names(_ ids: [UUID], _ db: any Database) async throws -> [UUID: String] {
        try await NameLookup.names(Organisation.self, ids, db) { $0.name }
    }
}
