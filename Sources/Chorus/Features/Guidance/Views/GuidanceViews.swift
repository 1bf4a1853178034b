import Foundation
import Plot
import ChorusCore

/// The good-practice library's staff pages (English) and public pages (in the reader's language; the guides
/// themselves are in English and marked so).
enum GuidanceViews {
    static func kindLabel(_ k: GuidanceKind, _ ctx: PageContext) -> String { ctx.t("guidance.kind.\(k.rawValue)") }

    static func filters(action: String, _ q: [String: String], methods: [Form.Option]?, _ ctx: PageContext) -> HNode {
        var fields: [HNode] = [
            Form.field("q", label: ctx.t("guidance.public.search"), control: .text(type: "search"), value: q["q"], error: nil),
            Form.field(
                "kind", label: ctx.t("guidance.public.kind"),
                control: .select(
                    GuidanceKind.allCases.map { .init($0.rawValue, kindLabel($0, ctx)) }, placeholder: ctx.t("guidance.public.any_kind")),
                value: q["kind"], error: nil),
        ]
        if let methods {
            fields.append(Form.field("method", label: "Method", control: .select(methods, placeholder: "Any method"), value: q["method"], error: nil))
        }
        return Lists.filterBar(action: action, ctx, fields: fields)
    }

    static func list(_ m: GuidancePages.List, _ ctx: PageContext) -> Page {
        let title = "Good practice and guidance"
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el(
                    "p", ["class": "lead"],
                    [
                        .text(
                            "Method guides, case studies, the tendering toolkit and guidance for engaging particular communities. "
                                + "Public pages are also on "),
                        H.link("the residents' good-practice pages", SiteURL.Guidance.publicList), .text("."),
                    ]),
                .if(m.canWrite, H.el("p", [:], [H.link("Write a page", SiteURL.Guidance.new, class: "button")])),
                filters(action: SiteURL.Guidance.list, m.query, methods: m.methods, ctx),
                H.el("p", [:], [.text(Lists.totalText(m.page, ctx))]),
                Lists.table(
                    m.page.items,
                    columns: [
                        .init(header: "Page") { H.link($0.title, SiteURL.Guidance.page($0.id)) },
                        .init(header: "Kind") { .text(kindLabel($0.kind, ctx)) },
                        .init(header: "Method") { e in .text(e.method.map { ctx.t("method.\($0.rawValue)") } ?? "—") },
                        .init(header: "From") { H.bdi($0.organisation) },
                        .init(header: "Who can read it") { e in
                            .text(e.published ? (e.visibility == .public ? "Everyone" : "Staff") : "Draft (your organisation)")
                        },
                    ], caption: title, empty: "No pages match."),
                Lists.pager(m.page, ctx),
            ], englishOnly: true)
    }

    static func page(_ e: GuidanceService.Entry, canEdit: Bool, _ ctx: PageContext) -> Page {
        Page(
            title: e.title,
            body: [
                H.el("a", ["href": SiteURL.Guidance.list, "class": "back-link"], [.text("Back to good practice")]),
                H.el("span", ["class": "caption"], [.text("\(kindLabel(e.kind, ctx)) · \(e.organisation)")]),
                H.el("h1", ["class": "heading-xl"], [.text(e.title)]),
                H.el("p", ["class": "lead"], [.text(e.summary)]),
                H.el(
                    "p", ["class": "hint"],
                    [
                        .text(
                            (e.published ? (e.visibility == .public ? "Published for everyone" : "Published for partners' staff") : "Draft")
                                + (e.publishedOn.map { " on \(DayText.long($0))" } ?? "") + ". Last changed by \(e.updatedBy).")
                    ]),
                .if(canEdit, H.el("p", [:], [H.link("Edit this page", SiteURL.Guidance.edit(e.id))])),
                .unwrap(e.sourceActivityID) { H.el("p", [:], [H.link("The activity and its evaluation", SiteURL.Register.show($0))]) },
                MarkdownView.render(Markdown.parse(e.body)),
            ], englishOnly: true)
    }

    static func edit(_ m: GuidancePages.Edit, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let input = m.input
        let title = m.id == nil ? "Write a good-practice page" : "Edit \(input["title"] ?? "")"
        let action = m.id.map(SiteURL.Guidance.edit) ?? SiteURL.Guidance.new
        return Page(
            title: title,
            body: [
                H.el("a", ["href": m.id.map(SiteURL.Guidance.page) ?? SiteURL.Guidance.list, "class": "back-link"], [.text("Back")]),
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                Form.post(
                    action, ctx,
                    [
                        H.void("input", ["type": "hidden", "name": "source_activity_id", "value": input["source_activity_id"] ?? ""]),
                        Form.radios(
                            "kind", legend: "Kind of page", options: GuidanceKind.allCases.map { .init($0.rawValue, kindLabel($0, ctx)) },
                            selected: input["kind"], error: e.message(for: "kind")),
                        Form.field("title", label: "Title", control: .text(), value: input["title"], error: e.message(for: "title"), required: true),
                        Form.field(
                            "summary", label: "Summary", control: .textarea(rows: 2), value: input["summary"], error: e.message(for: "summary"),
                            hint: "One or two sentences for the list", required: true),
                        Form.field(
                            "method", label: "Method it is about (method guides)", control: .select(m.methods, placeholder: "None"),
                            value: input["method"],
                            error: e.message(for: "method"), hint: "The planning advisor links a method's guides from its suggestions"),
                        Form.field(
                            "body", label: "The page", control: .textarea(rows: 16), value: input["body"], error: e.message(for: "body"),
                            hint:
                                "Markdown: # for a heading, - for a bullet, 1. for a numbered step, **bold**, _emphasis_, [words](https://…) for a link. "
                                + "For a method guide: when to use it, how, cost, pitfalls, accessibility.", required: true),
                        Form.radios(
                            "visibility", legend: "Who can read it",
                            options: GuidanceService.Visibility.allCases.map { .init($0.rawValue, $0.label) },
                            selected: input["visibility"], error: e.message(for: "visibility")),
                        Form.checkbox(
                            "published", label: "Published (a draft is seen only by your organisation)", checked: Input.isTrue(input["published"])),
                        Form.button("Save"),
                    ]),
            ], status: m.errors.isEmpty ? .ok : .badRequest, englishOnly: true)
    }

    // MARK: - Public

    static func publicList(_ m: GuidancePages.List, _ ctx: PageContext) -> Page {
        let title = ctx.t("guidance.public.title")
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", ["class": "lead"], [.text(ctx.t("guidance.public.intro"))]),
                filters(action: SiteURL.Guidance.publicList, m.query, methods: nil, ctx),
                m.page.items.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("guidance.public.none"))])
                    : H.el(
                        "ul", ["class": "public-list"],
                        m.page.items.map { e in
                            H.el(
                                "li", [:],
                                [
                                    EnglishContent.wrap(
                                        ctx,
                                        [
                                            H.el("h2", ["class": "heading-s"], [H.link(e.title, SiteURL.Guidance.publicPage(e.id))]),
                                            H.el("p", [:], [.text(e.summary)]),
                                        ]),
                                    H.el(
                                        "p", ["class": "hint"],
                                        [.text(kindLabel(e.kind, ctx) + " · "), H.bdi(ctx.t("guidance.public.from", e.organisation))]),
                                ])
                        }),
                Lists.pager(m.page, ctx),
            ])
    }

    static func publicPage(_ e: GuidanceService.Entry, _ ctx: PageContext) -> Page {
        Page(
            title: e.title,
            body: [
                H.el("a", ["href": SiteURL.Guidance.publicList, "class": "back-link"], [.text(ctx.t("guidance.public.back"))]),
                H.el("span", ["class": "caption"], [.text(kindLabel(e.kind, ctx) + " · "), H.bdi(ctx.t("guidance.public.from", e.organisation))]),
                EnglishContent.wrap(
                    ctx,
                    [
                        H.el("h1", ["class": "heading-xl"], [.text(e.title)]),
                        H.el("p", ["class": "lead"], [.text(e.summary)]),
                        MarkdownView.render(Markdown.parse(e.body)),
                    ]),
            ])
    }
}
