import Foundation
import ChorusCore

/// The page models of importing places: plain values a view renders with a `PageContext` (views never see a
/// request, the database or a Fluent model).
enum PlacesPages {
    struct ImportForm: Sendable {
        var errors: [FieldError] = []
    }

    struct ImportReport: Sendable {
        let outcome: PlacesImportService.Outcome
        /// The person chose to import the valid rows and skip the others.
        let validOnly: Bool
    }

    struct BoundaryImportForm: Sendable {
        var errors: [FieldError] = []
        /// How many wards there are and how many have a boundary already.
        let wards: Int
        let withBoundary: Int
    }

    struct BoundaryImportReport: Sendable {
        let outcome: WardBoundaryImportService.Outcome
    }
}
