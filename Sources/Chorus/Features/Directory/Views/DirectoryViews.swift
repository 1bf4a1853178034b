import Foundation
import Plot
import ChorusCore

/// Staff pages of the directory: the list with its filters, an entry, the add/change form and the feed import.
/// Staff pages are in English (their strings are in `DirectoryStrings.english`).
enum DirectoryViews {
    static func list(_ m: DirectoryPages.List, _ ctx: PageContext) -> Page {
        let q = m.query
        let title = ctx.t("directory.title")
        let kinds = DirectoryKind.allCases.map { Form.Option($0.rawValue, ctx.t("directory.kind.\($0.rawValue)")) }
        let filters: [HNode] = [
            Form.field("q", label: ctx.t("list.search"), control: .text(type: "search", width: "20"), value: q["q"], error: nil),
            filter("kind", labelKey: "directory.filter.kind", kinds, q, ctx),
            filter("ward", labelKey: "directory.filter.ward", m.choices.places, q, ctx),
            filter("theme", labelKey: "directory.filter.theme", m.choices.themes, q, ctx),
            filter("audience", labelKey: "directory.filter.audience", m.choices.audiences, q, ctx),
            filter("fact", labelKey: "directory.filter.fact", factOptions(ctx), q, ctx),
            Form.field(
                "freshness", label: ctx.t("directory.filter.freshness"),
                control: .select(
                    DirectoryFreshness.allCases.map { Form.Option($0.rawValue, ctx.t("directory.freshness.\($0.rawValue)")) },
                    placeholder: ctx.t("list.any")), value: q["freshness"], error: nil),
            Form.checkbox("partnering", label: ctx.t("directory.filter.partnering"), checked: Input.isTrue(q["partnering"])),
        ]
        let exportQuery = q.filter { $0.key != "page" && $0.key != "deleted" }
        let body: [HNode] = [
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el("p", ["class": "lead"], [.text(ctx.t("directory.lead"))]),
            .if(
                m.waitingChanges > 0,
                H.el(
                    "p", ["class": "notice", "id": "changes-waiting"],
                    [H.link(ctx.t("directory.changes_link", m.waitingChanges), SiteURL.Directory.changes)])),
            .if(
                m.canAdd,
                H.el(
                    "p", ["class": "actions"],
                    DirectoryKind.allCases.map { H.link(ctx.t("directory.add.\($0.rawValue)"), SiteURL.Directory.new($0), class: "button") }
                        + [H.link(ctx.t("directory.import"), SiteURL.Directory.importFeed, class: "button button-secondary")])),
            H.el(
                "p", [:],
                [
                    H.link(ctx.t("directory.coverage"), SiteURL.Directory.coverage), .text(" · "),
                    H.link(ctx.t("directory.offers"), SiteURL.Directory.offers),
                ]),
            Lists.filterBar(action: SiteURL.Directory.list, ctx, fields: filters),
            Lists.table(
                m.page.items,
                columns: [
                    Lists.Column(header: ctx.t("directory.col.name")) { i in H.link(i.name, SiteURL.Directory.entry(i.id)) },
                    Lists.Column(header: ctx.t("directory.col.kind")) { i in .text(kindText(i, ctx)) },
                    Lists.Column(header: ctx.t("directory.col.wards")) { i in .text(wardsText(i, ctx)) },
                    Lists.Column(header: ctx.t("directory.col.owner")) { i in .text(i.owner.name) },
                    Lists.Column(header: ctx.t("directory.col.assured")) { i in freshness(i, ctx) },
                ], caption: title, empty: ctx.t("directory.none")),
            Lists.pager(m.page, ctx),
            H.el("p", [:], [H.link(ctx.t("list.download_csv"), SiteURL.with(SiteURL.Directory.csv, exportQuery))]),
        ]
        return Page(title: title, body: body, notice: m.notice)
    }

    /// An activity's directory panel: its venue (with the access facts), the groups working on it, and who already
    /// reaches its people, each with the button that adds them (for those who may change the activity).
    static func activityPanel(_ p: DirectoryReads.ActivityPanel, _ ctx: PageContext) -> HNode {
        let id = p.activityID
        let back = H.void("input", ["type": "hidden", "name": "back", "value": p.backTo.rawValue])
        var venue: [HNode] = [H.el("h3", ["class": "heading-s"], [.text(ctx.t("directory.activity_venue"))])]
        if let v = p.use.venue {
            venue.append(H.el("p", [:], [H.link(v.name, SiteURL.Directory.entry(v.id)), .unwrap(v.postalAddress) { .text(" — " + $0) }]))
            venue.append(v.facts.isEmpty ? H.el("p", [:], [.text(ctx.t("directory.no_facts"))]) : DirectoryPublicViews.facts(v, ctx))
        } else {
            venue.append(H.el("p", [:], [.text(ctx.t("directory.activity_no_venue"))]))
        }
        if p.canEdit {
            venue.append(
                Form.post(
                    SiteURL.Directory.activityVenue(id), ctx,
                    [
                        Form.field(
                            "venue_id", label: ctx.t("directory.activity_choose_venue"),
                            control: .select(
                                p.venueChoices.map { Form.Option($0.id.uuidString, $0.name) }, placeholder: ctx.t("directory.activity_none")),
                            value: p.use.venue?.id.uuidString, error: nil,
                            hint: p.venueChoices.isEmpty ? ctx.t("directory.activity_no_venues") : ctx.t("directory.activity_venue_hint")),
                        back, Form.button(ctx.t("directory.activity_save_venue"), secondary: true),
                    ]))
        }
        let partners: [HNode] = [
            H.el("h3", ["class": "heading-s"], [.text(ctx.t("directory.activity_partners"))]),
            p.use.partners.isEmpty
                ? H.el("p", [:], [.text(ctx.t("directory.activity_no_partners"))])
                : H.el(
                    "ul", ["class": "plain-list", "id": "directory-partners"],
                    p.use.partners.map { i in
                        H.el(
                            "li", [:],
                            [
                                H.link(i.name, SiteURL.Directory.entry(i.id)), .text(" — " + kindText(i, ctx)),
                                .if(
                                    p.canEdit,
                                    Form.post(
                                        SiteURL.Directory.activityPartnerRemove(id, i.id), ctx,
                                        [back, Form.button(ctx.t("directory.activity_remove", i.name), secondary: true)], class: "inline-form")),
                            ])
                    }),
        ]
        var suggested: [HNode] = []
        if !p.suggestions.isEmpty {
            suggested = [
                H.el("h3", ["id": "directory-suggestions-title", "class": "heading-s"], [.text(ctx.t("directory.suggest_title"))]),
                H.el("p", [:], [.text(ctx.t("directory.suggest_intro"))]),
                H.el(
                    "ul", ["class": "plain-list", "id": "directory-suggestions"],
                    p.suggestions.map { i in
                        H.el(
                            "li", [:],
                            [
                                H.link(i.name, SiteURL.Directory.entry(i.id)), .text(" — " + kindText(i, ctx) + ", " + wardsText(i, ctx)),
                                .if(
                                    !i.audiences.isEmpty,
                                    .text(". " + ctx.t("directory.suggest_reaches", i.audiences.map(\.name).joined(separator: ", ")))),
                                .if(i.kind == .group && i.openToPartnering, .text(". " + ctx.t("directory.suggest_partnering"))),
                                .if(
                                    p.canEdit,
                                    Form.post(
                                        SiteURL.Directory.activityPartners(id), ctx,
                                        [
                                            H.void("input", ["type": "hidden", "name": "entry_id", "value": i.id.uuidString]), back,
                                            Form.button(ctx.t("directory.activity_add", i.name), secondary: true),
                                        ], class: "inline-form")),
                            ])
                    }),
            ]
        }
        return H.el(
            "section", ["aria-labelledby": "directory-panel-title", "id": "directory-panel"],
            [H.el("h2", ["id": "directory-panel-title", "class": "heading-m"], [.text(ctx.t("directory.activity_title"))])] + venue + partners
                + suggested)
    }

    /// "These groups already run something like this here", inside the overlap warning (nothing when there are none).
    static func alreadyRunning(_ items: [DirectoryItem], _ ctx: PageContext) -> HNode {
        .if(
            !items.isEmpty,
            H.el(
                "div", ["id": "directory-already-running"],
                [
                    H.el("p", [:], [.text(ctx.t("directory.already_running"))]),
                    H.el(
                        "ul", ["class": "plain-list"],
                        items.map { i in
                            H.el(
                                "li", [:],
                                [
                                    H.link(i.name, SiteURL.Directory.entry(i.id)),
                                    .text(" — " + i.themes.map(\.name).joined(separator: ", ") + "; " + wardsText(i, ctx)),
                                ])
                        }),
                ]))
    }

    /// A filter bar's select: any value, or one of these (the list, coverage and offers filters).
    static func filter(_ name: String, labelKey: String, _ options: [Form.Option], _ q: [String: String], _ ctx: PageContext) -> HNode {
        Form.field(name, label: ctx.t(labelKey), control: .select(options, placeholder: ctx.t("list.any")), value: q[name], error: nil)
    }

    static func factOptions(_ ctx: PageContext) -> [Form.Option] {
        VenueFact.allCases.map { Form.Option($0.rawValue, ctx.t("venue.fact.\($0.rawValue)")) }
    }

    /// "Group: faith group", "Venue", "Connector: social prescriber".
    static func kindText(_ i: DirectoryItem, _ ctx: PageContext) -> String {
        let kind = ctx.t("directory.kind.\(i.kind.rawValue)")
        return i.category.isEmpty ? kind : "\(kind): \(ctx.t("directory.category.\(i.category)"))"
    }

    static func wardsText(_ i: DirectoryItem, _ ctx: PageContext) -> String {
        i.boroughWide ? ctx.t("directory.borough_wide") : i.wards.map(\.name).joined(separator: ", ")
    }

    /// The day it was last checked, and a tag when it is due or out of date (words as well as colour).
    static func freshness(_ i: DirectoryItem, _ ctx: PageContext) -> HNode {
        H.el(
            "span", [:],
            [
                .text(DayText.long(i.assuredDay)),
                .if(
                    i.freshness != .current,
                    H.el(
                        "strong", ["class": i.freshness == .stale ? "tag tag-red" : "tag tag-yellow"],
                        [.text(" " + ctx.t("directory.freshness.\(i.freshness.rawValue)"))])),
            ])
    }

    static func entry(_ m: DirectoryPages.Entry, _ ctx: PageContext) -> Page {
        let i = m.item
        var rows: [(String, HNode)] = [
            (ctx.t("directory.col.kind"), .text(kindText(i, ctx))),
            (ctx.t(i.kind == .venue ? "directory.field.summary_venue" : "directory.field.summary"), .text(i.summary)),
            (ctx.t("directory.col.wards"), .text(wardsText(i, ctx))),
        ]
        if !i.themes.isEmpty { rows.append((ctx.t("directory.field.theme_ids"), .text(i.themes.map(\.name).joined(separator: ", ")))) }
        if !i.audiences.isEmpty { rows.append((ctx.t("directory.field.audience_ids"), .text(i.audiences.map(\.name).joined(separator: ", ")))) }
        if !i.languages.isEmpty { rows.append((ctx.t("directory.field.languages"), .text(i.languages.joined(separator: ", ")))) }
        if i.kind == .venue { rows += venueRows(i, ctx) }
        if i.contactWithheld {
            rows.append((ctx.t("directory.contact"), .text(ctx.t("directory.contact_withheld", i.owner.name))))
        } else {
            rows += contactRows(i, ctx) { ctx.t("directory.field.\($0)") }
        }
        if let a = i.approach { rows.append((ctx.t("directory.field.approach"), .text(a))) }
        if i.kind == .group {
            rows.append((ctx.t("directory.field.open_to_partnering"), .text(ctx.t(i.openToPartnering ? "directory.yes" : "directory.no"))))
        }
        if i.kind == .connector {
            rows.append((ctx.t("directory.field.contact_sharing"), .text(ctx.t("directory.sharing.\(i.contactSharing.rawValue)"))))
            if let d = i.consentDay { rows.append((ctx.t("directory.field.consent_on"), .text(DayText.long(d)))) }
        }
        rows.append((ctx.t("directory.col.owner"), .text(i.owner.name)))
        rows.append((ctx.t("directory.col.assured"), freshness(i, ctx)))
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(i.name)]),
        ]
        if !m.waiting.isEmpty { body.append(DirectoryUpdateViews.waiting(m.waiting, ctx)) }
        body.append(summary(rows))
        if m.canChange {
            body.append(
                H.el(
                    "div", ["class": "actions"],
                    [
                        H.link(ctx.t("directory.edit"), SiteURL.Directory.edit(i.id), class: "button"),
                        Form.post(SiteURL.Directory.assure(i.id), ctx, [Form.button(ctx.t("directory.assure"), secondary: true)]),
                    ]))
        }
        if i.kind != .connector || i.contactSharing == .residents {
            body.append(H.el("p", [:], [H.link(ctx.t("directory.public_page"), SiteURL.Directory.publicEntry(i.id))]))
        }
        body.append(H.el("p", [:], [H.link(ctx.t("admin.history"), SiteURL.auditEntity(DirectoryService.entity, i.id))]))
        if !m.offers.isEmpty {
            body.append(
                H.el(
                    "section", ["aria-labelledby": "offers-title", "id": "offers"],
                    [
                        H.el("h2", ["id": "offers-title", "class": "heading-m"], [.text(ctx.t("directory.offers_suiting"))]),
                        H.el(
                            "ul", ["class": "plain-list"],
                            m.offers.map { o in
                                H.el(
                                    "li", [:],
                                    [
                                        H.link(o.title, SiteURL.Directory.offer(o.id)),
                                        .text(" — " + DirectoryOfferViews.kindText(o.kind, ctx) + ", " + o.organisation.name),
                                    ])
                            }),
                    ]))
        }
        if m.canChange { body.append(DirectoryUpdateViews.linkSection(m, ctx)) }
        if m.canChange {
            body.append(
                H.el(
                    "section", ["class": "danger-zone", "aria-labelledby": "delete-title"],
                    [
                        H.el("h2", ["id": "delete-title", "class": "heading-m"], [.text(ctx.t("directory.delete_title"))]),
                        Form.post(SiteURL.Directory.delete(i.id), ctx, [Form.button(ctx.t("directory.delete", i.name), warning: true)]),
                    ]))
        }
        return Page(title: i.name, body: body, status: m.errors.isEmpty ? .ok : .badRequest, notice: m.notice)
    }

    static func summary(_ rows: [(String, HNode)]) -> HNode {
        H.el("dl", ["class": "summary-list"], rows.flatMap { [H.el("dt", [:], [.text($0.0)]), H.el("dd", [:], [$0.1])] })
    }

    static func venueRows(_ i: DirectoryItem, _ ctx: PageContext) -> [(String, HNode)] {
        var rows: [(String, HNode)] = []
        if let address = i.postalAddress { rows.append((ctx.t("directory.field.address"), .text(address))) }
        rows.append(
            (
                ctx.t("directory.field.facts"),
                i.facts.isEmpty
                    ? .text(ctx.t("directory.no_facts"))
                    : H.el("ul", ["class": "plain-list"], i.facts.map { H.el("li", [:], [.text(ctx.t("venue.fact.\($0.rawValue)"))]) })
            ))
        if let c = i.capacity { rows.append((ctx.t("directory.field.capacity"), .text(ctx.t("directory.people", c)))) }
        if let c = i.cost { rows.append((ctx.t("directory.field.cost"), .text(c))) }
        if let o = i.openingTimes { rows.append((ctx.t("directory.field.opening_times"), .text(o))) }
        return rows
    }

    /// The entry's contact details as linked rows, labelled by `label(field)`: staff pages by the form's field names,
    /// residents' pages by their own (translated) keys, without the contact's name.
    static func contactRows(_ i: DirectoryItem, withName: Bool = true, _ ctx: PageContext, label: (String) -> String) -> [(String, HNode)] {
        var rows: [(String, HNode)] = []
        if withName, let n = i.contactName { rows.append((label("contact_name"), .text(n))) }
        if let e = i.email { rows.append((label("email"), H.link(e, "mailto:" + e))) }
        if let p = i.phone { rows.append((label("phone"), H.link(p, "tel:" + p.filter { !$0.isWhitespace }))) }
        if let w = i.website { rows.append((label("website"), H.link(w, w))) }
        return rows
    }

    static func form(_ m: DirectoryPages.Editor, _ ctx: PageContext) -> Page {
        let errors = m.errors
        let title = m.entry.map { ctx.t("directory.edit_title", $0.name) } ?? ctx.t("directory.add.\(m.kind.rawValue)")
        let fields = fields(
            DirectoryService.fields(for: m.kind), kind: m.kind, input: m.input, errors: errors, choices: m.choices, owners: m.owners, ctx)
        let action = m.entry.map { SiteURL.Directory.entry($0.id) } ?? SiteURL.Directory.new(m.kind)
        let body: [HNode] = [
            H.el(
                "a", ["href": m.entry.map { SiteURL.Directory.entry($0.id) } ?? SiteURL.Directory.list, "class": "back-link"],
                [
                    .text(ctx.t("directory.back"))
                ]),
            Form.errorSummary(errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            Form.post(action, ctx, fields + [Form.button(ctx.t("form.save"))]),
        ]
        return Page(title: title, body: body, status: errors.isEmpty ? .ok : .badRequest)
    }

    /// The form's controls for these fields of a kind (the staff form, and a group's update link).
    static func fields(
        _ names: [String], kind: DirectoryKind, input: Input, errors: [FieldError], choices c: DirectoryPages.Choices, owners: [Form.Option],
        _ ctx: PageContext
    ) -> [HNode] {
        let f = ValidationFailure(errors)
        func text(_ name: String, _ control: Form.Control = .text(), required: Bool = false) -> HNode {
            let hintKey = "directory.field.\(name).hint"
            let label = name == "summary" && kind == .venue ? "directory.field.summary_venue" : "directory.field.\(name)"
            return Form.field(
                name, label: ctx.t(label), control: control, value: input[name], error: f.message(for: name),
                hint: Catalogue.has(hintKey) ? ctx.t(hintKey) : nil, required: required)
        }
        func boxes(_ name: String, _ options: [Form.Option], legendKey: String? = nil) -> HNode {
            let hintKey = "directory.field.\(name).hint"
            return Form.checkboxes(
                name, legend: ctx.t(legendKey ?? "directory.field.\(name)"), options: options, selected: Set(input.list(name)),
                error: f.message(for: name), hint: Catalogue.has(hintKey) ? ctx.t(hintKey) : nil)
        }
        var fields: [HNode] = []
        for name in names {
            switch name {
            case "name": fields.append(text("name", required: true))
            case "summary": fields.append(text("summary", .textarea(rows: 4), required: true))
            case "category":
                let codes = kind == .group ? GroupType.allCases.map(\.rawValue) : ConnectorRole.allCases.map(\.rawValue)
                fields.append(
                    Form.field(
                        "category", label: ctx.t("directory.field.category.\(kind.rawValue)"),
                        control: .select(codes.map { Form.Option($0, ctx.t("directory.category.\($0)")) }, placeholder: ctx.t("form.select")),
                        value: input["category"], error: f.message(for: "category"), required: true))
            case "owner_organisation_id":
                fields.append(
                    Form.field(
                        "owner_organisation_id", label: ctx.t("directory.field.owner_organisation_id"), control: .select(owners, placeholder: nil),
                        value: input["owner_organisation_id"], error: f.message(for: "owner_organisation_id"),
                        hint: ctx.t("directory.field.owner_organisation_id.hint")))
            case "borough_wide":
                fields.append(
                    Form.checkbox("borough_wide", label: ctx.t("directory.field.borough_wide"), checked: Input.isTrue(input["borough_wide"])))
            case "place_ids": fields.append(boxes("place_ids", c.places, legendKey: kind == .venue ? "directory.field.place_ids_venue" : nil))
            case "theme_ids": fields.append(boxes("theme_ids", c.themes))
            case "audience_ids": fields.append(boxes("audience_ids", c.audiences))
            case "facts": fields.append(boxes("facts", factOptions(ctx)))
            case "open_to_partnering":
                fields.append(
                    Form.checkbox(
                        "open_to_partnering", label: ctx.t("directory.field.open_to_partnering"), checked: Input.isTrue(input["open_to_partnering"])))
            case "contact_sharing":
                fields.append(
                    Form.radios(
                        "contact_sharing", legend: ctx.t("directory.field.contact_sharing"),
                        options: ContactSharing.allCases.map { Form.Option($0.rawValue, ctx.t("directory.sharing.\($0.rawValue)")) },
                        selected: input["contact_sharing"] ?? ContactSharing.ownOrganisation.rawValue, error: f.message(for: "contact_sharing")))
            case "approach", "address", "opening_times": fields.append(text(name, .textarea(rows: 3)))
            case "email": fields.append(text("email", .text(type: "email", autocomplete: "off")))
            case "consent_on", "assured_on": fields.append(text(name, .text(type: "date")))
            case "capacity": fields.append(text("capacity", .text(width: "10")))
            case "postcode": fields.append(text("postcode", .text(width: "10")))
            default: fields.append(text(name))
            }
        }
        return fields
    }

    static func importForm(errors: [FieldError], _ ctx: PageContext) -> Page {
        let title = ctx.t("directory.import_title")
        let f = ValidationFailure(errors)
        return Page(
            title: title,
            body: [
                H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
                Form.errorSummary(errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", [:], [.text(ctx.t("directory.import_lead"))]),
                Form.post(
                    SiteURL.Directory.importFeed, ctx,
                    [
                        Form.field(
                            "file", label: ctx.t("directory.import_file"), control: .file(accept: ".json,application/json"), value: nil,
                            error: f.message(for: "file"), hint: ctx.t("directory.import_file_hint"), required: true),
                        Form.checkbox("valid_only", label: ctx.t("directory.import_valid_only"), checked: false),
                        Form.button(ctx.t("directory.import_button")),
                    ], multipart: true),
                H.el("h2", ["class": "heading-m", "id": "csv-import"], [.text(ctx.t("directory.import_csv_title"))]),
                H.el("p", [:], [.text(ctx.t("directory.import_csv_lead"))]),
                Form.post(
                    SiteURL.Directory.importCSV, ctx,
                    [
                        Form.field(
                            "csv_file", label: ctx.t("directory.import_csv_file"), control: .file(accept: ".csv,text/csv"), value: nil,
                            error: f.message(for: "csv_file"), hint: ctx.t("directory.import_csv_hint"), required: true),
                        H.el(
                            "div", ["class": "checkbox"],
                            [
                                H.void("input", ["type": "checkbox", "id": "f-valid-only-csv", "name": "valid_only", "value": "yes"]),
                                H.el("label", ["for": "f-valid-only-csv"], [.text(ctx.t("directory.import_valid_only"))]),
                            ]),
                        Form.button(ctx.t("directory.import_csv_button")),
                    ], multipart: true),
            ], status: errors.isEmpty ? .ok : .badRequest)
    }

    static func importReport(_ r: DirectoryImport.Report, _ ctx: PageContext) -> Page {
        let title = ctx.t("directory.import_title")
        let saved = r.created + r.updated
        var body: [HNode] = [
            H.el("a", ["href": SiteURL.Directory.list, "class": "back-link"], [.text(ctx.t("directory.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            H.el(
                "p", ["class": "lead", "role": "status"],
                [
                    .text(
                        saved == 0 && !r.problems.isEmpty
                            ? ctx.t("directory.import_nothing", r.records, r.problems.count)
                            : r.fromCSV
                                ? ctx.t("directory.import_csv_done", r.created, r.updated, r.skipped)
                                : ctx.t("directory.import_done", r.created, r.updated, r.venues, r.skipped))
                ]),
        ]
        if !r.problems.isEmpty {
            body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("directory.import_problems"))]))
            body.append(
                Lists.table(
                    r.problems,
                    columns: [
                        Lists.Column(header: ctx.t(r.fromCSV ? "directory.import_line" : "directory.import_record")) { p in
                            .text(p.index < 0 ? "—" : String(p.index + 1))
                        },
                        Lists.Column(header: ctx.t("directory.import_id")) { p in .text(p.sourceID ?? "") },
                        Lists.Column(header: ctx.t("directory.import_field")) { p in H.el("code", [:], [.text(p.field)]) },
                        Lists.Column(header: ctx.t("directory.import_problem")) { p in .text(p.message) },
                    ], caption: ctx.t("directory.import_problems"), empty: "", scrolls: true))
            if saved == 0 { body.append(H.el("p", [:], [H.link(ctx.t("directory.import_again"), SiteURL.Directory.importFeed)])) }
        }
        return Page(title: title, body: body, status: saved == 0 && !r.problems.isEmpty ? .unprocessableEntity : .ok)
    }
}
