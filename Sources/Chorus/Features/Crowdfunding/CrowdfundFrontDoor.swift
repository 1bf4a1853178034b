import Fluent
import Foundation
import ChorusCore

/// "Back a local project" on the residents' front door: projects taking pledges in the chosen ward (or anywhere, when
/// none is chosen or the ward has none), the soonest deadline first, with how far each has got. Nothing is shown when
/// no project takes pledges.
extension CrowdfundingFeature {
    static let frontDoorLimit = 3

    static func frontDoor(_ r: FrontDoorRequest) async throws -> [FrontDoorEntry] {
        var rows = try await CrowdfundProjectService.summaries(
            .init(stages: [.live], ward: r.ward?.code), window: PageWindow(page: 1, size: frontDoorLimit), r.db
        ).rows
        if rows.isEmpty && r.ward != nil {
            rows = try await CrowdfundProjectService.summaries(.init(stages: [.live]), window: PageWindow(page: 1, size: frontDoorLimit), r.db).rows
        }
        guard !rows.isEmpty else { return [] }
        let shown = rows
        return [
            FrontDoorEntry(order: 25) { ctx in
                H.el(
                    "section", ["class": "front-section", "aria-labelledby": "back-a-project"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "back-a-project"], [.text(ctx.t("crowdfunding.front_title"))]),
                        H.el(
                            "ul", ["class": "plain-list"],
                            shown.map { s in
                                H.el(
                                    "li", [:],
                                    [H.link(s.title, SiteURL.Crowdfunding.project(s.id))] + CrowdfundResidentViews.progress(s, ctx))
                            }),
                        H.el("p", [:], [H.link(ctx.t("crowdfunding.front_all"), SiteURL.Crowdfunding.list)]),
                    ])
            }
        ]
    }
}
