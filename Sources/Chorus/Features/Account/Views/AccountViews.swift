import Foundation
import Plot
import ChorusCore

/// Signing in, accepting an invitation, and personal API tokens: pure functions of (model, PageContext).
enum AccountViews {
    static func signIn(_ m: AccountPages.SignIn, _ ctx: PageContext) -> Page {
        let failure = ValidationFailure(m.errors)
        let body: [HNode] = [
            H.el(
                "div", ["class": "narrow"],
                [
                    Form.errorSummary(m.errors, ctx),
                    H.el("h1", ["class": "heading-xl"], [.text(ctx.t("signin.title"))]),
                    H.el("p", [:], [.text(ctx.t("signin.intro"))]),
                    Form.post(
                        SiteURL.signIn, ctx,
                        [
                            H.void("input", ["type": "hidden", "name": "back", "value": SiteURL.safeBack(m.back)]),
                            Form.field(
                                "email", label: ctx.t("signin.email"), control: .text(type: "email", autocomplete: "username"),
                                value: m.email, error: failure.message(for: "email"), required: true),
                            Form.field(
                                "password", label: ctx.t("signin.password"), control: .text(type: "password", autocomplete: "current-password"),
                                value: nil, error: failure.message(for: "password"), required: true),
                            Form.button(ctx.t("signin.submit")),
                        ]),
                ])
        ]
        var page = Page(title: ctx.t("signin.title"), body: body)
        switch m.refused {
        case nil: page.status = .ok
        case .incomplete: page.status = .badRequest
        case .wrongCredentials: page.status = .unauthorized
        case .locked: page.status = .tooManyRequests
        }
        return page
    }

    static func invitation(_ m: AccountPages.Invitation, _ ctx: PageContext) -> Page {
        let failure = ValidationFailure(m.errors)
        let body: [HNode] = [
            H.el(
                "div", ["class": "narrow"],
                [
                    Form.errorSummary(m.errors, ctx),
                    H.el("h1", ["class": "heading-xl"], [.text(ctx.t("invitation.title"))]),
                    H.el("p", [:], [.text(ctx.t("invitation.intro", m.name, m.email))]),
                    Form.post(
                        SiteURL.invitation(m.token), ctx,
                        [
                            Form.field(
                                "password", label: ctx.t("invitation.password"), control: .text(type: "password", autocomplete: "new-password"),
                                value: nil, error: failure.message(for: "password"), hint: ctx.t("invitation.password_hint"), required: true),
                            Form.field(
                                "confirm", label: ctx.t("invitation.confirm"), control: .text(type: "password", autocomplete: "new-password"),
                                value: nil, error: failure.message(for: "confirm"), required: true),
                            Form.button(ctx.t("invitation.submit")),
                        ]),
                ])
        ]
        return Page(title: ctx.t("invitation.title"), body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }

    static func tokens(_ m: AccountPages.Tokens, _ ctx: PageContext) -> Page {
        let failure = ValidationFailure(m.errors)
        let date = DateText.formatter
        var body: [HNode] = [
            Form.errorSummary(m.errors, ctx),
            H.el("h1", ["class": "heading-xl"], [.text(ctx.t("tokens.title"))]),
            H.el("p", [:], [.text(ctx.t("tokens.intro"))]),
        ]
        if let newSecret = m.newSecret {
            body.append(
                H.el(
                    "div", ["class": "panel panel-confirm", "role": "status"],
                    [
                        H.el("h2", ["class": "heading-m"], [.text(ctx.t("tokens.created"))]),
                        H.el("p", [:], [.text(ctx.t("tokens.copy_now"))]),
                        H.el("p", ["class": "token-display"], [H.el("code", ["id": "new-token"], [.text(newSecret)])]),
                    ]))
        }
        body.append(
            Lists.table(
                m.tokens,
                columns: [
                    .init(header: ctx.t("tokens.name")) { .text($0.name) },
                    .init(header: ctx.t("tokens.prefix")) { H.el("code", [:], [.text($0.prefix + "…")]) },
                    .init(header: ctx.t("tokens.created_at")) { .text(date.string(from: $0.createdAt)) },
                    .init(header: ctx.t("tokens.last_used")) { .text($0.lastUsedAt.map { date.string(from: $0) } ?? ctx.t("tokens.never")) },
                    .init(header: ctx.t("list.actions")) { t in
                        t.revokedAt != nil
                            ? .text(ctx.t("tokens.revoked"))
                            : Form.post(SiteURL.revokeToken(t.id), ctx, [Form.button(ctx.t("tokens.revoke"), warning: true)], class: "inline-form")
                    },
                ], caption: ctx.t("tokens.title"), empty: ctx.t("tokens.none")))
        body.append(H.el("h2", ["class": "heading-m"], [.text(ctx.t("tokens.new"))]))
        body.append(
            Form.post(
                SiteURL.apiTokens, ctx,
                [
                    Form.field(
                        "name", label: ctx.t("tokens.name"), control: .text(), value: nil, error: failure.message(for: "name"),
                        hint: ctx.t("tokens.name_hint"), required: true),
                    Form.button(ctx.t("tokens.create")),
                ]))
        return Page(title: ctx.t("tokens.title"), body: body, status: m.errors.isEmpty ? .ok : .badRequest)
    }
}

/// Dates shown to people: "23 Nov 2026, 16:31" (UTC).
enum DateText {
    static var formatter: DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "d MMM yyyy, HH:mm"
        return f
    }
}
