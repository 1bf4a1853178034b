import Foundation
import Plot
import ChorusCore

/// Residents signing in: the email form, the code form, the emailed link's page, and what is said when a code is
/// refused. One thing a page, every string in the catalogue, no script.
enum ResidentViews {
    struct SignInModel: Sendable {
        let email: String
        let back: String?
        let errors: [FieldError]
        let bot: BotFields
    }

    static func signIn(_ m: SignInModel, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("resident.sign_in_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.sign_in_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("resident.sign_in_intro"))]),
                Form.post(
                    SiteURL.Residents.signInPage, ctx,
                    [
                        m.bot.html(),
                        .unwrap(m.back) { H.void("input", ["type": "hidden", "name": "back", "value": $0]) },
                        Form.field(
                            "email", label: ctx.t("resident.email"), control: .text(type: "email", autocomplete: "email"), value: m.email,
                            error: m.errors.first { $0.field == "email" }?.message, hint: ctx.t("resident.email_hint")),
                        Form.button(ctx.t("resident.send_code")),
                    ]),
                H.el("p", [:], [.text(ctx.t("resident.no_email_help"))]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    struct CodeModel: Sendable {
        let request: String
        let back: String?
        let errors: [FieldError]
    }

    static func code(_ m: CodeModel, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("resident.code_title"),
            body: [
                Form.errorSummary(m.errors, ctx),
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.code_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("resident.code_intro", Int(SignInCode.lifetime / 60)))]),
                Form.post(
                    SiteURL.Residents.codeForm, ctx,
                    [
                        H.void("input", ["type": "hidden", "name": "request", "value": m.request]),
                        .unwrap(m.back) { H.void("input", ["type": "hidden", "name": "back", "value": $0]) },
                        Form.field(
                            "code", label: ctx.t("resident.code"), control: .text(autocomplete: "one-time-code", width: "10"), value: nil,
                            error: m.errors.first { $0.field == "code" }?.message, hint: ctx.t("resident.code_hint")),
                        Form.button(ctx.t("resident.sign_in")),
                    ]),
                H.el("p", [:], [H.link(ctx.t("resident.code_again"), SiteURL.Residents.signInPage)]),
            ],
            status: m.errors.isEmpty ? .ok : .badRequest)
    }

    /// Why a code or link did not sign the resident in.
    static func refusal(_ outcome: SignInCode.Outcome, _ ctx: PageContext) -> String {
        switch outcome {
        case .accepted: return ""
        case .wrong(let remaining): return ctx.t(remaining == 1 ? "resident.code_wrong_one" : "resident.code_wrong", remaining)
        case .expired: return ctx.t("resident.code_expired")
        case .used: return ctx.t("resident.code_used")
        case .tooManyAttempts: return ctx.t("resident.code_locked")
        }
    }

    static func limited(minutes: Int, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("resident.limited_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.limited_title"))]),
                H.el("p", ["class": "lead"], [.text(ctx.t("resident.limited", minutes))]),
                H.el("p", [:], [H.link(ctx.t("frontdoor.back"), SiteURL.home)]),
            ],
            status: .tooManyRequests)
    }

    /// The emailed link's page: a button, so an email scanner that opens links does not use the link up.
    static func linkPage(token: String, state: SignInCode.Outcome, _ ctx: PageContext) -> Page {
        guard state == .accepted else { return linkRefused(state, ctx) }
        return Page(
            title: ctx.t("resident.link_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.link_title"))]),
                Form.post(SiteURL.Residents.link(token), ctx, [Form.button(ctx.t("resident.sign_in"))]),
            ])
    }

    static func linkRefused(_ outcome: SignInCode.Outcome, _ ctx: PageContext) -> Page {
        Page(
            title: ctx.t("resident.link_refused_title"),
            body: [
                H.el("h1", ["class": "heading-xl"], [.text(ctx.t("resident.link_refused_title"))]),
                H.el("p", ["class": "lead"], [.text(refusal(outcome, ctx))]),
                H.el("p", [:], [H.link(ctx.t("resident.code_again"), SiteURL.Residents.signInPage)]),
            ],
            status: .badRequest)
    }
}
