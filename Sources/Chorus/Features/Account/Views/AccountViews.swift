import Vapor
import Plot
import ChorusCore

enum AccountViews {
    static func signIn(_ req: Request, email: String, errors: [FieldError], status: HTTPResponseStatus) -> Response {
        let failure = ValidationFailure(errors)
        let back = req.queryValues["back"] ?? (try? req.content.get(String.self, at: "back")) ?? SiteURL.home
        let body: [HNode] = [
            H.el("div", ["class": "narrow"], [
                Form.errorSummary(errors, req),
                H.el("h1", ["class": "heading-xl"], [.text(req.t("signin.title"))]),
                H.el("p", [:], [.text(req.t("signin.intro"))]),
                Form.post(SiteURL.signIn, req, [
                    H.void("input", ["type": "hidden", "name": "back", "value": SiteURL.safeBack(back)]),
                    Form.field("email", label: req.t("signin.email"), control: .text(type: "email", autocomplete: "username"),
                               value: email, error: failure.message(for: "email"), required: true),
                    Form.field("password", label: req.t("signin.password"), control: .text(type: "password", autocomplete: "current-password"),
                               value: nil, error: failure.message(for: "password"), required: true),
                    Form.button(req.t("signin.submit")),
                ]),
            ]),
        ]
        return Page(title: req.t("signin.title"), body: body, status: status).response(for: req)
    }

    static func invitation(_ req: Request, name: String, email: String, token: String, errors: [FieldError]) -> Response {
        let failure = ValidationFailure(errors)
        let body: [HNode] = [
            H.el("div", ["class": "narrow"], [
                Form.errorSummary(errors, req),
                H.el("h1", ["class": "heading-xl"], [.text(req.t("invitation.title"))]),
                H.el("p", [:], [.text(req.t("invitation.intro", name, email))]),
                Form.post(SiteURL.invitation(token), req, [
                    Form.field("password", label: req.t("invitation.password"), control: .text(type: "password", autocomplete: "new-password"),
                               value: nil, error: failure.message(for: "password"), hint: req.t("invitation.password_hint"), required: true),
                    Form.field("confirm", label: req.t("invitation.confirm"), control: .text(type: "password", autocomplete: "new-password"),
                               value: nil, error: failure.message(for: "confirm"), required: true),
                    Form.button(req.t("invitation.submit")),
                ]),
            ]),
        ]
        return Page(title: req.t("invitation.title"), body: body, status: errors.isEmpty ? .ok : .badRequest).response(for: req)
    }

    static func tokens(_ req: Request, tokens: [AccountService.TokenSummary], newSecret: String?, errors: [FieldError],
                       status: HTTPResponseStatus = .ok) -> Response {
        let failure = ValidationFailure(errors)
        let date = DateText.formatter
        var body: [HNode] = [
            Form.errorSummary(errors, req),
            H.el("h1", ["class": "heading-xl"], [.text(req.t("tokens.title"))]),
            H.el("p", [:], [.text(req.t("tokens.intro"))]),
        ]
        if let newSecret {
            body.append(H.el("div", ["class": "panel panel-confirm", "role": "status"], [
                H.el("h2", ["class": "heading-m"], [.text(req.t("tokens.created"))]),
                H.el("p", [:], [.text(req.t("tokens.copy_now"))]),
                H.el("p", ["class": "token-display"], [H.el("code", ["id": "new-token"], [.text(newSecret)])]),
            ]))
        }
        body.append(Lists.table(tokens, columns: [
            .init(header: req.t("tokens.name")) { .text($0.name) },
            .init(header: req.t("tokens.prefix")) { H.el("code", [:], [.text($0.prefix + "…")]) },
            .init(header: req.t("tokens.created_at")) { .text(date.string(from: $0.createdAt)) },
            .init(header: req.t("tokens.last_used")) { .text($0.lastUsedAt.map { date.string(from: $0) } ?? req.t("tokens.never")) },
            .init(header: req.t("list.actions")) { t in
                t.revokedAt != nil ? .text(req.t("tokens.revoked"))
                    : Form.post(SiteURL.revokeToken(t.id), req, [Form.button(req.t("tokens.revoke"), warning: true)], class: "inline-form")
            },
        ], caption: req.t("tokens.title"), empty: req.t("tokens.none")))
        body.append(H.el("h2", ["class": "heading-m"], [.text(req.t("tokens.new"))]))
        body.append(Form.post(SiteURL.apiTokens, req, [
            Form.field("name", label: req.t("tokens.name"), control: .text(), value: nil, error: failure.message(for: "name"),
                       hint: req.t("tokens.name_hint"), required: true),
            Form.button(req.t("tokens.create")),
        ]))
        return Page(title: req.t("tokens.title"), body: body, status: status).response(for: req)
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
