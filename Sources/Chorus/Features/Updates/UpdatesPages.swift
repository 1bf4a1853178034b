import Fluent
import Foundation
import ChorusCore

/// The email updates form's model: the wards and themes to choose from, read through their features.
enum UpdatesPages {
    static func choices(_ db: any Database) async throws -> UpdatesViews.Choices {
        UpdatesViews.Choices(
            wards: try await PlacesReads.wards(db).map { Form.Option($0.code, $0.name) },
            themes: try await TaxonomyReads.themes(db).map { Form.Option($0.id.uuidString, $0.name) })
    }
}
