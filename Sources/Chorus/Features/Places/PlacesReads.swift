import Foundation
import Fluent
import ChorusCore

/// What other features may read of places.
enum PlacesReads {
    struct Ward: Sendable { let id: UUID; let code: String; let name: String }

    /// Every ward, by name.
    static func wards(_ db: any Database) async throws -> [Ward] {
        try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all().map {
            Ward(id: $0.id!, code: $0.code, name: $0.name)
        }
    }
}
