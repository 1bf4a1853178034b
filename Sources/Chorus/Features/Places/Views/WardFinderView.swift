import Foundation
import Plot
import ChorusCore

/// The residents' "find your ward" controls: a postcode form and the list of wards, both plain GET links and forms
/// (no script), submitting to the page that shows them.
enum WardFinderView {
    /// What was wrong with what the resident typed or chose, worded for them and naming the field.
    static func error(_ problem: WardFinder.Problem?, _ ctx: PageContext) -> FieldError? {
        problem.map {
            switch $0 {
            case .unknownWard: FieldError("ward", ctx.t("public.unknown_ward"))
            case .postcodeNotHere(let outward): FieldError("postcode", ctx.t("public.postcode_not_here", outward))
            case .postcodeInvalid: FieldError("postcode", ctx.t("public.postcode_invalid"))
            }
        }
    }

    /// The postcode form, then "Or choose your ward" and every ward as a link (`heading` is that heading's element).
    static func controls(_ r: WardFinder.Result, action: String, _ ctx: PageContext, heading: String = "h2") -> [HNode] {
        let error = error(r.problem, ctx)
        return [
            H.el(
                "form", ["method": "get", "action": action, "novalidate": ""],
                [
                    Form.field(
                        "postcode", label: ctx.t("public.postcode"), control: .text(autocomplete: "postal-code", width: "10"),
                        value: r.postcode, error: error?.field == "postcode" ? error?.message : nil, hint: ctx.t("public.postcode_hint")),
                    Form.button(ctx.t("public.find")),
                ]),
            H.el(heading, ["class": "heading-m"], [.text(ctx.t("public.or_ward"))]),
            H.el(
                "ul", ["class": "ward-list", "id": "f-ward"],
                r.wards.map { w in H.el("li", [:], [H.link(w.name, SiteURL.with(action, ["ward": w.code]))]) }),
        ]
    }
}
