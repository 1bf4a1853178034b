import Foundation
import Plot
import ChorusCore

/// The residents' front door: find your ward, then each feature area's block, phone first and without script.
enum FrontDoorView {
    static func render(_ m: FrontDoorPages.FrontDoor, _ ctx: PageContext) -> Page {
        let error = WardFinderView.error(m.found.problem, ctx)
        var body: [HNode] = [
            Form.errorSummary(error.map { [$0] } ?? [], ctx),
            H.el("h1", ["class": "heading-xl"], [.text(ctx.t("frontdoor.title"))]),
            H.el("p", ["class": "lead"], [.text(ctx.t("frontdoor.intro"))]),
        ]
        if let ward = m.found.ward {
            body.append(
                H.el(
                    "p", ["class": "your-ward"],
                    [.text(ctx.t("frontdoor.your_ward", ward.name) + " "), H.link(ctx.t("frontdoor.change_ward"), SiteURL.home)]))
        } else {
            body.append(
                H.el(
                    "section", ["class": "front-section", "aria-labelledby": "find-ward"],
                    [H.el("h2", ["class": "heading-l", "id": "find-ward"], [.text(ctx.t("frontdoor.find_ward"))])]
                        + WardFinderView.controls(m.found, action: SiteURL.home, ctx, heading: "h3")))
        }
        body += m.entries.map { $0.render(ctx) }
        body.append(H.el("p", ["class": "staff-sign-in"], [.text(ctx.t("frontdoor.staff") + " "), H.link(ctx.t("shell.sign_in"), SiteURL.signIn)]))
        return Page(title: ctx.t("home.title"), body: body, status: error == nil ? .ok : .badRequest)
    }

    /// "How to take part": what's on, the calendar feed, "You said, we did".
    static func takePart(ward: PlacesReads.Ward?, _ ctx: PageContext) -> HNode {
        let nearMe = ward.map { SiteURL.with(SiteURL.Register.nearMe, ["ward": $0.code]) } ?? SiteURL.Register.nearMe
        let calendar =
            ward.map { H.link(ctx.t("public.subscribe_ward", $0.name), SiteURL.Register.wardCalendar($0.code)) }
            ?? H.link(ctx.t("public.subscribe_borough"), SiteURL.Register.boroughCalendar)
        return H.el(
            "section", ["class": "front-section", "aria-labelledby": "take-part"],
            [
                H.el("h2", ["class": "heading-l", "id": "take-part"], [.text(ctx.t("public.how"))]),
                H.el(
                    "ul", ["class": "take-part"],
                    [
                        H.el("li", [:], [H.link(ctx.t("frontdoor.take_part_whats_on"), nearMe)]),
                        H.el("li", [:], [calendar]),
                        H.el("li", [:], [H.link(ctx.t("frontdoor.take_part_budgets"), SiteURL.Budgeting.publicList)]),
                        H.el("li", [:], [H.link(ctx.t("frontdoor.take_part_ysyd"), SiteURL.Feedback.publicList)]),
                        H.el("li", [:], [H.link(ctx.t("frontdoor.take_part_updates"), "#updates")]),
                    ]),
            ])
    }
}
