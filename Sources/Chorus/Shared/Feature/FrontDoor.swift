import Foundation
import Fluent
import ChorusCore

/// What a feature area puts on the residents' front door (`/`): each area's service builds its entry from the
/// database and its own pure view draws it. Areas added later add their entry through `ChorusFeature.frontDoor`,
/// so the front door needs no edit when a feature is added.
struct FrontDoorRequest: Sendable {
    /// The ward the resident chose (by postcode or from the list), if any.
    let ward: PlacesReads.Ward?
    /// Every ward, by name, as the ward finder read them (for blocks that offer a choice of ward).
    let wards: [PlacesReads.Ward]
    /// The reader's language, for content that has translations (report titles).
    let language: UILanguage
    let today: Day
    /// The bot-protection fields for the page's public forms (`BotGuard`).
    let bot: BotFields
    let db: any Database
}

/// One area's block on the front door.
struct FrontDoorEntry: Sendable {
    /// Its place on the page, smallest first: what's on near you 10, "You said, we did" 20, ways to take part 30.
    let order: Int
    /// The area's pure view of what its service read (it sees the reader's language, never the request).
    let render: @Sendable (PageContext) -> HNode
}
