import Foundation
import Plot
import ChorusCore

/// "What's happening near you" on the residents' front door: the first few open and upcoming public activities,
/// each with when it closes or starts, and a link to the whole list.
extension PublicViews {
    struct WhatsOn: Sendable {
        let ward: PlacesReads.Ward?
        let items: [ActivitySummary]
        let total: Int
        let today: Day
    }

    static func whatsOn(_ m: WhatsOn, _ ctx: PageContext) -> HNode {
        let more = m.ward.map { SiteURL.with(SiteURL.Register.nearMe, ["ward": $0.code]) } ?? SiteURL.Register.nearMe
        return H.el(
            "section", ["class": "front-section", "aria-labelledby": "whats-on"],
            [
                H.el(
                    "h2", ["class": "heading-l", "id": "whats-on"],
                    [.text(m.ward.map { ctx.t("frontdoor.whats_on_ward", $0.name) } ?? ctx.t("frontdoor.whats_on"))]),
                m.items.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("public.none"))])
                    : H.el(
                        "ul", ["class": "plain-list public-list"],
                        m.items.map { s in
                            H.el(
                                "li", [:],
                                [
                                    H.el("h3", ["class": "heading-s"], [H.link(s.title, SiteURL.Register.publicActivity(s.id))]),
                                    H.el("p", [:], [H.el("strong", [:], [.text(when(s, today: m.today, ctx))])]),
                                    .unwrap(s.publicSummary) { H.el("p", [:], [.text($0)]) },
                                ])
                        }),
                .if(m.total > m.items.count, H.el("p", [:], [H.link(ctx.t("frontdoor.whats_on_more", NumberText.grouped(m.total)), more)])),
            ])
    }

    /// "Open now, closes 12 Mar 2027", "Open now" (no closing date) or "Starts 3 Apr 2027".
    static func when(_ s: ActivitySummary, today: Day, _ ctx: PageContext) -> String {
        guard s.start <= today else { return ctx.t("frontdoor.starts", DayText.long(s.start)) }
        return s.end.map { ctx.t("frontdoor.open_until", DayText.long($0)) } ?? ctx.t("frontdoor.open_now")
    }
}
