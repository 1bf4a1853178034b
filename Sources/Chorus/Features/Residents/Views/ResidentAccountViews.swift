import Foundation
import Plot
import ChorusCore

/// A signed-in resident's pages: their account ("My data"), profile, equality questions, deleting the account, and
/// the readable copy of their data that goes in their download.
extension ResidentViews {
    static func account(_ m: ResidentPages.Account, _ ctx: PageContext) -> Page {
        let p = m.profile
        func row(_ key: String, _ value: String?) -> [HNode] {
            [H.el("dt", [:], [.text(ctx.t(key))]), H.el("dd", [:], [value.map { H.bdi($0) } ?? .text(ctx.t("resident.not_given"))])]
        }
        let live = m.consents.filter { $0.withdrawnAt == nil }
        return Page(
            title: ctx.t("resident.account_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.account_title"))]),
                H.el("p", ["class": "lead"], [H.template(ctx.t("resident.reference"), [H.el("bdi", ["class": "reference"], [.text(p.reference)])])]),
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("resident.about_you"))]),
                H.el(
                    "dl", ["class": "summary-list"],
                    row("resident.email", p.email) + row("data.field.name", p.displayName) + row("data.field.postcode_sector", p.postcodeSector)
                        + row("resident.ward", p.ward) + row("resident.language", UILanguage.named(p.language)?.nativeName)),
                H.el(
                    "p", [:],
                    [
                        H.link(ctx.t("resident.change_profile"), SiteURL.Residents.profile), .text(" · "),
                        H.link(ctx.t("resident.equality_link"), SiteURL.Residents.equality),
                    ]),
                H.el("h2", ["class": "heading-l", "id": "updates"], [.text(ctx.t("resident.updates_title"))]),
                m.follows.isEmpty
                    ? H.el("p", [:], [.text(ctx.t("resident.updates_none"))])
                    : H.el(
                        "ul", ["class": "list"],
                        m.follows.map { f in
                            H.el(
                                "li", [:],
                                [
                                    H.bdi(f.about), .text(" "),
                                    Form.post(
                                        SiteURL.Residents.stopFollow(f.id), ctx,
                                        [
                                            H.el(
                                                "button", ["type": "submit", "class": "button button-secondary"],
                                                [
                                                    .text(ctx.t("resident.stop")), H.el("span", ["class": "visually-hidden"], [.text(" " + f.about)]),
                                                ])
                                        ], class: "inline-form"),
                                ])
                        }),
                .if(p.email != nil, followForm(m, ctx)),
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("resident.consents_title"))]),
                live.isEmpty
                    ? H.el("p", [:], [.text(ctx.t("resident.consents_none"))])
                    : H.el("ul", ["class": "list"], live.map { c in consentItem(c, ctx) }),
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("resident.data_title"))]),
                H.el("p", [:], [.text(ctx.t("resident.data_intro"))]),
                records(m.records, ctx),
                H.el("p", [:], [H.link(ctx.t("resident.download"), SiteURL.Residents.download, class: "button")]),
                H.el("h2", ["class": "heading-l"], [.text(ctx.t("resident.leave_title"))]),
                H.el("p", [:], [H.link(ctx.t("resident.delete_link"), SiteURL.Residents.delete)]),
                Form.post(SiteURL.Residents.signOut, ctx, [Form.button(ctx.t("resident.sign_out"), secondary: true)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    private static func followForm(_ m: ResidentPages.Account, _ ctx: PageContext) -> HNode {
        let error = { (f: String) in m.errors.first { $0.field == f }?.message }
        return Form.post(
            SiteURL.Residents.follow, ctx,
            [
                H.el("p", [:], [.text(ctx.t(ConsentPurpose.emailUpdates.wordingKey))]),
                Form.field(
                    "ward", label: ctx.t("updates.ward"), control: .select(m.choices.wards, placeholder: ctx.t("updates.any_ward")),
                    value: m.followValues["ward"], error: error("ward")),
                Form.field(
                    "theme", label: ctx.t("updates.theme"), control: .select(m.choices.themes, placeholder: ctx.t("updates.any_theme")),
                    value: m.followValues["theme"], error: error("theme")),
                Form.button(ctx.t("resident.follow")),
            ])
    }

    private static func consentItem(_ c: ResidentAccountService.Consent, _ ctx: PageContext) -> HNode {
        let purpose = ConsentPurpose.named(c.purpose)
        let label = purpose.map { ctx.t($0.labelKey) } ?? c.purpose
        return H.el(
            "li", [:],
            [
                H.el("p", [:], [H.el("strong", [:], [.text(label)])]),
                H.el("blockquote", ["class": "quote"], [H.bdi(c.wording)]),
                H.el("p", [:], [.text(ctx.t("resident.consent_given", DayText.local(Day(c.givenAt), ctx)))]),
                Form.post(
                    SiteURL.Residents.withdraw(c.id), ctx,
                    [
                        H.el(
                            "button", ["type": "submit", "class": "button button-secondary"],
                            [
                                .text(ctx.t("resident.withdraw")), H.el("span", ["class": "visually-hidden"], [.text(" " + label)]),
                            ])
                    ], class: "inline-form"),
            ])
    }

    /// Every record, grouped by kind, each as a list of its fields.
    static func records(_ records: [ExportedRecord], _ ctx: PageContext) -> HNode {
        guard !records.isEmpty else { return H.el("p", [:], [.text(ctx.t("resident.data_none"))]) }
        var order: [String] = []
        for r in records where !order.contains(r.kind) { order.append(r.kind) }
        return .group(
            order.map { kind in
                let mine = records.filter { $0.kind == kind }
                return H.el(
                    "section", ["class": "data-kind"],
                    [
                        H.el("h3", ["class": "heading-m"], [.text(ctx.t("data.kind.\(kind)") + " (\(mine.count))")])
                    ]
                        + mine.map { r in
                            H.el(
                                "details", [:],
                                [
                                    H.el("summary", [:], [H.bdi(r.title)]),
                                    H.el(
                                        "dl", ["class": "summary-list"],
                                        r.fields.flatMap { f in [H.el("dt", [:], [.text(fieldName(f.name, ctx))]), H.el("dd", [:], [H.bdi(f.value)])]
                                        }),
                                ])
                        })
            })
    }

    /// A field's name in the reader's language where the catalogue has it, else as stored.
    private static func fieldName(_ name: String, _ ctx: PageContext) -> String {
        let key = "data.field." + name
        return Catalogue.has(key) ? ctx.t(key) : name
    }

    static func profile(_ m: ResidentPages.Profile, _ ctx: PageContext) -> Page {
        let error = { (f: String) in m.errors.first { $0.field == f }?.message }
        return Page(
            title: ctx.t("resident.profile_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.profile_title"))]),
                Form.post(
                    SiteURL.Residents.profile, ctx,
                    [
                        Form.field(
                            "display_name", label: ctx.t("resident.display_name"), control: .text(autocomplete: "nickname"),
                            value: m.values["display_name"], error: error("display_name"), hint: ctx.t("resident.display_name_hint")),
                        Form.field(
                            "postcode", label: ctx.t("resident.postcode"), control: .text(autocomplete: "postal-code", width: "10"),
                            value: m.values["postcode"], error: error("postcode"), hint: ctx.t("resident.postcode_hint")),
                        Form.field(
                            "language", label: ctx.t("resident.language"),
                            control: .select(UILanguage.all.map { Form.Option($0.code, $0.nativeName) }, placeholder: nil),
                            value: m.values["language"], error: error("language")),
                        Form.button(ctx.t("resident.save")),
                    ]),
                H.el("p", [:], [H.link(ctx.t("resident.back_to_account"), SiteURL.Residents.account)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    struct EqualityModel: Sendable {
        let answers: [String: String]
        let consented: Bool
        let errors: [FieldError]
    }

    /// The equality questions (ONS Census 2021), each optional with "prefer not to say". Question and option wording
    /// comes from the catalogue (`equality.<field>`, `equality.<field>.<code>`), English where not yet translated.
    static func equality(_ m: EqualityModel, _ ctx: PageContext) -> Page {
        let error = { (f: String) in m.errors.first { $0.field == f }?.message }
        let questions = EqualityFields.fields(m.answers, errors: m.errors, ctx)
        return Page(
            title: ctx.t("resident.equality_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.equality_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("resident.equality_intro"))]),
                Form.post(
                    SiteURL.Residents.equality, ctx,
                    questions + [
                        Form.checkboxes(
                            "consent", legend: ctx.t("resident.equality_consent_legend"),
                            options: [Form.Option("yes", ctx.t(ConsentPurpose.equalityMonitoring.wordingKey))],
                            selected: m.consented ? ["yes"] : [], error: error("consent"), columns: false),
                        Form.button(ctx.t("resident.save")),
                    ]),
                H.el("p", [:], [H.link(ctx.t("resident.back_to_account"), SiteURL.Residents.account)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func deletion(_ m: ResidentPages.Deletion, _ ctx: PageContext) -> Page {
        let kept: Set<PersonalDataKind> = [.insightContacts, .surveyResponses, .ballots, .pledges, .campaignPledges]
        return Page(
            title: ctx.t("resident.delete_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.delete_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("resident.delete_intro"))]),
                H.el(
                    "ul", ["class": "list"],
                    m.counts.map { c in
                        H.el(
                            "li", [:],
                            [
                                .text(
                                    ctx.t("data.kind.\(c.kind.rawValue)") + " (\(c.count)): "
                                        + ctx.t(kept.contains(c.kind) ? "resident.delete_kept" : "resident.delete_removed"))
                            ])
                    }),
                H.el("p", [:], [.text(ctx.t("resident.delete_contributions"))]),
                Form.post(
                    SiteURL.Residents.delete, ctx,
                    [
                        Form.checkboxes(
                            "contributions", legend: ctx.t("resident.delete_contributions_legend"),
                            options: [Form.Option("remove", ctx.t("resident.delete_contributions_remove"))], selected: [], error: nil, columns: false),
                        Form.checkboxes(
                            "confirm", legend: ctx.t("resident.delete_confirm_legend"),
                            options: [Form.Option("yes", ctx.t("resident.delete_confirm"))],
                            selected: [], error: m.errors.first { $0.field == "confirm" }?.message, columns: false),
                        Form.button(ctx.t("resident.delete_button"), warning: true),
                    ]),
                H.el("p", [:], [H.link(ctx.t("resident.back_to_account"), SiteURL.Residents.account)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func deleted(_ scope: ErasureScope, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("resident.deleted_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.deleted_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t(scope == .contributions ? "resident.deleted_all" : "resident.deleted_identity"))]),
                H.el("p", [:], [H.link(ctx.t("frontdoor.back"), SiteURL.home)]),
            ])
    }

    /// The readable copy in the download: a whole HTML document with nothing to load, in the reader's language.
    static func exportHTML(reference: String, records: [ExportedRecord], exportedAt: Date, language: UILanguage) -> String {
        let ctx = PageContext(language: language, csrfToken: "", path: "/", user: nil)
        let title = ctx.t("resident.export_title", reference)
        let body = HNode.element(
            named: "body",
            nodes: [
                H.el("h1", [:], [.text(title)]),
                H.el("p", [:], [.text(ctx.t("resident.export_made", DayText.local(Day(exportedAt), ctx)))]),
                ResidentViews.records(records, ctx),
            ])
        return "<!DOCTYPE html><html lang=\"\(language.code)\" dir=\"\(language.dir)\"><head><meta charset=\"UTF-8\"/><title>"
            + HTMLEscape.text(title) + "</title></head>" + body.render() + "</html>"
    }

    /// The public retention log: per run, how many records of each kind were removed or anonymised. Never people.
    static func retentionLog(days: [RetentionService.LogDay], page: Int, more: Bool, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("retention.title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("retention.title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("retention.intro"))]),
                days.isEmpty
                    ? H.el("p", [:], [.text(ctx.t("retention.none"))])
                    : .group(
                        days.map { d in
                            H.el(
                                "section", [:],
                                [
                                    H.el("h2", ["class": "heading-m"], [.text(DayText.local(Day(d.ranAt), ctx))]),
                                    H.el(
                                        "dl", ["class": "summary-list"],
                                        d.removed.flatMap { r in
                                            [
                                                H.el("dt", [:], [.text(ctx.t("data.kind.\(r.kind.rawValue)"))]),
                                                H.el("dd", [:], [.text(String(r.count))]),
                                            ]
                                        }),
                                ])
                        }),
                H.el(
                    "p", [:],
                    [
                        .if(page > 1, H.link(ctx.t("retention.newer"), SiteURL.with(SiteURL.Residents.retentionLog, ["page": String(page - 1)]))),
                        .text(" "),
                        .if(more, H.link(ctx.t("retention.older"), SiteURL.with(SiteURL.Residents.retentionLog, ["page": String(page + 1)]))),
                    ]),
            ])
    }
}
