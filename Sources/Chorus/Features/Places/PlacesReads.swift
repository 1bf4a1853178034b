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

    /// The name of the local authority the wards belong to ("Harbourside"), for addresses; nil when none is recorded.
    static func localAuthorityName(_ db: any Database) async throws -> String? {
        try await Place.query(on: db).filter(\.$kind == PlaceKind.localAuthority.rawValue).sort(\.$name).first()?.name
    }

    /// Every ward with its population where known (turnout and reach against the people who live there).
    static func wardPopulations(_ db: any Database) async throws -> [(ward: Ward, population: Int?)] {
        try await Place.query(on: db).filter(\.$kind == PlaceKind.ward.rawValue).sort(\.$name).all().map {
            (Ward(id: $0.id!, code: $0.code, name: $0.name), $0.population)
        }
    }

    /// The borough's wards drawn on one plane (SVG path data, by ward name), for a map; nil when no ward has a
    /// boundary, so a page shows its table alone. Every ward with a boundary is in the frame, whatever the page shows.
    /// `width` and `maxHeight` bound the view box (small multiples use a smaller one, so less detail is kept).
    static func wardMap(_ db: any Database, width: Double = 600, maxHeight: Double = 560) async throws -> GeoMapShape? {
        let rows = try await WardBoundary.query(on: db).all()
        guard !rows.isEmpty else { return nil }
        let places = Dictionary(
            try await Place.query(on: db).filter(\.$id ~~ rows.map { $0.$place.id }).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let wards = rows.compactMap { row -> (code: String, name: String, polygons: [GeoPolygon])? in
            guard let place = places[row.$place.id], let polygons = GeoBoundaries.decode(row.geometry) else { return nil }
            return (place.code, place.name, polygons)
        }.sorted { $0.name < $1.name }
        guard !wards.isEmpty else { return nil }
        return GeoMapLayout.layout(wards, width: width, maxHeight: maxHeight, tolerance: width < 400 ? 0.5 : 0.6)
    }
}
