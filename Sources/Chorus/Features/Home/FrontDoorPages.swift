import Fluent
import Foundation
import ChorusCore

/// The residents' front door (`/` without signing in): the ward the resident found by postcode or chose, and every
/// feature area's block for it (`ChorusFeature.frontDoor`), in page order.
enum FrontDoorPages {
    struct FrontDoor: Sendable {
        let found: WardFinder.Result
        let entries: [FrontDoorEntry]
    }

    static func build(_ q: [String: String], language: UILanguage, today: Day, bot: BotFields, _ db: any Database) async throws -> FrontDoor {
        let found = try await WardFinder.find(q, db)
        let request = FrontDoorRequest(ward: found.ward, wards: found.wards, language: language, today: today, bot: bot, db: db)
        return FrontDoor(found: found, entries: try await Features.frontDoor(request))
    }
}

/// The shell's own block on the front door: the ways to take part, each a link.
extension ShellFeature {
    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        let ward = r.ward
        return [FrontDoorEntry(order: 30) { FrontDoorView.takePart(ward: ward, $0) }]
    }
}
