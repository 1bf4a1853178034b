import Foundation
import Plot
import ChorusCore

/// Residents' email updates: the form (a block on the front door and a page of its own), "check your email", and
/// confirming. Every string is in the catalogue (residents' pages are in every shipped language).
enum UpdatesViews {
    /// The wards and themes to choose from.
    struct Choices: Sendable {
        let wards: [Form.Option]
        let themes: [Form.Option]
    }

    struct FormModel: Sendable {
        let choices: Choices
        let values: [String: String]
        let errors: [FieldError]
        /// Bot protection: a public form (`BotGuard`).
        let bot: BotFields
    }

    /// The form's fields and button, posting to `/updates`. `idPrefix` keeps its ids apart from other forms on the
    /// same page (the front door's ward list is `f-ward` too).
    static func form(_ m: FormModel, _ ctx: PageContext, idPrefix: String? = nil) -> HNode {
        func error(_ field: String) -> String? { m.errors.first { $0.field == field }?.message }
        func id(_ field: String) -> String? { idPrefix.map { $0 + field } }
        return Form.post(
            SiteURL.Updates.subscribe, ctx,
            [
                m.bot.html(idPrefix: idPrefix),
                Form.field(
                    "email", label: ctx.t("updates.email"), control: .text(type: "email", autocomplete: "email"), value: m.values["email"],
                    error: error("email"), hint: ctx.t("updates.email_hint"), id: id("email")),
                Form.field(
                    "ward", label: ctx.t("updates.ward"), control: .select(m.choices.wards, placeholder: ctx.t("updates.any_ward")),
                    value: m.values["ward"], error: error("ward"), id: id("ward")),
                Form.field(
                    "theme", label: ctx.t("updates.theme"), control: .select(m.choices.themes, placeholder: ctx.t("updates.any_theme")),
                    value: m.values["theme"], error: error("theme"), id: id("theme")),
                Form.button(ctx.t("updates.button")),
            ])
    }

    /// The front door's block.
    static func block(_ m: FormModel, _ ctx: PageContext) -> HNode {
        H.el(
            "section", ["class": "front-section", "aria-labelledby": "updates"],
            [
                H.el("h2", ["class": "heading-l", "id": "updates"], [.text(ctx.t("updates.title"))]),
                H.el("p", [:], [.text(ctx.t("updates.intro"))]),
                form(m, ctx, idPrefix: "updates-"),
            ])
    }

    static func page(_ m: FormModel, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("updates.title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("updates.title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("updates.intro"))]),
                form(m, ctx),
                H.el("p", [:], [H.link(ctx.t("public.subscribe_borough"), SiteURL.Register.boroughCalendar)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func checkEmail(email: String, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("updates.check_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("updates.check_title"))]),
                H.el("p", ["class": "lead"], [H.template(ctx.t("updates.check"), [H.el("bdi", [:], [.text(email)])])]),
                H.el("p", [:], [H.link(ctx.t("frontdoor.back"), SiteURL.home)]),
            ])
    }

    static func confirm(token: String, about: String, done: Bool, _ ctx: PageContext) -> Page {
        let title = ctx.t(done ? "updates.confirmed_title" : "updates.confirm_title")
        return Page(
            title: title,
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(title)]),
                done
                    ? H.el("p", ["class": "lead"], [H.template(ctx.t("updates.confirmed"), [H.el("bdi", [:], [.text(about)])])])
                    : .group([
                        H.el("p", ["class": "lead"], [H.template(ctx.t("updates.confirm_intro"), [H.el("bdi", [:], [.text(about)])])]),
                        H.el(
                            "form", ["method": "post", "action": SiteURL.Updates.confirm(token), "novalidate": ""],
                            [Form.button(ctx.t("updates.confirm_button"))]),
                    ]),
                H.el("p", [:], [H.link(ctx.t("frontdoor.back"), SiteURL.home)]),
            ])
    }

    static func linkInvalid(_ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("updates.link_invalid_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("updates.link_invalid_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("updates.link_invalid"))]),
                H.el("p", [:], [H.link(ctx.t("updates.ask_again"), SiteURL.Updates.subscribe)]),
            ],
            status: .notFound)
    }
}
