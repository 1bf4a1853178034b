import Fluent
import Foundation
import ChorusCore

/// "You said, we did" on the residents' front door: the latest reports for the chosen ward (theme reports count
/// under every ward, as on the public list), or for the whole borough before a ward is chosen.
extension FeedbackFeature {
    static let frontDoorLimit = 3

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        let (latest, total) = try await FeedbackService.latestPublic(ward: r.ward?.id, limit: frontDoorLimit, language: r.language, r.db)
        let model = FeedbackFrontDoorView.Model(ward: r.ward, latest: latest, total: total)
        return [FrontDoorEntry(order: 20) { FeedbackFrontDoorView.render(model, $0) }]
    }
}
