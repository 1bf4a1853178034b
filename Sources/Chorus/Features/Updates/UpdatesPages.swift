import Fluent
import Foundation
import ChorusCore

/// The email updates form's model: the wards and themes to choose from, read through their features.
enum UpdatesPages {
    /// `wards`: when the caller has read them already (the front door's ward finder), else they are read here.
    static func choices(wards: [PlacesReads.Ward]? = nil, _ db: any Database) async throws -> UpdatesViews.Choices {
        var known = wards ?? []
        if wards == nil { known = try await PlacesReads.wards(db) }
        return UpdatesViews.Choices(
            wards: known.map { Form.Option($0.code, $0.name) },
            themes: try await TaxonomyReads.themes(db).map { Form.Option($0.id.uuidString, $0.name) })
    }
}
