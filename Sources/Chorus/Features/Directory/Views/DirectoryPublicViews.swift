import Foundation
import Plot
import ChorusCore

/// Residents' pages: groups and places near them (postcode or ward, what they need, groups or places), and one
/// group's or venue's page with its accessibility facts. Plain forms and links: no script needed.
enum DirectoryPublicViews {
    static func finder(_ m: DirectoryPages.Finder, _ ctx: PageContext) -> Page {
        let error = WardFinderView.error(m.found.problem, ctx)
        let title = m.found.ward.map { ctx.t("finder.title_ward", $0.name) } ?? ctx.t("finder.title")
        var body: [HNode] = [
            Form.errorSummary(error.map { [$0] } ?? [], ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
        ]
        if let ward = m.found.ward, let page = m.page {
            body.append(H.el("p", ["class": "lead"], [.text(ctx.t("finder.found", page.total, ward.name))]))
            body.append(refine(m, ward: ward, ctx))
            body.append(
                page.items.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("finder.none"))])
                    : H.el("ul", ["class": "plain-list public-list"], page.items.map { item($0, ctx) }))
            body.append(Lists.pager(page, ctx))
            body.append(H.el("p", [:], [H.link(ctx.t("finder.choose_other"), SiteURL.Directory.finder)]))
        } else {
            body.append(H.el("p", ["class": "lead"], [.text(ctx.t("finder.lead"))]))
            body.append(
                H.el(
                    "form", ["method": "get", "action": SiteURL.Directory.finder, "novalidate": ""],
                    [
                        Form.field(
                            "postcode", label: ctx.t("public.postcode"), control: .text(autocomplete: "postal-code", width: "10"),
                            value: m.found.postcode, error: error?.field == "postcode" ? error?.message : nil, hint: ctx.t("public.postcode_hint")),
                        needField(m.query["fact"], ctx),
                        kindField(m.query["kind"], ctx),
                        Form.button(ctx.t("public.find")),
                    ]))
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("public.or_ward"))]))
            body.append(
                H.el(
                    "ul", ["class": "ward-list", "id": "f-ward"],
                    m.found.wards.map { w in H.el("li", [:], [H.link(w.name, SiteURL.with(SiteURL.Directory.finder, ["ward": w.code]))]) }))
        }
        return Page(title: title, body: body, status: error == nil ? .ok : .badRequest)
    }

    static func needField(_ value: String?, _ ctx: PageContext) -> HNode {
        Form.field(
            "fact", label: ctx.t("finder.need"),
            control: .select(DirectoryViews.factOptions(ctx), placeholder: ctx.t("finder.need_any")),
            value: value, error: nil, hint: ctx.t("finder.need_hint"))
    }

    static func kindField(_ value: String?, _ ctx: PageContext) -> HNode {
        Form.field(
            "kind", label: ctx.t("finder.kind"),
            control: .select(
                [
                    Form.Option(DirectoryKind.group.rawValue, ctx.t("finder.kind.group")),
                    Form.Option(DirectoryKind.venue.rawValue, ctx.t("finder.kind.venue")),
                ],
                placeholder: ctx.t("finder.kind_any")), value: value, error: nil)
    }

    /// Narrow the list in the chosen ward: what they need, groups or places (the ward goes along hidden).
    static func refine(_ m: DirectoryPages.Finder, ward: PlacesReads.Ward, _ ctx: PageContext) -> HNode {
        H.el(
            "form", ["method": "get", "action": SiteURL.Directory.finder, "class": "filter-bar"],
            [
                H.void("input", ["type": "hidden", "name": "ward", "value": ward.code]),
                needField(m.query["fact"], ctx),
                kindField(m.query["kind"], ctx),
                Form.button(ctx.t("finder.refine"), secondary: true),
            ])
    }

    static func item(_ i: DirectoryItem, _ ctx: PageContext) -> HNode {
        H.el(
            "li", [:],
            [
                H.el("h2", ["class": "heading-m"], [H.link(i.name, SiteURL.Directory.publicEntry(i.id))]),
                H.el("p", ["class": "hint"], [.text(kind(i, ctx))]),
                H.el("p", [:], [.text(i.summary)]),
                .if(!i.facts.isEmpty, facts(i, ctx)),
            ])
    }

    static func kind(_ i: DirectoryItem, _ ctx: PageContext) -> String {
        switch i.kind {
        case .venue: return ctx.t("finder.kind.venue_one")
        case .group: return ctx.t("finder.kind.group_one") + (i.boroughWide ? " · " + ctx.t("finder.borough_wide") : "")
        case .connector: return ctx.t("finder.kind.connector_one")
        }
    }

    static func facts(_ i: DirectoryItem, _ ctx: PageContext) -> HNode {
        H.el(
            "ul", ["class": "venue-facts", "aria-label": ctx.t("finder.facts")],
            i.facts.map { H.el("li", [:], [.text(ctx.t("venue.fact.\($0.rawValue)"))]) })
    }

    /// Where a public activity is held: the venue, its address and what it offers for access.
    static func venueSection(_ v: DirectoryItem, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["aria-labelledby": "venue-title", "id": "venue"],
            [
                H.el("h2", ["class": "heading-m", "id": "venue-title"], [.text(ctx.t("finder.venue_title"))]),
                H.el("p", [:], [H.link(v.name, SiteURL.Directory.publicEntry(v.id)), .unwrap(v.postalAddress) { .text(" — " + $0) }]),
                v.facts.isEmpty ? H.el("p", [:], [.text(ctx.t("finder.no_facts"))]) : facts(v, ctx),
            ])
    }

    static func entry(_ i: DirectoryItem, _ ctx: PageContext) -> Page {
        var rows: [(String, HNode)] = [(ctx.t("finder.what"), .text(kind(i, ctx)))]
        if !i.wards.isEmpty { rows.append((ctx.t("finder.where"), .text(i.wards.map(\.name).joined(separator: ", ")))) }
        if i.kind == .venue {
            if let address = i.postalAddress { rows.append((ctx.t("finder.address"), .text(address))) }
            rows.append((ctx.t("finder.facts"), i.facts.isEmpty ? .text(ctx.t("finder.no_facts")) : facts(i, ctx)))
            if let c = i.capacity { rows.append((ctx.t("finder.capacity"), .text(ctx.t("finder.people", c)))) }
            if let o = i.openingTimes { rows.append((ctx.t("finder.opening_times"), .text(o))) }
            if let c = i.cost { rows.append((ctx.t("finder.cost"), .text(c))) }
        }
        if !i.languages.isEmpty { rows.append((ctx.t("finder.languages"), .text(i.languages.joined(separator: ", ")))) }
        rows += DirectoryViews.contactRows(i, withName: false, ctx) { ctx.t("finder.\($0)") }
        rows.append((ctx.t("finder.checked"), .text(DayText.long(i.assuredDay))))
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.finder, "class": "back-link"], [.text(ctx.t("finder.back"))]),
            H.el("h1", ["class": "heading-xl"], [H.bdi(i.name)]),
            H.el("p", ["class": "lead"], [.text(i.summary)]),
            DirectoryViews.summary(rows),
        ]
        return Page(title: i.name, body: body)
    }
}
