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
