import Vapor
import ChorusCore

/// Signing in and out, the interface language, accepting an invitation, and personal API tokens. Handlers parse the
/// request, call `AccountService` / `AccountPages`, and render a pure view.
enum AccountController {
    typealias URLs = SiteURL.Account.Route

    static func routes(_ r: FeatureRoutes) {
        r.site.get(URLs.signIn, use: signInPage)
        r.site.post(URLs.signIn, use: signIn).gatesItsOwnWrites()  // the password check (bcrypt) runs outside the write gate
        r.site.post(URLs.signOut, use: signOut)
        r.site.get(URLs.language, use: language)
        r.site.get(URLs.invitation, use: invitationPage)
        r.site.post(URLs.invitation, use: acceptInvitation)
        r.staff.get(URLs.tokens, use: tokens)
        r.staff.post(URLs.tokens, use: createToken)
        r.staff.post(URLs.revokeToken, use: revokeToken)
        AccountRoutes.register(api: r.api, docs: r.docs)
    }

    // MARK: Signing in and out

    @Sendable static func signInPage(_ req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: SiteURL.safeBack(req.queryValues["back"])) }
        return signInForm(req, email: "", errors: [])
    }

    @Sendable static func signIn(_ req: Request) async throws -> Response {
        let form = try Input.form(req)
        var v = Validator()
        let email = v.required("email", form["email"], label: "Email address", max: 254)
        if (form["password"] ?? "").isEmpty { v.add("password", req.t("signin.enter_password")) }
        if !v.errors.isEmpty { return signInForm(req, email: email, errors: v.errors, refused: .incomplete) }
        let address = req.clientAddress  // behind a trusted proxy, the forwarded client (CHORUS_TRUSTED_PROXIES)
        switch try await AccountService.signIn(email: email, password: form["password"] ?? "", address: address, req: req) {
        case .wrongCredentials:
            return signInForm(req, email: email, errors: [FieldError("email", req.t("signin.wrong"))], refused: .wrongCredentials)
        case .locked(let minutes):
            return signInForm(req, email: email, errors: [FieldError("email", req.t("signin.locked", minutes))], refused: .locked)
        case .success(let id):
            let response = req.redirect(to: SiteURL.safeBack(form["back"]))
            try await req.gatedWrite { try await StaffSessions.start(for: id, req: req, response: response) }
            return response
        }
    }

    /// The sign-in form; it returns to `back` from the query, else from the posted form.
    static func signInForm(_ req: Request, email: String, errors: [FieldError], refused: AccountPages.SignIn.Refusal? = nil) -> Response {
        let back = req.queryValues["back"] ?? (try? req.content.get(String.self, at: "back")) ?? SiteURL.home
        let page = AccountPages.SignIn(email: email, back: back, errors: errors, refused: refused)
        return AccountViews.signIn(page, req.page).response(req.page)
    }

    @Sendable static func signOut(_ req: Request) async throws -> Response {
        let response = req.redirect(to: SiteURL.signIn)
        // Nothing typed on this computer outlives the session (an insight's draft holds unredacted text).
        response.headers.replaceOrAdd(name: "Clear-Site-Data", value: "\"storage\"")
        try await StaffSessions.end(req: req, response: response)
        return response
    }

    @Sendable static func language(_ req: Request) async throws -> Response {
        guard let lang = UILanguage.named(req.parameters.get("code")) else { throw Abort(.notFound) }
        let response = req.redirect(to: SiteURL.safeBack(req.queryValues["back"]))
        response.rememberLanguage(lang, req)
        return response
    }

    // MARK: Invitations

    @Sendable static func invitationPage(_ req: Request) async throws -> Response {
        guard let token = req.parameters.get("token"), let page = try await AccountPages.invitation(token: token, req.db) else {
            throw Abort(.notFound)
        }
        return AccountViews.invitation(page, req.page).response(req.page)
    }

    @Sendable static func acceptInvitation(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let form = try Input.form(req)
        do {
            let person = try await PeopleService.acceptInvitation(
                token: token, password: form["password"] ?? "", confirm: form["confirm"] ?? "",
                db: req.db, cost: req.application.chorusConfig.bcryptCost, app: req.application)
            let response = req.redirect(to: SiteURL.home)
            try await StaffSessions.start(for: person.id!, req: req, response: response)
            return response
        } catch let failure as ValidationFailure {
            guard let page = try await AccountPages.invitation(token: token, errors: failure.errors, req.db) else { throw Abort(.notFound) }
            return AccountViews.invitation(page, req.page).response(req.page)
        }
    }

    // MARK: Personal API tokens

    @Sendable static func tokens(_ req: Request) async throws -> Response {
        let page = try await AccountPages.tokens(for: req.requireUser(), req.db)
        return AccountViews.tokens(page, req.page).response(req.page)
    }

    @Sendable static func createToken(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try Input.form(req)
        let page: AccountPages.Tokens
        do {
            let secret = try await AccountService.createToken(name: form["name"], user: user, db: req.db)
            page = try await AccountPages.tokens(for: user, newSecret: secret, req.db)
        } catch let failure as ValidationFailure {
            page = try await AccountPages.tokens(for: user, errors: failure.errors, req.db)
        }
        return AccountViews.tokens(page, req.page).response(req.page)
    }

    @Sendable static func revokeToken(_ req: Request) async throws -> Response {
        try await AccountService.revokeToken(req.parameters.get("id", as: UUID.self), user: try req.requireUser(), db: req.db)
        return req.redirect(to: SiteURL.apiTokens)
    }
}
