import Foundation
import Plot
import ChorusCore

/// Pure views: (page model, context) → page. No `Request`, no database, no Fluent model; every string a person
/// reads is a catalogue key (`ctx.t`).
enum TemplateViews {
    static func list(_ m: TemplatePages.List, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let title = ctx.t("template.title")
        let body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(title)]),
            m.notes.isEmpty
                ? H.el("p", ["class": "empty"], [.text(ctx.t("template.none"))])
                : H.el(
                    "ul", ["class": "plain-list"],
                    m.notes.map { n in
                        H.el("li", [:], [H.link(n.title, SiteURL.Template.note(n.id))])
                    }),
            H.el("h2", ["class": "heading-m", "id": "new"], [.text(ctx.t("template.add"))]),
            Form.post(
                SiteURL.Template.list, ctx,
                [
                    Form.field(
                        "title", label: ctx.t("template.field.title"), control: .text(), value: m.input?["title"], error: e.message(for: "title"),
                        required: true),
                    Form.field(
                        "text", label: ctx.t("template.field.text"), control: .textarea(rows: 4), value: m.input?["text"],
                        error: e.message(for: "text"), required: true),
                    Form.button(ctx.t("template.save")),
                ]),
        ]
        return Page(title: title, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func note(_ n: TemplateService.Note, _ ctx: PageContext) -> Page {
        Page(
            title: n.title,
            body: [
                H.el("a", ["href": SiteURL.Template.list, "class": "back-link"], [.text(ctx.t("template.back"))]),
                H.el("h1", ["class": "heading-xl"], [.text(n.title)]),
                H.el("p", [:], [.text(n.text)]),
            ])
    }
}
