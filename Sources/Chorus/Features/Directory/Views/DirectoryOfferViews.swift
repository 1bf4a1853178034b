import Foundation
import Plot
import ChorusCore

/// Volunteering offers and shared resources: the list with what has been given, the form to offer something, and an
/// offer's page with the groups it suits, its requests and their outcomes, and the request form.
enum DirectoryOfferViews {
    static func kindText(_ k: OfferKind, _ ctx: PageContext) -> String { ctx.t("offer.kind.\(k.rawValue)") }

    static func amountText(_ n: Int, _ k: OfferKind, _ ctx: PageContext) -> String { ctx.t("offer.unit.\(k.unit.rawValue)", n) }

    static func list(_ m: DirectoryOfferPages.List, _ ctx: PageContext) -> Page {
        let title = ctx.t("offer.title")
        let q = m.query
        let kinds = OfferKind.allCases.map { Form.Option($0.rawValue, kindText($0, ctx)) }
        let filters: [HNode] = [
            DirectoryViews.filter("kind", labelKey: "offer.field.kind", kinds, q, ctx),
            DirectoryViews.filter("ward", labelKey: "directory.filter.ward", m.choices.places, q, ctx),
            DirectoryViews.filter("theme", labelKey: "directory.filter.theme", m.choices.themes, q, ctx),
            Form.field(
                "status", label: ctx.t("offer.filter.status"),
                control: .select(
                    [
                        Form.Option("open", ctx.t("offer.status.open")), Form.Option("closed", ctx.t("offer.status.closed")),
                        Form.Option("all", ctx.t("list.any")),
                    ],
                    placeholder: nil), value: q["status"], error: nil),
        ]
        let given = OfferUnit.allCases.compactMap { u in m.given[u].map { ctx.t("offer.given_unit.\(u.rawValue)", $0) } }
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("offer.lead"))]),
            H.el(
                "p", ["id": "offers-given"],
                [.text(given.isEmpty ? ctx.t("offer.given_none") : ctx.t("offer.given", given.joined(separator: ", ")))]),
            .if(m.canOffer, H.el("p", ["class": "actions"], [H.link(ctx.t("offer.new"), SiteURL.Directory.newOffer, class: "button")])),
            Lists.filterBar(action: SiteURL.Directory.offers, ctx, fields: filters),
            Lists.table(
                m.offers,
                columns: [
                    Lists.Column(header: ctx.t("offer.col.title")) { o in H.link(o.title, SiteURL.Directory.offer(o.id)) },
                    Lists.Column(header: ctx.t("offer.field.kind")) { o in .text(kindText(o.kind, ctx)) },
                    Lists.Column(header: ctx.t("offer.col.by")) { o in .text(o.organisation.name) },
                    Lists.Column(header: ctx.t("directory.col.wards")) { o in
                        .text(o.boroughWide ? ctx.t("directory.borough_wide") : o.wards.map(\.name).joined(separator: ", "))
                    },
                    Lists.Column(header: ctx.t("offer.col.requests")) { o in .text(String(o.requests.values.reduce(0, +))) },
                    Lists.Column(header: ctx.t("offer.col.given")) { o in .text(o.given > 0 ? amountText(o.given, o.kind, ctx) : "—") },
                ], caption: title, empty: ctx.t("offer.none")),
            H.el("p", [:], [H.link(ctx.t("offer.csv"), SiteURL.Directory.offersCSV)]),
        ]
        return Page(title: title, body: body, notice: m.notice)
    }

    static func form(_ m: DirectoryOfferPages.Editor, _ ctx: PageContext) -> Page {
        let title = ctx.t("offer.new")
        let f = ValidationFailure(m.errors)
        let input = m.input
        func text(_ name: String, _ control: Form.Control = .text(), required: Bool = false) -> HNode {
            let hint = "offer.field.\(name).hint"
            return Form.field(
                name, label: ctx.t("offer.field.\(name)"), control: control, value: input[name], error: f.message(for: name),
                hint: Catalogue.has(hint) ? ctx.t(hint) : nil, required: required)
        }
        let fields: [HNode] = [
            Form.field(
                "kind", label: ctx.t("offer.field.kind"),
                control: .select(OfferKind.allCases.map { Form.Option($0.rawValue, kindText($0, ctx)) }, placeholder: ctx.t("form.select")),
                value: input["kind"], error: f.message(for: "kind"), required: true),
            text("title", required: true),
            text("description", .textarea(rows: 4), required: true),
            text("amount", .text(width: "10")),
            Form.field(
                "organisation_id", label: ctx.t("offer.field.organisation_id"), control: .select(m.owners, placeholder: nil),
                value: input["organisation_id"], error: f.message(for: "organisation_id")),
            Form.checkbox("borough_wide", label: ctx.t("offer.field.borough_wide"), checked: Input.isTrue(input["borough_wide"])),
            Form.checkboxes(
                "place_ids", legend: ctx.t("offer.field.place_ids"), options: m.choices.places, selected: Set(input.list("place_ids")),
                error: f.message(for: "place_ids")),
            Form.checkboxes(
                "theme_ids", legend: ctx.t("offer.field.theme_ids"), options: m.choices.themes, selected: Set(input.list("theme_ids")),
                error: f.message(for: "theme_ids"), hint: ctx.t("offer.field.theme_ids.hint")),
            text("available_from", .text(type: "date")),
            text("available_to", .text(type: "date")),
        ]
        let body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.offers, "class": "back-link"], [.text(ctx.t("offer.back"))]),
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(SiteURL.Directory.newOffer, ctx, fields + [Form.button(ctx.t("form.save"))]),
        ]
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func offer(_ m: DirectoryOfferPages.OfferPage, _ ctx: PageContext) -> Page {
        let o = m.offer
        var rows: [(String, HNode)] = [
            (ctx.t("offer.field.kind"), .text(kindText(o.kind, ctx))),
            (ctx.t("offer.field.description"), .text(o.description)),
            (ctx.t("offer.col.by"), .text(o.organisation.name)),
            (ctx.t("directory.col.wards"), .text(o.boroughWide ? ctx.t("directory.borough_wide") : o.wards.map(\.name).joined(separator: ", "))),
        ]
        if !o.themes.isEmpty { rows.append((ctx.t("offer.field.theme_ids"), .text(o.themes.map(\.name).joined(separator: ", ")))) }
        if let a = o.amount { rows.append((ctx.t("offer.field.amount"), .text(amountText(a, o.kind, ctx)))) }
        if o.from != nil || o.to != nil {
            rows.append((ctx.t("offer.available"), .text([o.from, o.to].map { $0.map(DayText.long) ?? "…" }.joined(separator: " – "))))
        }
        rows.append((ctx.t("offer.col.given"), .text(o.given > 0 ? amountText(o.given, o.kind, ctx) : "—")))
        rows.append((ctx.t("offer.filter.status"), .text(ctx.t(o.open ? "offer.status.open" : "offer.status.closed"))))
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.offers, "class": "back-link"], [.text(ctx.t("offer.back"))]),
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(o.title)]),
            DirectoryViews.summary(rows),
        ]
        if m.canRespond {
            body.append(
                Form.post(
                    SiteURL.Directory.offerOpen(o.id), ctx,
                    [
                        H.void("input", ["type": "hidden", "name": "open", "value": o.open ? "false" : "true"]),
                        Form.button(ctx.t(o.open ? "offer.close" : "offer.reopen"), secondary: true),
                    ]))
        }
        body.append(H.el("h2", ["class": "heading-m", "id": "suits-title"], [.text(ctx.t("offer.suits_title"))]))
        body.append(
            m.suits.isEmpty
                ? H.el("p", [:], [.text(ctx.t("offer.suits_none"))])
                : H.el(
                    "ul", ["class": "plain-list", "id": "offer-suits"],
                    m.suits.map { i in
                        H.el(
                            "li", [:],
                            [
                                H.link(i.name, SiteURL.Directory.entry(i.id)),
                                .text(" — " + i.themes.map(\.name).joined(separator: ", ") + "; " + DirectoryViews.wardsText(i, ctx)),
                            ])
                    }))
        body.append(H.el("h2", ["class": "heading-m", "id": "requests-title"], [.text(ctx.t("offer.requests_title"))]))
        body.append(
            Lists.table(
                m.requests,
                columns: [
                    Lists.Column(header: ctx.t("offer.col.group")) { r in H.link(r.group.name, SiteURL.Directory.entry(r.group.id)) },
                    Lists.Column(header: ctx.t("offer.col.purpose")) { r in .text(r.purpose) },
                    Lists.Column(header: ctx.t("offer.col.asked_by")) { r in .text(r.requester) },
                    Lists.Column(header: ctx.t("offer.col.wanted")) { r in
                        .text([r.wanted.map(DayText.long), r.amount.map { amountText($0, r.kind, ctx) }].compactMap { $0 }.joined(separator: ", "))
                    },
                    Lists.Column(header: ctx.t("offer.col.status")) { r in
                        .text(
                            ctx.t("offer.request.\(r.status.rawValue)")
                                + (r.givenAmount.map { ": " + amountText($0, r.kind, ctx) } ?? "") + (r.note.map { " — " + $0 } ?? ""))
                    },
                    Lists.Column(header: ctx.t("offer.col.actions")) { r in actions(r, m, ctx) },
                ], caption: ctx.t("offer.requests_title"), empty: ctx.t("offer.requests_none"), scrolls: true))
        if m.canRequest {
            let f = ValidationFailure(m.errors)
            body.append(
                H.el(
                    "section", ["aria-labelledby": "request-title", "id": "request"],
                    [
                        H.el("h2", ["class": "heading-m", "id": "request-title"], [.text(ctx.t("offer.request_title"))]),
                        Form.post(
                            SiteURL.Directory.offerRequests(o.id), ctx,
                            [
                                Form.field(
                                    "entry_id", label: ctx.t("offer.field.entry_id"),
                                    control: .select(m.groups.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: ctx.t("form.select")),
                                    value: m.input["entry_id"], error: f.message(for: "entry_id"), hint: ctx.t("offer.field.entry_id.hint"),
                                    required: true),
                                Form.field(
                                    "purpose", label: ctx.t("offer.field.purpose"), control: .textarea(rows: 3), value: m.input["purpose"],
                                    error: f.message(for: "purpose"), required: true),
                                Form.field(
                                    "wanted_on", label: ctx.t("offer.field.wanted_on"), control: .text(type: "date"), value: m.input["wanted_on"],
                                    error: f.message(for: "wanted_on")),
                                Form.field(
                                    "amount", label: ctx.t("offer.field.request_amount", ctx.t("offer.unit_name.\(o.kind.unit.rawValue)")),
                                    control: .text(width: "10"), value: m.input["amount"], error: f.message(for: "amount"), id: "f-request-amount"),
                                Form.button(ctx.t("offer.request_send")),
                            ]),
                    ]))
        }
        body.append(H.el("p", [:], [H.link(ctx.t("admin.history"), SiteURL.auditEntity(DirectoryOffers.entity, o.id))]))
        return Page(title: o.title, body: body, status: m.errors.isEmpty ? .ok : .badRequest, notice: m.notice)
    }

    /// The buttons a reader may press on a request: the offering partner agrees, declines or records what was given
    /// (with the amount); the requesting partner withdraws.
    static func actions(_ r: DirectoryOffers.RequestRow, _ m: DirectoryOfferPages.OfferPage, _ ctx: PageContext) -> HNode {
        let mine = m.isAdmin || r.requesterOrganisation == m.organisation
        var nodes: [HNode] = []
        for action in OfferRequestStatus.Action.allCases where r.status.after(action) != nil {
            let allowed = OfferRequestStatus.isOfferersAction(action) ? m.canRespond : mine
            guard allowed else { continue }
            let label = ctx.t("offer.action.\(action.rawValue)", r.group.name)
            if action == .give {
                let id = "f-given-\(r.id.uuidString.lowercased())"
                nodes.append(
                    Form.post(
                        SiteURL.Directory.offerRequestAction(r.id, action.rawValue), ctx,
                        [
                            Form.field(
                                "given_amount", label: ctx.t("offer.field.given_amount", ctx.t("offer.unit_name.\(r.kind.unit.rawValue)")),
                                control: .text(type: "number", width: "5"), value: r.amount.map(String.init), error: nil, id: id),
                            Form.button(label, secondary: true),
                        ], class: "inline-form"))
            } else {
                nodes.append(
                    Form.post(
                        SiteURL.Directory.offerRequestAction(r.id, action.rawValue), ctx, [Form.button(label, secondary: true)], class: "inline-form")
                )
            }
        }
        return nodes.isEmpty ? .text("—") : .group(nodes)
    }
}
