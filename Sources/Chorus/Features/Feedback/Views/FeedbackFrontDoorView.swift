import Foundation
import Plot
import ChorusCore

/// The front door's "You said, we did" block: the latest reports, when each was published, and the whole list.
enum FeedbackFrontDoorView {
    struct Model: Sendable {
        let ward: PlacesReads.Ward?
        let latest: [FeedbackService.PublicRow]
        let total: Int
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HNode {
        let all = m.ward.map { SiteURL.with(SiteURL.Feedback.publicList, ["ward": $0.code]) } ?? SiteURL.Feedback.publicList
        return H.el(
            "section", ["class": "front-section", "aria-labelledby": "you-said"],
            [
                H.el("h2", ["class": "heading-l", "id": "you-said"], [.text(ctx.t("ysyd.caption"))]),
                H.el("p", [:], [.text(ctx.t("frontdoor.ysyd_intro"))]),
                m.latest.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("frontdoor.ysyd_none"))])
                    : H.el(
                        "ul", ["class": "plain-list public-list"],
                        m.latest.map { r in
                            H.el(
                                "li", [:],
                                [
                                    H.el("h3", ["class": "heading-s"], [H.link(r.title, SiteURL.Feedback.publicReport(r.id))]),
                                    H.el("p", [:], [.text(ctx.t("ysyd.published_on", DayText.long(r.published)))]),
                                ])
                        }),
                .if(!m.latest.isEmpty, H.el("p", [:], [H.link(ctx.t("frontdoor.ysyd_more", NumberText.grouped(m.total)), all)])),
            ])
    }
}
