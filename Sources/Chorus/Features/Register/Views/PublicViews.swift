import Vapor
import Plot
import ChorusCore

/// Residents' pages: one thing per page, plain words, no staff details.
enum PublicViews {
    static func nearMe(_ req: Request, wards: [Place], ward: Place?, page: PageOf<ActivitySummary>?, error: FieldError?) -> Response {
        let title = ward.map { req.t("public.title_ward", $0.name) } ?? req.t("public.title")
        let q = req.queryValues
        var body: [HNode] = [
            Form.errorSummary(error.map { [$0] } ?? [], req),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
        ]
        if let ward, let page {
            body.append(H.el("p", ["class": "lead"], [.text(req.t("public.intro_ward", page.total, ward.name))]))
            body.append(H.el("ul", ["class": "plain-list public-list"], page.items.map { s in
                H.el("li", [:], [
                    H.el("h2", ["class": "heading-m"], [H.link(s.title, SiteURL.Register.publicActivity(s.id))]),
                    H.el("p", [:], [.text(ActivityListView.dates(s, req) + " · " + (s.boroughWide ? req.t("activity.borough_wide_short") : s.places.joined(separator: ", ")))]),
                    .unwrap(s.publicSummary) { H.el("p", [:], [.text($0)]) },
                ])
            }))
            if page.items.isEmpty { body.append(H.el("p", ["class": "empty"], [.text(req.t("public.none"))])) }
            body.append(Lists.pager(page, req: req))
            body.append(H.el("p", [:], [H.link(req.t("public.subscribe_ward", ward.name), SiteURL.Register.wardCalendar(ward.code))]))
            body.append(H.el("p", [:], [H.link(req.t("public.choose_other"), SiteURL.Register.nearMe)]))
        } else {
            body.append(H.el("p", ["class": "lead"], [.text(req.t("public.intro"))]))
            body.append(H.el("form", ["method": "get", "action": SiteURL.Register.nearMe, "novalidate": ""], [
                Form.field("postcode", label: req.t("public.postcode"), control: .text(autocomplete: "postal-code", width: "10"),
                           value: q["postcode"], error: error?.field == "postcode" ? error?.message : nil, hint: req.t("public.postcode_hint")),
                Form.button(req.t("public.find")),
            ]))
            body.append(H.el("h2", ["class": "heading-m"], [.text(req.t("public.or_ward"))]))
            body.append(H.el("ul", ["class": "ward-list", "id": "f-ward"], wards.map { w in
                H.el("li", [:], [H.link(w.name, SiteURL.with(SiteURL.Register.nearMe, ["ward": w.code]))])
            }))
        }
        body.append(H.el("p", [:], [H.link(req.t("public.subscribe_borough"), SiteURL.Register.boroughCalendar)]))
        return Page(title: title, body: body, status: error == nil ? .ok : .badRequest).response(for: req)
    }

    static func activity(_ req: Request, _ s: ActivitySummary) -> Response {
        let rows: [(String, String)] = [
            (req.t("activity.dates"), ActivityListView.dates(s, req)),
            (req.t("activity.places"), s.boroughWide ? req.t("activity.borough_wide_short") : s.places.joined(separator: ", ")),
            (req.t("activity.organisation"), s.organisationName),
            (req.t("activity.themes"), s.themes.joined(separator: ", ")),
            (req.t("public.how"), s.methods.map { req.t("method.\($0)") }.joined(separator: ", ")),
        ]
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Register.nearMe, "class": "back-link"], [.text(req.t("public.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(s.title)]),
            .unwrap(s.publicSummary) { H.el("p", ["class": "lead"], [.text($0)]) },
            H.el("dl", ["class": "summary-list"], rows.flatMap { k, v in [H.el("dt", [:], [.text(k)]), H.el("dd", [:], [.text(v)])] }),
        ]
        return Page(title: s.title, body: body).response(for: req)
    }
}
