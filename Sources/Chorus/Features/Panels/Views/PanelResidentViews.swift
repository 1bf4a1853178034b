import Foundation
import Plot
import ChorusCore

/// Residents' panel pages: which panels they can join, the join form (profile as the Census asks it, the ward, a
/// letter's code, consent), updating it, and leaving. Every string is in the catalogue.
enum PanelResidentViews {
    static func list(_ panels: [PanelService.Summary], _ ctx: PageContext) -> Page {
        let title = ctx.t("panels.title")
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                H.el("p", ["class": "lead"], [.text(ctx.t("panels.lead"))]),
                panels.isEmpty
                    ? H.el("p", ["class": "empty"], [.text(ctx.t("panels.none"))])
                    : H.el(
                        "ul", ["class": "plain-list"],
                        panels.map { p in
                            H.el(
                                "li", [:],
                                [
                                    H.el("h2", ["class": "heading-m"], [H.link(p.name, SiteURL.Panels.join(p.id))]),
                                    H.el("p", [:], [.text(p.intro)]),
                                ])
                        }),
            ])
    }

    static func join(_ m: PanelPages.Join, _ ctx: PageContext) -> Page {
        let e = ValidationFailure(m.errors)
        let p = m.panel
        var fields = PanelProfileFields.fields(values: m.values, wards: m.wards, errors: e, ctx)
        if !m.member {
            fields += [
                Form.field(
                    "code", label: ctx.t("panels.code"), control: .text(autocomplete: "off", width: "10"), value: m.values["code"],
                    error: e.message(for: "code"), hint: ctx.t("panels.code_hint")),
                Form.checkbox("consent", label: ctx.t("panels.consent.v1"), checked: false, error: e.message(for: "consent")),
            ]
        }
        fields.append(Form.button(ctx.t(m.member ? "panels.update" : "panels.join")))
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("a", ["href": SiteURL.Panels.publicList, "class": "back-link"], [.text(ctx.t("panels.back"))]),
            H.el("h1", ["class": "heading-xl"], [.text(p.name)]),
            H.el("p", [:], [.text(p.intro)]),
        ]
        if let done = m.done {
            body.append(
                H.el(
                    "p", ["class": "notice", "role": "status"],
                    [.text(ctx.t(done == "joined" ? "panels.joined" : done == "answered" ? "panels.answered" : "panels.saved"))]))
        }
        body += [
            H.el("h2", ["class": "heading-m"], [.text(ctx.t(m.member ? "panels.your_profile" : "panels.about_you"))]),
            H.el("p", ["class": "hint"], [.text(ctx.t("panels.why_questions"))]),
            Form.post(SiteURL.Panels.join(p.id), ctx, fields),
        ]
        for ask in m.asks {
            let when = ask.sessions.map { DayText.long($0) }.joined(separator: ", ")
            body += [
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("panels.ask_heading", ask.title))]),
                when.isEmpty ? .text("") : H.el("p", [:], [.text(when)]),
                ask.answer.map { H.el("p", ["class": "notice"], [.text(ctx.t($0 ? "panels.ask_said_yes" : "panels.ask_said_no"))]) } ?? .text(""),
                H.el(
                    "div", ["class": "button-group"],
                    [
                        Form.post(
                            SiteURL.Panels.answer(m.panel.id, ask.selectionID), ctx,
                            [H.void("input", ["type": "hidden", "name": "available", "value": "yes"]), Form.button(ctx.t("panels.ask_yes"))]),
                        Form.post(
                            SiteURL.Panels.answer(m.panel.id, ask.selectionID), ctx,
                            [
                                H.void("input", ["type": "hidden", "name": "available", "value": "no"]),
                                Form.button(ctx.t("panels.ask_no"), secondary: true),
                            ]),
                    ]),
            ]
        }
        if m.member {
            body += [
                H.el("h2", ["class": "heading-m"], [.text(ctx.t("panels.leave_heading"))]),
                H.el("p", [:], [.text(ctx.t("panels.leave_text"))]),
                Form.post(SiteURL.Panels.leave(p.id), ctx, [Form.button(ctx.t("panels.leave"), warning: true)]),
            ]
        }
        return Page(title: p.name, body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func left(_ p: PanelService.Summary, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("panels.left_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("panels.left_title"))]),
                H.el("p", [:], [.text(ctx.t("panels.left_text", p.name))]),
                H.link(ctx.t("panels.back"), SiteURL.Panels.publicList),
            ])
    }
}
