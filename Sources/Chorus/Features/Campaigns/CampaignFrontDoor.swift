import Fluent
import Foundation
import ChorusCore

/// "Do your bit" on the residents' front door: the live campaigns, newest first, each with its summary. Nothing is
/// shown when none is live.
extension CampaignsFeature {
    static let frontDoorLimit = 3

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        let live = Array(try await CampaignService.campaigns([.live], r.db).prefix(frontDoorLimit)).map {
            (id: $0.id!, title: $0.title, summary: $0.summary)
        }
        guard !live.isEmpty else { return [] }
        return [
            FrontDoorEntry(order: 26) { ctx in
                H.el(
                    "section", ["class": "front-section", "aria-labelledby": "do-your-bit"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "do-your-bit"], [.text(ctx.t("campaigns.front_title"))]),
                        H.el(
                            "ul", ["class": "plain-list"],
                            live.map { c in
                                H.el(
                                    "li", [:], [H.link(c.title, SiteURL.Campaigns.campaign(c.id)), H.el("p", ["class": "hint"], [.text(c.summary)])])
                            }),
                    ])
            }
        ]
    }
}
