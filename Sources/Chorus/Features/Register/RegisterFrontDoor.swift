import Fluent
import Foundation
import ChorusCore

/// The register's block on the residents' front door: what is open or coming up in the chosen ward (with
/// borough-wide activities), or in the whole borough before a ward is chosen; open ones first, with closing dates.
extension RegisterFeature {
    static let frontDoorLimit = 5

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        var filter = try RegisterQueries.filter([:], viewer: nil)
        filter.ward = r.ward?.id
        filter.from = r.today
        let page = try await RegisterQueries.page(r.db, filter, PageWindow(page: 1, size: frontDoorLimit), newestFirst: false)
        let model = PublicViews.WhatsOn(ward: r.ward, items: page.items, total: page.total, today: r.today)
        return [FrontDoorEntry(order: 10) { PublicViews.whatsOn(model, $0) }]
    }
}
