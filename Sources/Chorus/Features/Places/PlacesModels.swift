import Fluent
import Vapor

/// A ward, neighbourhood or wider area with an ONS GSS-style code.
final class Place: Model, @unchecked Sendable {
    static let schema = "places"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "parent_id") var parent: Place?
    @OptionalField(key: "population") var population: Int?
    /// Outward postcodes that fall mainly in this place, comma-separated ("HS1,HS2"). Added by a later migration.
    @OptionalField(key: "postcode_districts") var postcodeDistricts: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A ward's boundary (table `ward_boundaries`, migration 0025): the place's polygons in longitude/latitude as
/// `GeoBoundaries.encode` text, with their box. Maps project every ward together when they are drawn.
final class WardBoundary: Model, @unchecked Sendable {
    static let schema = "ward_boundaries"
    @ID(key: .id) var id: UUID?
    @Parent(key: "place_id") var place: Place
    @Field(key: "geometry") var geometry: String
    @Field(key: "positions") var positions: Int
    @Field(key: "min_lon") var minLon: Double
    @Field(key: "min_lat") var minLat: Double
    @Field(key: "max_lon") var maxLon: Double
    @Field(key: "max_lat") var maxLat: Double
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}
